import { describe, expect, it } from 'vitest';
import { id, STORE } from '../testing/fixtures.js';
import { rankItems } from './items.report.js';
import { AGING_BUCKET_LABELS, AgingBucket, ageReceivables, agingBucketOf } from './receivables.report.js';
import { reportRoutes } from './report-routes.js';
import { SalesQuery } from './sales.report.js';
import { StockQuery } from './stock.report.js';
import { LoyaltyQuery } from './loyalty.report.js';

const issuesOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

describe('report queries', () => {
  it('read a query string: dates as given, `by` defaulting to day, limit coerced from its digits', () => {
    expect(SalesQuery.parse({ storeId: STORE, from: '2026-11-01', to: '2026-11-30' })).toEqual({
      storeId: STORE,
      from: '2026-11-01',
      to: '2026-11-30',
      by: 'day',
    });
    expect(reportRoutes.items.query.parse({ from: '2026-11-01', to: '2026-11-01', limit: '5' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-01',
      limit: 5,
      sort: 'quantity',
    });
  });

  it('refuse a period that ends before it starts, naming `to`', () => {
    expect(issuesOf(SalesQuery.safeParse({ from: '2026-11-24', to: '2026-11-23' }))).toEqual([
      { path: 'to', message: 'must not be before from (2026-11-24)' },
    ]);
  });

  it('allow a leap year of 366 days and refuse a 367th', () => {
    expect(SalesQuery.safeParse({ from: '2028-01-01', to: '2028-12-31' }).success).toBe(true);
    expect(issuesOf(SalesQuery.safeParse({ from: '2027-12-31', to: '2028-12-31' }))).toEqual([
      { path: 'to', message: 'the period may cover at most 366 days; it covers 367' },
    ]);
  });

  it('name every bad field: a non-date, an unknown grouping, a store that is not a UUID, an unknown parameter', () => {
    const issues = issuesOf(
      SalesQuery.safeParse({ storeId: 'B', from: '2026-02-30', to: '2026-03-01', by: 'week', x: '1' }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['storeId', 'from', 'by', '']);
    expect(issues[2]?.message).toBe('must be hour or day');
  });

  it('refuse a limit outside 1–500 or not a whole number', () => {
    const limit = (value: string) =>
      issuesOf(reportRoutes.items.query.safeParse({ from: '2026-11-01', to: '2026-11-01', limit: value }));
    expect(limit('0')).toEqual([{ path: 'limit', message: 'must be at least 1' }]);
    expect(limit('501')).toEqual([{ path: 'limit', message: 'must be at most 500' }]);
    expect(limit('2.5')).toEqual([{ path: 'limit', message: 'must be a whole number' }]);
    expect(limit('many')).toEqual([{ path: 'limit', message: 'must be a whole number' }]);
  });

  it('answer stock and loyalty now without dates, and over a period with both', () => {
    expect(StockQuery.parse({})).toEqual({});
    expect(LoyaltyQuery.parse({ storeId: STORE })).toEqual({ storeId: STORE });
    expect(StockQuery.parse({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    // One end alone is refused, naming the missing one.
    expect(
      StockQuery.safeParse({ from: '2026-11-01' }).error?.issues.map((issue) => [issue.path.join('.'), issue.message]),
    ).toEqual([['to', 'a period needs both from and to; leave both out for the balance now']]);
    expect(LoyaltyQuery.safeParse({ to: '2026-11-30' }).error?.issues[0]?.path).toEqual(['from']);
    // The same bounds as every period report.
    expect(StockQuery.safeParse({ from: '2026-11-30', to: '2026-11-01' }).error?.issues[0]?.path).toEqual(['to']);
    expect(LoyaltyQuery.safeParse({ from: '2025-01-01', to: '2026-11-30' }).error?.issues[0]?.message).toMatch(
      /at most 366 days/,
    );
    // Any other unknown parameter is still refused by name.
    expect(StockQuery.safeParse({ asOf: '2026-11-30' }).error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});

describe('top sellers', () => {
  const item = (n: number, name: string, netQuantity: number, netTaxablePaise: number) => ({
    itemId: id(n),
    name,
    quantitySold: netQuantity,
    refundedQuantity: 0,
    voidedQuantity: 0,
    netQuantity,
    taxablePaise: netTaxablePaise,
    refundedTaxablePaise: 0,
    voidedTaxablePaise: 0,
    netTaxablePaise,
  });
  const items = [item(1, 'Cola', 10, 50_000), item(2, 'Margherita', 4, 150_000), item(3, 'Garlic bread', 10, 60_000)];

  it('rank by net quantity, ties broken by taxable value, and cut at the limit', () => {
    expect(rankItems(items, 'quantity', 2).map((row) => [row.rank, row.name])).toEqual([
      [1, 'Garlic bread'],
      [2, 'Cola'],
    ]);
  });

  it('rank by net taxable value when asked', () => {
    expect(rankItems(items, 'taxable', 20).map((row) => row.name)).toEqual(['Margherita', 'Garlic bread', 'Cola']);
  });

  it('list equal items by name, then id, whatever order they came in', () => {
    const same = [item(2, 'Lassi', 1, 100), item(1, 'Lassi', 1, 100), item(3, 'Chai', 1, 100)];
    expect(rankItems(same, 'quantity', 20).map((row) => row.itemId)).toEqual([id(3), id(1), id(2)]);
  });
});

describe('receivables aging', () => {
  it('puts an invoice due today or later in not-due, and every day past due in exactly one bucket', () => {
    expect([-29, -1, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(agingBucketOf)).toEqual([
      'not-due',
      'not-due',
      'not-due',
      '1-30',
      '1-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '90+',
      '90+',
    ]);
  });

  it('names every bucket for a reader, and the names say past due or not yet due', () => {
    expect(AgingBucket.options.map((bucket) => AGING_BUCKET_LABELS[bucket])).toEqual([
      'Not yet due',
      '1–30 days past due',
      '31–60 days past due',
      '61–90 days past due',
      'Over 90 days past due',
    ]);
  });

  it('ages each invoice as of the date and totals every bucket, empty ones as zero', () => {
    const invoice = (n: number, dueDate: string, outstandingPaise: number) => ({
      invoiceId: id(n),
      storeId: STORE,
      invoiceNumber: `INV-${n}`,
      customerId: id(50),
      customerName: 'Acme Caterers',
      customerGstin: '27AAPFU0939F1ZV',
      issueDate: '2026-08-01',
      dueDate,
      status: 'issued' as const,
      payablePaise: outstandingPaise,
      creditedPaise: 0,
      debitedPaise: 0,
      discountPaise: 0,
      paidPaise: 0,
      outstandingPaise,
    });
    const aged = ageReceivables(
      [
        invoice(1, '2026-11-30', 10_000),
        invoice(2, '2026-10-01', 20_000),
        invoice(3, '2026-08-15', 30_000),
        invoice(4, '2026-11-24', 5_000),
        invoice(5, '2026-11-23', 7_000),
      ],
      '2026-11-24',
    );
    expect(aged.rows.map((row) => [row.invoiceNumber, row.daysPastDue, row.daysUntilDue, row.bucket])).toEqual([
      ['INV-3', 101, null, '90+'],
      ['INV-2', 54, null, '31-60'],
      ['INV-5', 1, null, '1-30'],
      ['INV-4', null, 0, 'not-due'],
      ['INV-1', null, 6, 'not-due'],
    ]);
    expect(aged.aging).toEqual([
      { bucket: 'not-due', invoices: 2, outstandingPaise: 15_000 },
      { bucket: '1-30', invoices: 1, outstandingPaise: 7_000 },
      { bucket: '31-60', invoices: 1, outstandingPaise: 20_000 },
      { bucket: '61-90', invoices: 0, outstandingPaise: 0 },
      { bucket: '90+', invoices: 1, outstandingPaise: 30_000 },
    ]);
    expect(aged.outstandingPaise).toBe(72_000);
  });

  it('never shows a negative number of days past due', () => {
    const dueDates = ['2026-12-31', '2026-11-25', '2026-11-24', '2026-11-01', '2025-01-01'];
    const aged = ageReceivables(
      dueDates.map((dueDate, n) => ({
        invoiceId: id(n + 1),
        storeId: STORE,
        invoiceNumber: `INV-${n + 1}`,
        customerId: id(50),
        customerName: 'Acme Caterers',
        customerGstin: '27AAPFU0939F1ZV',
        issueDate: '2024-12-01',
        dueDate,
        status: 'issued' as const,
        payablePaise: 100,
        creditedPaise: 0,
        debitedPaise: 0,
        discountPaise: 0,
        paidPaise: 0,
        outstandingPaise: 100,
      })),
      '2026-11-24',
    );
    for (const row of aged.rows) {
      expect(row.daysPastDue === null || row.daysPastDue > 0).toBe(true);
      expect(row.daysUntilDue === null || row.daysUntilDue >= 0).toBe(true);
      expect((row.daysPastDue === null) !== (row.daysUntilDue === null)).toBe(true);
      expect(row.bucket === 'not-due').toBe(row.daysPastDue === null);
    }
  });
});
