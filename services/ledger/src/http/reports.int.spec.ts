import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReportFixture, type ReportFixture } from '../testing/report-fixture.js';

/** The scenario's figures, worked out by hand in testing/report-scenario.ts. */
let fixture: ReportFixture;
let shop: ReportFixture['shop'];
let analystA: string;
const served: ReportFixture['served'] = (name, token, query) => fixture.served(name, token, query);

const NOV = { from: '2026-11-24', to: '2026-11-25' };
const noSales = {
  grossPaise: 0,
  discountPaise: 0,
  serviceChargePaise: 0,
  tipsPaise: 0,
  voids: 0,
  voidedPaise: 0,
  voidedTaxablePaise: 0,
  voidedTaxPaise: 0,
  voidedRoundOffPaise: 0,
  refunds: 0,
  refundedTaxablePaise: 0,
  refundedTaxPaise: 0,
  refundedRoundOffPaise: 0,
};

beforeAll(async () => {
  fixture = await startReportFixture();
  ({ shop, analystA } = fixture);
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

describe('sales', () => {
  it('sums store A by day: voids and refunds on the day they happen, net = payable − voided − refunded', async () => {
    const sales = await served('sales', analystA, { ...NOV, storeId: shop.ids.storeA });
    expect(sales).toMatchObject({ report: 'sales', orgId: shop.ids.org, storeIds: [shop.ids.storeA], by: 'day' });
    expect(sales.rows).toEqual([
      {
        businessDate: '2026-11-24',
        hour: null,
        ...noSales,
        orders: 2,
        grossPaise: 87_000,
        // The GST inside each cola's ₹60: 916 on O1's, 916 on O2's.
        taxIncludedPaise: 1_832,
        taxablePaise: 85_168,
        taxPaise: 5_582,
        roundOffPaise: 50,
        payablePaise: 90_800,
        collectedPaise: 90_800,
        refundedPaise: 0,
        netPaise: 90_800,
      },
      {
        businessDate: '2026-11-25',
        hour: null,
        ...noSales,
        orders: 1,
        grossPaise: 81_000,
        taxIncludedPaise: 916,
        taxablePaise: 80_084,
        taxPaise: 4_666,
        roundOffPaise: 50,
        payablePaise: 84_800,
        collectedPaise: 84_800,
        // O3 voided whole; O1's cola refunded, its round-off waiting for O1's last refund.
        voids: 1,
        voidedPaise: 84_800,
        voidedTaxablePaise: 80_084,
        voidedTaxPaise: 4_666,
        voidedRoundOffPaise: 50,
        refunds: 1,
        refundedPaise: 6_000,
        refundedTaxablePaise: 5_084,
        refundedTaxPaise: 916,
        netPaise: -6_000,
      },
    ]);
    expect(sales.totals).toEqual({
      ...noSales,
      orders: 3,
      grossPaise: 168_000,
      taxIncludedPaise: 2_748,
      taxablePaise: 165_252,
      taxPaise: 10_248,
      roundOffPaise: 100,
      payablePaise: 175_600,
      collectedPaise: 175_600,
      voids: 1,
      voidedPaise: 84_800,
      voidedTaxablePaise: 80_084,
      voidedTaxPaise: 4_666,
      voidedRoundOffPaise: 50,
      refunds: 1,
      refundedPaise: 6_000,
      refundedTaxablePaise: 5_084,
      refundedTaxPaise: 916,
      netPaise: 84_800,
    });
  });

  it('splits a day by store-local hour', async () => {
    const sales = await served('sales', analystA, { from: '2026-11-24', to: '2026-11-24', by: 'hour' });
    expect(
      sales.rows.map((row) => [row.businessDate, row.hour, row.orders, row.taxablePaise, row.payablePaise]),
    ).toEqual([
      ['2026-11-24', 13, 1, 80_084, 84_800],
      ['2026-11-24', 20, 1, 5_084, 6_000],
    ]);
  });

  it('covers every store the owner may read when no store is named', async () => {
    const sales = await served('sales', shop.ownerToken, { from: '2026-11-24', to: '2026-11-24' });
    expect(sales.storeIds).toEqual([shop.ids.storeA, shop.ids.storeB]);
    // Store B's Margherita: taxable 32,500, tax 1,626, round-off −26, payable 34,100.
    expect(sales.totals).toMatchObject({
      orders: 3,
      grossPaise: 119_500,
      taxablePaise: 117_668,
      taxPaise: 7_208,
      roundOffPaise: 24,
      payablePaise: 124_900,
      netPaise: 124_900,
    });
  });
});

describe('items, payments and GST', () => {
  it('ranks top sellers by net quantity, voids and refunds taken off', async () => {
    const items = await served('items', analystA, NOV);
    expect(items.rows).toEqual([
      {
        rank: 1,
        itemId: shop.ids.pizza,
        name: 'Margherita',
        quantitySold: 4,
        refundedQuantity: 0,
        voidedQuantity: 2,
        netQuantity: 2,
        taxablePaise: 150_000,
        refundedTaxablePaise: 0,
        voidedTaxablePaise: 75_000,
        netTaxablePaise: 75_000,
      },
      {
        rank: 2,
        itemId: shop.ids.cola,
        name: 'Cola 300 ml',
        quantitySold: 3,
        refundedQuantity: 1,
        voidedQuantity: 1,
        netQuantity: 1,
        taxablePaise: 15_252,
        refundedTaxablePaise: 5_084,
        voidedTaxablePaise: 5_084,
        netTaxablePaise: 5_084,
      },
    ]);
    const top = await served('items', analystA, {
      ...NOV,
      limit: '1',
    });
    expect([top.limit, top.rows.map((row) => row.name)]).toEqual([1, ['Margherita']]);
  });

  it('gives the payment mix by tender kind, applied summing to the sales report’s payable', async () => {
    const payments = await served('payments', analystA, NOV);
    const none = { tipsPaise: 0, refunds: 0, refundedPaise: 0, voidedPaise: 0 };
    expect(payments.rows).toEqual([
      {
        tenderKind: 'cash',
        tenders: 2,
        appliedPaise: 69_600,
        tipsPaise: 0,
        refunds: 1,
        refundedPaise: 6_000,
        voidedPaise: 34_800,
        netPaise: 28_800,
      },
      { tenderKind: 'card', ...none, tenders: 2, appliedPaise: 100_000, voidedPaise: 50_000, netPaise: 50_000 },
      { tenderKind: 'upi', ...none, tenders: 1, appliedPaise: 6_000, netPaise: 6_000 },
    ]);
    expect(payments.totals).toEqual({
      tenders: 5,
      appliedPaise: 175_600,
      tipsPaise: 0,
      refunds: 1,
      refundedPaise: 6_000,
      voidedPaise: 84_800,
      netPaise: 84_800,
    });
  });

  it('summarises GST by segment, supply, rate and HSN/SAC: B2C CGST + SGST, the inter-state invoice IGST', async () => {
    const gst = await served('gst', analystA, NOV);
    expect(gst.rows).toEqual([
      {
        segment: 'B2C',
        supply: 'intra_state',
        rateBasisPoints: 500,
        hsnSac: '996331',
        taxablePaise: 75_000,
        cgstPaise: 1_875,
        sgstPaise: 1_875,
        igstPaise: 0,
        taxPaise: 3_750,
      },
      {
        segment: 'B2C',
        supply: 'intra_state',
        rateBasisPoints: 1_800,
        hsnSac: '22021010',
        taxablePaise: 5_084,
        cgstPaise: 458,
        sgstPaise: 458,
        igstPaise: 0,
        taxPaise: 916,
      },
      {
        segment: 'B2B',
        supply: 'inter_state',
        rateBasisPoints: 500,
        hsnSac: '996331',
        taxablePaise: 325_000,
        cgstPaise: 0,
        sgstPaise: 0,
        igstPaise: 16_250,
        taxPaise: 16_250,
      },
    ]);
    expect(gst.totals).toEqual({
      taxablePaise: 405_084,
      cgstPaise: 2_333,
      sgstPaise: 2_333,
      igstPaise: 16_250,
      taxPaise: 20_916,
    });
  });

  it('reconciles the GST summary with the sales report to the paisa: voids and refunds out, B2B invoices in', async () => {
    const gst = await served('gst', analystA, NOV);
    const sales = await served('sales', analystA, NOV);
    expect(gst.reconciliation).toEqual([
      // The sales report's taxable and tax for the same stores and period.
      { line: 'sales', taxablePaise: sales.totals.taxablePaise, taxPaise: sales.totals.taxPaise },
      // O3 voided whole: 80,084 + 4,666.
      { line: 'voids', taxablePaise: -80_084, taxPaise: -4_666 },
      // O1's cola: 5,084 + 458 + 458.
      { line: 'refunds', taxablePaise: -5_084, taxPaise: -916 },
      // INV-1, inter-state: 3,25,000 + IGST 16,250; INV-2 was issued in August.
      { line: 'b2b', taxablePaise: 325_000, taxPaise: 16_250 },
      { line: 'unexplained', taxablePaise: 0, taxPaise: 0 },
    ]);
    expect(sales.totals).toMatchObject({ taxablePaise: 165_252, taxPaise: 10_248 });
    expect(165_252 - 80_084 - 5_084 + 325_000).toBe(gst.totals.taxablePaise);
  });
});

describe('stock, shifts and receivables', () => {
  it('lists stock on hand, negative balances first and flagged', async () => {
    const stock = await served('stock', shop.ownerToken, {});
    expect(stock.period).toBeNull();
    expect(stock.movements).toEqual([]);
    expect(stock.rows).toEqual([
      {
        storeId: shop.ids.storeB,
        stockItemId: shop.ids.dough,
        stockItemName: 'Pizza dough',
        unit: 'g',
        onHand: -250,
        negative: true,
        lastCountedQuantity: null,
        lastCountedAt: null,
      },
      {
        storeId: shop.ids.storeA,
        stockItemId: shop.ids.dough,
        stockItemName: 'Pizza dough',
        unit: 'g',
        onHand: 12_000,
        negative: false,
        lastCountedQuantity: 12_000,
        lastCountedAt: '2026-11-25T16:30:00.000Z',
      },
    ]);
    expect(stock.negativeItems).toBe(1);
  });

  it('gives each stock item’s period from opening to closing, by business date, and the figures add up', async () => {
    const closingOf = (row: {
      openingOnHand: number;
      received: number;
      transferredIn: number;
      transferredOut: number;
      sold: number;
      wasted: number;
      countVariance: number;
    }) =>
      row.openingOnHand +
      row.received +
      row.transferredIn -
      row.transferredOut -
      row.sold -
      row.wasted +
      row.countVariance;
    const dough = { stockItemId: shop.ids.dough, stockItemName: 'Pizza dough', unit: 'g', received: 0 };
    const moved = { transferredIn: 0, transferredOut: 0, wasted: 0 };

    const both = await served('stock', shop.ownerToken, NOV);
    expect(both.period).toEqual(NOV);
    expect(both.rows).toEqual([]);
    // Rows come by store id, then item name; the stores' ids are random here.
    const byStore = <Row extends { storeId: string }>(rows: Row[]) =>
      rows.sort((a, b) => a.storeId.localeCompare(b.storeId));
    expect(both.movements).toEqual(
      byStore([
        // Store A: O1 (2 pizzas × 250 g) on the 24th, O3 on the 25th (a void does not restock),
        // then a count of 12,000 g where −1,000 g were on record: 13,000 g found.
        {
          ...dough,
          ...moved,
          storeId: shop.ids.storeA,
          openingOnHand: 0,
          sold: 1_000,
          counts: 1,
          countVariance: 13_000,
          closingOnHand: 12_000,
          negative: false,
        },
        {
          ...dough,
          ...moved,
          storeId: shop.ids.storeB,
          openingOnHand: 0,
          sold: 250,
          counts: 0,
          countVariance: 0,
          closingOnHand: -250,
          negative: true,
        },
      ]),
    );
    expect(both.negativeItems).toBe(1);

    // The 25th alone opens where the 24th closed.
    const second = await served('stock', shop.ownerToken, {
      from: '2026-11-25',
      to: '2026-11-25',
      storeId: shop.ids.storeA,
    });
    expect(second.movements).toEqual([
      {
        ...dough,
        ...moved,
        storeId: shop.ids.storeA,
        openingOnHand: -500,
        sold: 500,
        counts: 1,
        countVariance: 13_000,
        closingOnHand: 12_000,
        negative: false,
      },
    ]);
    for (const row of [...both.movements, ...second.movements]) expect(closingOf(row)).toBe(row.closingOnHand);

    // A period ending today closes at the balance now.
    const now = await served('stock', shop.ownerToken, {});
    for (const balance of now.rows) {
      const closing = both.movements.find((row) => row.storeId === balance.storeId);
      expect(closing?.closingOnHand).toBe(balance.onHand);
    }
  });

  it('gives a Z report for the closed shift and an X report for the open one', async () => {
    const shifts = await served('shifts', analystA, NOV);
    const opened = { storeId: shop.ids.storeA, openedBy: shop.ids.cashierA };
    expect(shifts.rows).toEqual([
      expect.objectContaining({
        ...opened,
        registerId: shop.ids.r1,
        businessDate: '2026-11-24',
        status: 'closed',
        kind: 'Z',
        openedAt: '2026-11-24T03:30:00.000Z',
        closedAt: '2026-11-24T17:40:00.000Z',
        closedBy: shop.ids.cashierA,
        floatPaise: 200_000,
        cashInPaise: 0,
        cashOutPaise: 15_000,
        cashSalesPaise: 40_000,
        changeGivenPaise: 5_200,
        cashRefundsPaise: 0,
        expectedCashPaise: 219_800,
        countedCashPaise: 218_000,
        variancePaise: -1_800,
      }),
      expect.objectContaining({
        ...opened,
        registerId: shop.ids.r2,
        businessDate: '2026-11-25',
        status: 'open',
        kind: 'X',
        closedAt: null,
        floatPaise: 100_000,
        cashInPaise: 5_000,
        cashOutPaise: 0,
        cashSalesPaise: null,
        expectedCashPaise: null,
        countedCashPaise: null,
        variancePaise: null,
      }),
    ]);
  });

  it('ages outstanding invoices as of a date, part payments taken off', async () => {
    const receivables = await served('receivables', analystA, {
      from: '2026-08-01',
      to: '2026-12-31',
      asOf: '2027-01-20',
    });
    expect(receivables.asOf).toBe('2027-01-20');
    expect(
      receivables.rows.map((row) => [row.invoiceNumber, row.status, row.outstandingPaise, row.daysPastDue, row.bucket]),
    ).toEqual([
      ['INV/26-27/0002', 'overdue', 30_000, 172, '90+'],
      ['INV/26-27/0001', 'issued', 241_300, 42, '31-60'],
    ]);
    expect(receivables.rows[1]).toMatchObject({ payablePaise: 341_300, paidPaise: 100_000, dueDate: '2026-12-09' });
    expect(receivables.aging).toEqual([
      { bucket: 'not-due', invoices: 0, outstandingPaise: 0 },
      { bucket: '1-30', invoices: 0, outstandingPaise: 0 },
      { bucket: '31-60', invoices: 1, outstandingPaise: 241_300 },
      { bucket: '61-90', invoices: 0, outstandingPaise: 0 },
      { bucket: '90+', invoices: 1, outstandingPaise: 30_000 },
    ]);
    expect(receivables.outstandingPaise).toBe(271_300);
  });

  it('ages as of the period’s end by default, and lists only invoices issued in the period', async () => {
    const december = await served('receivables', analystA, { from: '2026-08-01', to: '2026-12-31' });
    expect([december.asOf, december.rows.map((row) => [row.daysPastDue, row.bucket])]).toEqual([
      '2026-12-31',
      [
        [152, '90+'],
        [22, '1-30'],
      ],
    ]);
    const november = await served('receivables', analystA, {
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(november.rows.map((row) => [row.invoiceNumber, row.daysPastDue, row.daysUntilDue, row.bucket])).toEqual([
      ['INV/26-27/0001', null, 9, 'not-due'],
    ]);
  });
});
