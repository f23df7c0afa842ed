import { GstReport, PaymentsReport, SalesReport, ShiftsReport, type SalesFigures } from '@possier/events';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../format/table.js';
import { viewsOf } from './report-views.js';

const ORG = '0193a000-0000-7000-8000-00000000000a';
const STORE = '0193a000-0000-7000-8000-00000000005a';

const none: SalesFigures = {
  orders: 0,
  grossPaise: 0,
  discountPaise: 0,
  serviceChargePaise: 0,
  taxIncludedPaise: 0,
  taxablePaise: 0,
  taxPaise: 0,
  roundOffPaise: 0,
  payablePaise: 0,
  tipsPaise: 0,
  collectedPaise: 0,
  voids: 0,
  voidedPaise: 0,
  voidedTaxablePaise: 0,
  voidedTaxPaise: 0,
  voidedRoundOffPaise: 0,
  refunds: 0,
  refundedPaise: 0,
  refundedTaxablePaise: 0,
  refundedTaxPaise: 0,
  refundedRoundOffPaise: 0,
  netPaise: 0,
};

/**
 * Two days of read-models' test scenarios as the API answers them. 24 November: the lunch
 * (gross 81000, 916 of GST inside the cola's price, taxable 80084, tax 4666, round-off +50,
 * payable 84800, a 2000 tip), the banquet (gross 109500, discount 14750, service charge 9475,
 * 1912 inside prices, taxable 102313, tax 6496, round-off −9, payable 108800, a 5000 tip) and a
 * pizza (32500 + 1626 − 26 = 34100) voided that evening. 25 November: the lunch refunded, 39376
 * then 45424 with the bill's +50 round-off.
 */
const day24: SalesFigures = {
  ...none,
  orders: 3,
  grossPaise: 81_000 + 109_500 + 32_500,
  discountPaise: 14_750,
  serviceChargePaise: 9_475,
  taxIncludedPaise: 916 + 1_912,
  taxablePaise: 80_084 + 102_313 + 32_500,
  taxPaise: 4_666 + 6_496 + 1_626,
  roundOffPaise: 50 - 9 - 26,
  payablePaise: 84_800 + 108_800 + 34_100,
  tipsPaise: 2_000 + 5_000,
  collectedPaise: 84_800 + 108_800 + 34_100 + 7_000,
  voids: 1,
  voidedPaise: 34_100,
  voidedTaxablePaise: 32_500,
  voidedTaxPaise: 1_626,
  voidedRoundOffPaise: -26,
  netPaise: 84_800 + 108_800,
};
const day25: SalesFigures = {
  ...none,
  refunds: 2,
  refundedPaise: 84_800,
  refundedTaxablePaise: 80_084,
  refundedTaxPaise: 4_666,
  refundedRoundOffPaise: 50,
  netPaise: -84_800,
};
const sum = (figure: keyof SalesFigures) => day24[figure] + day25[figure];

const report = SalesReport.parse({
  report: 'sales',
  orgId: ORG,
  storeIds: [STORE],
  from: '2026-11-24',
  to: '2026-11-25',
  by: 'day',
  rows: [
    { businessDate: '2026-11-24', hour: null, ...day24 },
    { businessDate: '2026-11-25', hour: null, ...day25 },
  ],
  totals: Object.fromEntries(Object.keys(none).map((figure) => [figure, sum(figure as keyof SalesFigures)])),
});

/** `₹1,23,456.78` or `−₹0.26` as printed → paise. */
const paiseOfCell = (cell: string): number => {
  const match = /^(−?)₹([\d,]+)\.(\d\d)$/.exec(cell);
  if (!match) throw new Error(`not an amount: ${cell}`);
  const paise = Number(match[2]?.replaceAll(',', '')) * 100 + Number(match[3]);
  return match[1] ? -paise : paise;
};

/** The body and totals lines of a rendered table (up to the notes under it), each as header → cell. */
const shownRows = (table: string): Array<Record<string, string>> => {
  const lines = table.split('\n');
  const rule = lines.findIndex((line) => /^-+( +-+)*$/.test(line));
  const header = lines[rule - 1] ?? '';
  const widths = (lines[rule] ?? '').split('  ').map((dashes) => dashes.length);
  const cut = (line: string) => {
    let at = 0;
    return widths.map((width) => {
      const cell = line.slice(at, at + width).trim();
      at += width + 2;
      return cell;
    });
  };
  const headers = cut(header);
  const body = lines.slice(rule + 1);
  const end = body.indexOf('');
  return (end === -1 ? body : body.slice(0, end))
    .filter((line) => !/^-+( +-+)*$/.test(line))
    .map((line) => Object.fromEntries(cut(line).map((cell, index) => [headers[index] ?? '', cell])));
};

describe('the sales report in the terminal', () => {
  const [bills, collected] = viewsOf(report).map(renderTable);

  it('shows service charge, tax inside prices and round-off, so every row and the totals add up on screen', () => {
    const rows = shownRows(bills ?? '');
    expect(rows.map((row) => row.Date)).toEqual(['2026-11-24', '2026-11-25', 'Total']);
    for (const row of rows) {
      const [gross, discount, service, inPrices, taxable, tax, roundOff, payable] = [
        'Gross',
        'Discount',
        'Service charge',
        'Tax in prices',
        'Taxable',
        'Tax',
        'Round-off',
        'Payable',
      ].map((header) => paiseOfCell(row[header] ?? ''));
      expect(gross! - discount! + service! - inPrices!).toBe(taxable);
      expect(taxable! + tax! + roundOff!).toBe(payable);
    }
    expect(rows[0]).toMatchObject({ 'Service charge': '₹94.75', 'Round-off': '₹0.15', Payable: '₹2,277.00' });
    expect(bills).toContain('Taxable + Tax + Round-off = Payable');
  });

  it('shows tips beside the payable and the reversals on the day they happened, adding up to net', () => {
    const rows = shownRows(collected ?? '');
    for (const row of rows) {
      const [payable, tips, collectedPaise, voided, refunded, net] = [
        'Payable',
        'Tips',
        'Collected',
        'Voided',
        'Refunded',
        'Net',
      ].map((header) => paiseOfCell(row[header] ?? ''));
      expect(payable! + tips!).toBe(collectedPaise);
      expect(payable! - voided! - refunded!).toBe(net);
    }
    expect(rows.map((row) => [row.Date, row.Net])).toEqual([
      ['2026-11-24', '₹1,936.00'],
      ['2026-11-25', '−₹848.00'],
      ['Total', '₹1,088.00'],
    ]);
  });
});

describe('the GST summary in the terminal', () => {
  /**
   * Store A on 24–25 November in the ledger's report scenario: sales taxable 1,65,252 and tax
   * 10,248; the voided bill (80,084 + 4,666) and the refunded cola (5,084 + 916) netted out; the
   * inter-state invoice (3,25,000 + IGST 16,250) added.
   */
  const gst = GstReport.parse({
    report: 'gst',
    orgId: ORG,
    storeIds: [STORE],
    from: '2026-11-24',
    to: '2026-11-25',
    rows: [],
    totals: { taxablePaise: 405_084, cgstPaise: 2_333, sgstPaise: 2_333, igstPaise: 16_250, taxPaise: 20_916 },
    reconciliation: [
      { line: 'sales', taxablePaise: 165_252, taxPaise: 10_248 },
      { line: 'voids', taxablePaise: -80_084, taxPaise: -4_666 },
      { line: 'refunds', taxablePaise: -5_084, taxPaise: -916 },
      { line: 'b2b', taxablePaise: 325_000, taxPaise: 16_250 },
      { line: 'unexplained', taxablePaise: 0, taxPaise: 0 },
    ],
  });

  it('states, line by line, how the sales report reaches the GST totals, adding up on screen', () => {
    const table = viewsOf(gst).map(renderTable)[1] ?? '';
    const lines = table.split('\n');
    const amounts = (label: string) => {
      const line = lines.find((candidate) => candidate.startsWith(label)) ?? '';
      return (line.slice(label.length).trim().split(/ +/) as [string, string]).map(paiseOfCell);
    };
    const labels = [
      'Sales report: orders placed (B2C)',
      'less voids, on the day voided',
      'less refunds, on the day refunded',
      'plus B2B invoices, corrections and credit/debit notes (not in the sales report)',
      'unexplained difference',
    ];
    const [taxable, tax] = amounts('Total');
    expect(labels.reduce((sum, label) => sum + (amounts(label)[0] ?? 0), 0)).toBe(taxable);
    expect(labels.reduce((sum, label) => sum + (amounts(label)[1] ?? 0), 0)).toBe(tax);
    expect(amounts('less voids, on the day voided')).toEqual([-80_084, -4_666]);
    expect(taxable).toBe(405_084);
  });
});

describe('the payment mix in the terminal', () => {
  /** The same two days by tender: the lunch (card 50000 with a 2000 tip, cash 34800 applied), the banquet by UPI, the voided pizza in cash, the lunch refunded by card and cash. */
  const payments = PaymentsReport.parse({
    report: 'payments',
    orgId: ORG,
    storeIds: [STORE],
    from: '2026-11-24',
    to: '2026-11-25',
    rows: [
      {
        tenderKind: 'cash',
        tenders: 2,
        appliedPaise: 68_900,
        tipsPaise: 0,
        refunds: 1,
        refundedPaise: 45_424,
        voidedPaise: 34_100,
        netPaise: -10_624,
      },
      {
        tenderKind: 'card',
        tenders: 1,
        appliedPaise: 50_000,
        tipsPaise: 2_000,
        refunds: 1,
        refundedPaise: 39_376,
        voidedPaise: 0,
        netPaise: 10_624,
      },
      {
        tenderKind: 'upi',
        tenders: 1,
        appliedPaise: 108_800,
        tipsPaise: 5_000,
        refunds: 0,
        refundedPaise: 0,
        voidedPaise: 0,
        netPaise: 108_800,
      },
    ],
    totals: {
      tenders: 4,
      appliedPaise: 227_700,
      tipsPaise: 7_000,
      refunds: 2,
      refundedPaise: 84_800,
      voidedPaise: 34_100,
      netPaise: 108_800,
    },
  });

  it('adds up on screen, applied totalling the sales report’s payable, and says so under the table', () => {
    const table = viewsOf(payments).map(renderTable)[0] ?? '';
    const rows = shownRows(table);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      const [applied, refunded, voided, net] = ['Applied', 'Refunded', 'Voided', 'Net'].map((header) =>
        paiseOfCell(row[header] ?? ''),
      );
      expect(applied! - refunded! - voided!).toBe(net);
    }
    expect(rows.at(-1)?.Applied).toBe('₹2,277.00');
    expect(table).toContain("Applied totals the sales report's Payable, and Tips are paid on top of it.");
  });
});

describe('the shifts report (X and Z) in the terminal', () => {
  const KEY = 'a1'.repeat(16);
  const seal = {
    storeId: STORE,
    businessDate: '2026-11-24',
    keyId: KEY,
    voids: 0,
    voidedPaise: 0,
    refunds: 0,
    refundedPaise: 0,
  };
  /** 24 November closed over the lunch (card 50000, cash 34800) and amended for a ₹60 cola in cash replayed late. */
  const shifts = ShiftsReport.parse({
    report: 'shifts',
    orgId: ORG,
    storeIds: [STORE],
    from: '2026-11-24',
    to: '2026-11-24',
    rows: [],
    seals: [
      {
        ...seal,
        kind: 'close',
        amendment: 0,
        sealedAt: '2026-11-24T18:00:00.000Z',
        sealedBy: '0193a000-0000-7000-8000-0000000000ac',
        sealedByName: 'Lakshmi',
        eventCount: 3,
        sales: 1,
        payablePaise: 84_800,
        tenders: [
          { tenderKind: 'cash', tenders: 1, appliedPaise: 34_800 },
          { tenderKind: 'card', tenders: 1, appliedPaise: 50_000 },
        ],
      },
      {
        ...seal,
        kind: 'amendment',
        amendment: 1,
        sealedAt: '2026-11-26T03:30:00.000Z',
        sealedBy: '0193a000-0000-7000-8000-0000000000ac',
        sealedByName: null,
        eventCount: 2,
        sales: 1,
        payablePaise: 6_000,
        tenders: [{ tenderKind: 'cash', tenders: 1, appliedPaise: 6_000 }],
      },
    ],
  });

  it('shows under the shifts each close and each amendment of a date with what it added, and who sealed it', () => {
    const tables = viewsOf(shifts).map(renderTable);
    expect(tables).toHaveLength(2);
    const rows = shownRows(tables[1] ?? '');
    expect(rows.map((row) => [row.Seal, row.By, row.Sales, row.Payable, row.Tenders])).toEqual([
      ['close', 'Lakshmi', '1', '₹848.00', 'cash ₹348.00 (1), card ₹500.00 (1)'],
      ['amendment 1', '0193a000-0000-7000-8000-0000000000ac', '1', '₹60.00', 'cash ₹60.00 (1)'],
    ]);
    expect(tables[1]).toContain("an amendment's row is only what it sealed after the close");
  });

  it('shows no seals table for a period with no date sealed', () => {
    expect(viewsOf({ ...shifts, seals: [] })).toHaveLength(1);
  });
});
