import { REPORT_NAMES, reportRoutes, type ReportName, type ReportOf } from '@possier/events';
import { describe, expect, it } from 'vitest';
import { BRAND, id, ORG, REGISTER, STORE } from '../testing/fixtures.js';
import { reportQueries } from './index.js';
import { rowsOf } from '../memory-tables.js';
import { gstSummaryProjection } from '../projections/gst-summary.projection.js';
import { salesByHourProjection } from '../projections/sales-by-hour.projection.js';
import { rmGstSummary, rmSalesByHour } from '../tables.js';
import { fold } from '../testing/fold.js';
import { banquet } from '../testing/scenarios.js';
import { wholeDay } from '../testing/whole-day.js';
import type { ReadModelQuery } from './report-query.js';

const CUSTOMER = id(0xc1);
const OTHER_CUSTOMER = id(0xc2);
const ITEM = id(0x11);
const STOCK_ITEM = id(0x5c);
const ORDER = id(0x0d);
const INVOICE = id(0x1e);
const SHIFT = id(0x5f);
const scope = { orgId: ORG, storeIds: [STORE] };

/** The sales query's figures and the rm_sales_by_hour columns they sum. */
const SUMMED_COLUMNS = {
  ordersCount: 'orders_count',
  grossPaise: 'gross_paise',
  discountPaise: 'discount_paise',
  serviceChargePaise: 'service_charge_paise',
  taxIncludedPaise: 'tax_included_paise',
  taxablePaise: 'taxable_paise',
  taxPaise: 'tax_paise',
  roundOffPaise: 'round_off_paise',
  payablePaise: 'payable_paise',
  tipsPaise: 'tips_paise',
  voidsCount: 'voids_count',
  voidedPaise: 'voided_paise',
  voidedTaxablePaise: 'voided_taxable_paise',
  voidedTaxPaise: 'voided_tax_paise',
  voidedRoundOffPaise: 'voided_round_off_paise',
  refundsCount: 'refunds_count',
  refundedPaise: 'refunded_paise',
  refundedTaxablePaise: 'refunded_taxable_paise',
  refundedTaxPaise: 'refunded_tax_paise',
  refundedRoundOffPaise: 'refunded_round_off_paise',
} as const;
const NOV = { from: '2026-11-24', to: '2026-11-25' };

/** A database that answers each statement, in the order the query sends them, with text rows. */
const answering = (...answers: object[][]) => {
  const sent: Array<{ sql: string; params: ReadonlyArray<unknown> }> = [];
  const read: ReadModelQuery = async <Row extends object>(sql: string, params: ReadonlyArray<unknown>) => {
    sent.push({ sql, params });
    return (answers[sent.length - 1] ?? []) as Row[];
  };
  return { read, sent };
};

/** Runs report `name` and holds its answer to the contract's response schema. */
const run = async <Name extends ReportName>(
  name: Name,
  read: ReadModelQuery,
  query: Record<string, unknown> = {},
): Promise<ReportOf<Name>> => {
  const parsed = reportRoutes[name].query.parse(query);
  const report = await reportQueries[name](read, scope, parsed as never);
  return reportRoutes[name].response.parse(report) as ReportOf<Name>;
};

const sales = (payable: string, voided: string, refunded: string) => ({
  ordersCount: '3',
  grossPaise: payable,
  discountPaise: '0',
  serviceChargePaise: '0',
  taxablePaise: payable,
  taxPaise: '0',
  roundOffPaise: '0',
  payablePaise: payable,
  voidsCount: '1',
  voidedPaise: voided,
  refundsCount: '1',
  refundedPaise: refunded,
});

describe('report queries', () => {
  it('answer every report of the contract', () => {
    expect(Object.keys(reportQueries).sort()).toEqual([...REPORT_NAMES].sort());
  });

  it('read only the covered stores and the period, passed as parameters rather than spliced into the SQL', async () => {
    const { read, sent } = answering();
    await run('sales', read, NOV);
    for (const statement of sent) {
      expect(statement.params).toEqual([[STORE], NOV.from, NOV.to]);
      expect(statement.sql).not.toContain(STORE);
    }
  });

  it('net sales are payable less voids and refunds, and a period with no sales totals zero', async () => {
    const { read } = answering([{ businessDate: '2026-11-24', hour: '13', ...sales('50000', '1000', '2000') }], []);
    const report = await run('sales', read, { ...NOV, by: 'hour' });
    expect(report.rows).toEqual([
      expect.objectContaining({ businessDate: '2026-11-24', hour: 13, payablePaise: 50_000, netPaise: 47_000 }),
    ]);
    expect(report.totals).toMatchObject({ orders: 0, netPaise: 0 });
  });

  it('give sales rows and totals that add up on screen, on a whole day with a banquet, voids, refunds and tips', async () => {
    const ledger = wholeDay();
    banquet(ledger);
    const projected = rowsOf(fold([salesByHourProjection], ledger.events), rmSalesByHour);
    // The database's answer to the by-hour query: one group per projected hour, then the totals.
    const asText = (row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(SUMMED_COLUMNS).map(([figure, column]) => [figure, String(row[column] ?? 0)]));
    const totals = Object.fromEntries(
      Object.entries(SUMMED_COLUMNS).map(([figure, column]) => [
        figure,
        String(projected.reduce((sum, row) => sum + Number(row[column]), 0)),
      ]),
    );
    const { read } = answering(
      projected.map((row) => ({ businessDate: row.business_date, hour: String(row.hour), ...asText(row) })),
      [totals],
    );
    const report = await run('sales', read, { ...NOV, by: 'hour' });
    expect(report.rows).toHaveLength(projected.length);
    for (const row of [...report.rows, report.totals]) {
      expect(row.grossPaise - row.discountPaise + row.serviceChargePaise - row.taxIncludedPaise).toBe(row.taxablePaise);
      expect(row.taxablePaise + row.taxPaise + row.roundOffPaise).toBe(row.payablePaise);
      expect(row.payablePaise + row.tipsPaise).toBe(row.collectedPaise);
      expect(row.voidedTaxablePaise + row.voidedTaxPaise + row.voidedRoundOffPaise).toBe(row.voidedPaise);
      expect(row.refundedTaxablePaise + row.refundedTaxPaise + row.refundedRoundOffPaise).toBe(row.refundedPaise);
      expect(row.payablePaise - row.voidedPaise - row.refundedPaise).toBe(row.netPaise);
    }
    // The banquet's service charge and the cola's tax inside its price are in the totals, not lost.
    expect(report.totals).toMatchObject({ serviceChargePaise: 9_475, tipsPaise: 2_500 + 5_000 });
  });

  it('refuse a sum past the safe integers instead of rounding it', async () => {
    const { read } = answering([], [sales('9007199254740993', '0', '0')]);
    await expect(run('sales', read, NOV)).rejects.toThrow(/9007199254740993/);
  });

  it('rank items by net quantity sold, less refunds and voids', async () => {
    const item = (itemId: string, name: string, sold: string) => ({
      itemId,
      name,
      quantitySold: sold,
      refundedQuantity: '1',
      voidedQuantity: '0',
      taxablePaise: '10000',
      refundedTaxablePaise: '1000',
      voidedTaxablePaise: '0',
    });
    const { read } = answering([item(ITEM, 'Margherita', '4'), item(id(0x12), 'Cola', '9')]);
    const report = await run('items', read, NOV);
    expect(report.rows.map((row) => [row.name, row.netQuantity, row.netTaxablePaise])).toEqual([
      ['Cola', 8, 9_000],
      ['Margherita', 3, 9_000],
    ]);
  });

  it('list tenders in the contract’s order of kinds', async () => {
    const mix = (tenderKind: string) => ({ tenderKind, tendersCount: '1', appliedPaise: '500', tipsPaise: null });
    const { read } = answering([mix('upi'), mix('cash')], [{ tendersCount: '2', appliedPaise: '1000' }]);
    const report = await run('payments', read, NOV);
    expect(report.rows.map((row) => row.tenderKind)).toEqual(['cash', 'upi']);
    expect(report.totals).toMatchObject({ tenders: 2, netPaise: 1_000, tipsPaise: 0 });
  });

  it('sum GST by segment, supply, rate and HSN/SAC, tax being CGST + SGST + IGST', async () => {
    const gst = { segment: 'B2C', supply: 'intra_state', rateBp: '500', hsnSac: '996331', taxablePaise: '10000' };
    const { read } = answering([{ ...gst, cgstPaise: '250', sgstPaise: '250', igstPaise: '0' }], []);
    const report = await run('gst', read, NOV);
    expect(report.rows[0]).toMatchObject({ rateBasisPoints: 500, taxPaise: 500 });
  });

  it('reconcile GST with the sales report to the paisa on a whole day of sales, reversals, invoices and notes', async () => {
    const ledger = wholeDay();
    banquet(ledger);
    const tables = fold([gstSummaryProjection, salesByHourProjection], ledger.events);
    const gstRows = rowsOf(tables, rmGstSummary);
    const salesRows = rowsOf(tables, rmSalesByHour);
    const total = (rows: ReadonlyArray<Record<string, unknown>>, column: string) =>
      String(rows.reduce((sum, row) => sum + Number(row[column]), 0));
    const gstSums = (rows: ReadonlyArray<Record<string, unknown>>) => ({
      taxablePaise: total(rows, 'taxable_paise'),
      cgstPaise: total(rows, 'cgst_paise'),
      sgstPaise: total(rows, 'sgst_paise'),
      igstPaise: total(rows, 'igst_paise'),
    });
    // The database's answers, in the order the query asks: groups, GST totals, the sales side, B2B.
    const { read } = answering(
      [],
      [gstSums(gstRows)],
      [
        {
          taxablePaise: total(salesRows, 'taxable_paise'),
          taxPaise: total(salesRows, 'tax_paise'),
          voidedTaxablePaise: total(salesRows, 'voided_taxable_paise'),
          voidedTaxPaise: total(salesRows, 'voided_tax_paise'),
          refundedTaxablePaise: total(salesRows, 'refunded_taxable_paise'),
          refundedTaxPaise: total(salesRows, 'refunded_tax_paise'),
        },
      ],
      [gstSums(gstRows.filter((row) => row.segment === 'B2B'))],
    );
    const report = await run('gst', read, { from: '2026-01-01', to: '2026-12-31' });
    const line = (name: string) => report.reconciliation.find((row) => row.line === name);
    expect(report.reconciliation.map((row) => row.line)).toEqual(['sales', 'voids', 'refunds', 'b2b', 'unexplained']);
    expect(line('unexplained')).toEqual({ line: 'unexplained', taxablePaise: 0, taxPaise: 0 });
    for (const figure of ['taxablePaise', 'taxPaise'] as const) {
      expect(report.reconciliation.reduce((sum, row) => sum + row[figure], 0)).toBe(report.totals[figure]);
    }
    // Each line is really there: the dinner voided, the lunch refunded, the invoices issued.
    expect(line('voids')?.taxablePaise).toBeLessThan(0);
    expect(line('refunds')?.taxablePaise).toBeLessThan(0);
    expect(line('b2b')?.taxablePaise).toBeGreaterThan(0);
  });

  it('show what the reconciliation does not explain rather than absorb it', async () => {
    const { read } = answering(
      [],
      [{ taxablePaise: '10000', cgstPaise: '250', sgstPaise: '250', igstPaise: '0' }],
      [{ taxablePaise: '9000', taxPaise: '450' }],
      [],
    );
    const report = await run('gst', read, NOV);
    expect(report.reconciliation.at(-1)).toEqual({ line: 'unexplained', taxablePaise: 1_000, taxPaise: 50 });
  });

  it('put negative stock first, with the offline sale that took it below zero', async () => {
    const balance = (stockItemId: string, onHand: string) => ({
      storeId: STORE,
      stockItemId,
      onHand,
      lastCountedQuantity: null,
      lastCountedAt: null,
    });
    const conflict = {
      storeId: STORE,
      stockItemId: STOCK_ITEM,
      orderId: ORDER,
      registerId: REGISTER,
      onHandAfter: '-200',
      detail: 'dough below zero',
      recordedAt: '2026-11-24T08:00:00.000Z',
    };
    const dough = { stockItemId: STOCK_ITEM, name: 'Pizza dough', unit: 'g' };
    const { read } = answering([balance(id(0x5b), '900'), balance(STOCK_ITEM, '-200')], [dough], [conflict], [dough]);
    const report = await run('stock', read);
    expect(report.rows.map((row) => [row.onHand, row.stockItemName])).toEqual([
      [-200, 'Pizza dough'],
      [900, null],
    ]);
    expect([report.negativeItems, report.conflicts[0]?.onHandAfter]).toEqual([1, -200]);
    expect(report.conflicts[0]?.stockItemName).toBe('Pizza dough');
  });

  it('fold a stock period from the opening SQL sums, counting a count’s variance against the on hand before it', async () => {
    const moved = (kind: string, quantity: string) => ({ storeId: STORE, stockItemId: STOCK_ITEM, kind, quantity });
    const { read, sent } = answering(
      [{ storeId: STORE, stockItemId: STOCK_ITEM, onHand: '1000' }],
      [moved('receipt', '5000'), moved('sale', '-750'), moved('count', '5000'), moved('waste', '-100')],
      [{ stockItemId: STOCK_ITEM, name: 'Pizza dough', unit: 'g' }],
    );
    const report = await run('stock', read, { from: '2026-11-24', to: '2026-11-30' });
    expect(report.period).toEqual({ from: '2026-11-24', to: '2026-11-30' });
    expect(report.rows).toEqual([]);
    expect(report.movements).toEqual([
      {
        storeId: STORE,
        stockItemId: STOCK_ITEM,
        stockItemName: 'Pizza dough',
        unit: 'g',
        openingOnHand: 1_000,
        received: 5_000,
        transferredIn: 0,
        transferredOut: 0,
        sold: 750,
        wasted: 100,
        counts: 1,
        // 5,250 on record, 5,000 counted
        countVariance: -250,
        closingOnHand: 4_900,
        negative: false,
      },
    ]);
    // The opening is everything before `from`, the movements the dates of the period.
    expect(sent[0]?.params).toEqual([[STORE], '2026-11-24']);
    expect(sent[1]?.params).toEqual([[STORE], '2026-11-24', '2026-11-30']);
  });

  it('call a shift X while open and Z once closed', async () => {
    const shift = {
      shiftId: SHIFT,
      storeId: STORE,
      registerId: REGISTER,
      businessDate: '2026-11-24',
      status: 'open',
      openedBy: id(0xca),
      openedAt: '2026-11-24T04:00:00.000Z',
      closedBy: null,
      closedAt: null,
      floatPaise: '200000',
      cashInPaise: '0',
      cashOutPaise: '0',
      cashSalesPaise: null,
      changeGivenPaise: null,
      cashRefundsPaise: null,
      expectedCashPaise: null,
      countedCashPaise: null,
      variancePaise: null,
    };
    const { read } = answering([shift, { ...shift, shiftId: id(0x60), status: 'closed', variancePaise: '-500' }]);
    const report = await run('shifts', read, NOV);
    expect(report.rows.map((row) => [row.kind, row.variancePaise])).toEqual([
      ['X', null],
      ['Z', -500],
    ]);
  });

  it('age receivables as of the period’s end, reading no invoice issued after it', async () => {
    const invoice = {
      invoiceId: INVOICE,
      storeId: STORE,
      invoiceNumber: 'INV-1',
      customerId: CUSTOMER,
      customerName: 'Acme Foods',
      customerGstin: '27AAAAA0000A1Z5',
      issueDate: '2026-11-24',
      dueDate: '2026-11-30',
      status: 'issued',
      payablePaise: '100000',
      creditedPaise: '0',
      debitedPaise: '0',
      discountPaise: '0',
      paidPaise: '40000',
      outstandingPaise: '60000',
    };
    const { read, sent } = answering([invoice]);
    const report = await run('receivables', read, { ...NOV, asOf: '2026-11-24' });
    expect(sent[0]?.params).toEqual([[STORE], NOV.from, '2026-11-24']);
    expect(report.asOf).toBe('2026-11-24');
  });

  it('open a statement with what was owed before the period, then list its entries', async () => {
    const invoice = {
      invoiceId: INVOICE,
      invoiceNumber: 'INV-1',
      customerName: 'Acme',
      customerGstin: '27AAAAA0000A1Z5',
    };
    const entry = {
      date: '2026-11-24',
      kind: 'payment',
      invoiceId: INVOICE,
      documentNumber: 'UTR-9',
      debitPaise: '0',
      creditPaise: '40000',
    };
    const { read } = answering([invoice], [{ debitPaise: '100000', creditPaise: null }], [entry]);
    const report = await run('statement', read, { ...NOV, customerId: CUSTOMER });
    expect(report).toMatchObject({ customerName: 'Acme', openingBalancePaise: 100_000 });
    expect(report.rows[0]).toMatchObject({ invoiceNumber: 'INV-1', creditPaise: 40_000, balancePaise: 60_000 });
  });

  it('rank customers by net spend and leave their names to whoever holds the keys', async () => {
    const spend = (customerId: string, spendPaise: string) => ({
      customerId,
      ordersCount: '2',
      spendPaise,
      refundedPaise: '0',
      voidedPaise: '0',
    });
    const { read } = answering([spend(CUSTOMER, '1000'), spend(OTHER_CUSTOMER, '5000')]);
    const report = await run('customers', read, { ...NOV, limit: '1' });
    expect(report.rows).toEqual([expect.objectContaining({ customerId: OTHER_CUSTOMER, name: '' })]);
    expect([report.customers, report.totals.netSpendPaise]).toEqual([2, 6_000]);
  });

  it('price points outstanding at the brand’s point value', async () => {
    const account = { brandId: BRAND, members: '2', points: '300', earnedPoints: '400', redeemedPoints: '100' };
    const { read } = answering([{ brandId: BRAND }], [account], [{ brandId: BRAND, pointValuePaise: '25' }], []);
    const report = await run('loyalty', read);
    expect(report.rows[0]).toMatchObject({ members: 2, pointsOutstanding: 300, liabilityPaise: 7_500 });
    expect(report.totals.liabilityPaise).toBe(7_500);
  });

  it('price a loyalty period’s closing points at the brand’s point value, the period in the totals', async () => {
    const days = {
      brandId: BRAND,
      members: '2',
      openingPoints: '100',
      earnedPoints: '400',
      redeemedPoints: '150',
      reversedPoints: '30',
      expiredPoints: '20',
      closingPoints: '300',
    };
    // Stores' brands, the rules and the conflicts (the balance query is not run), then the days.
    const { read, sent } = answering([{ brandId: BRAND }], [{ brandId: BRAND, pointValuePaise: '25' }], [], [days]);
    const report = await run('loyalty', read, { from: '2026-11-01', to: '2026-11-30' });
    expect(report.rows).toEqual([]);
    expect(report.movements).toEqual([
      {
        brandId: BRAND,
        pointValuePaise: 25,
        members: 2,
        openingPoints: 100,
        earnedPoints: 400,
        redeemedPoints: 150,
        reversedPoints: 30,
        expiredPoints: 20,
        closingPoints: 300,
        closingLiabilityPaise: 7_500,
      },
    ]);
    expect(report.totals).toEqual({ pointsOutstanding: 300, liabilityPaise: 7_500 });
    expect(sent[3]?.params).toEqual([[BRAND], '2026-11-01', '2026-11-30']);
  });
});
