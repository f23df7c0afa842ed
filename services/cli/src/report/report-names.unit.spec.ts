import type { StockReport } from '@possier/events/report-contracts';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../format/csv.js';
import { renderTable } from '../format/table.js';
import { namesOf } from './report-names.js';
import { viewsOf } from './report-views.js';

const ORG = '0193a000-0000-7000-8000-00000000000a';
const BANDRA = '0193a000-0000-7000-8000-00000000005a';
const KORAMANGALA = '0193a000-0000-7000-8000-00000000005b';
const DOUGH = '0193a000-0000-7000-8000-0000000000d0';

const stock: StockReport = {
  report: 'stock',
  orgId: ORG,
  storeIds: [BANDRA, KORAMANGALA],
  period: null,
  movements: [],
  rows: [
    {
      storeId: BANDRA,
      stockItemId: DOUGH,
      stockItemName: 'Pizza dough',
      unit: 'g',
      onHand: 21_460,
      negative: false,
      lastCountedQuantity: null,
      lastCountedAt: null,
    },
    {
      storeId: KORAMANGALA,
      stockItemId: DOUGH,
      stockItemName: null,
      unit: null,
      onHand: 16_050,
      negative: false,
      lastCountedQuantity: null,
      lastCountedAt: null,
    },
  ],
  negativeItems: 0,
  conflicts: [],
};

const names = namesOf({
  orgId: ORG,
  orgName: 'Spice Route Hospitality',
  signedInAs: { kind: 'user', name: 'Asha Rao' },
  brands: [],
  stores: [
    { storeId: BANDRA, brandId: ORG, name: 'Pizza Lane Bandra', timeZone: 'Asia/Kolkata' },
    { storeId: KORAMANGALA, brandId: ORG, name: 'Pizza Lane Koramangala', timeZone: 'Asia/Kolkata' },
  ],
  registers: [],
});

describe('report tables by name', () => {
  it('shows stores by name in a table, and keeps the ids in CSV for machines', () => {
    const table = viewsOf(stock, names).map(renderTable).join('\n');
    expect(table).toContain('Pizza Lane Bandra');
    expect(table).toContain('Pizza Lane Koramangala');
    expect(table).not.toContain(BANDRA);
    const csv = renderCsv(viewsOf(stock)[0] as never);
    expect(csv).toContain(BANDRA);
    expect(csv).not.toContain('Pizza Lane Bandra');
  });

  it('names the one store a report covers in its title, and shows an unknown id as it is', () => {
    const one = viewsOf({ ...stock, storeIds: [BANDRA], rows: stock.rows.slice(0, 1) }, names);
    expect(one[0]?.title).toContain('Pizza Lane Bandra');
    const other = '0193a000-0000-7000-8000-0000000000ff';
    expect(names.store(other)).toBe(other);
  });
});

describe('stock and loyalty tables', () => {
  it('show a stock item by the name the org gave it, and by its id only while it has none', () => {
    const table = viewsOf(stock, names).map(renderTable).join('\n');
    expect(table).toContain('Pizza dough (g)');
    // Koramangala's row stands for an item never named.
    expect(table).toContain(DOUGH);
    expect(renderCsv(viewsOf(stock)[0] as never).split('\n')[0]).toContain('stockItemName');
  });

  it('lay out a stock period from opening to closing, with the sum it makes under the table', () => {
    const period: StockReport = {
      ...stock,
      period: { from: '2026-11-24', to: '2026-11-25' },
      rows: [],
      movements: [
        {
          storeId: BANDRA,
          stockItemId: DOUGH,
          stockItemName: 'Pizza dough',
          unit: 'g',
          openingOnHand: 2_000,
          received: 10_000,
          transferredIn: 0,
          transferredOut: 500,
          sold: 7_250,
          wasted: 100,
          counts: 1,
          countVariance: -150,
          closingOnHand: 4_000,
          negative: false,
        },
      ],
    };
    const [view] = viewsOf(period, names);
    expect(view?.title).toBe('Stock movements, 2026-11-24 to 2026-11-25, 2 stores: 0 negative at close');
    const table = renderTable(view as never);
    expect(table).toContain('Pizza dough (g)');
    for (const header of ['Opening', 'Received', 'Sold', 'Wasted', 'Count variance', 'Closing']) {
      expect(table).toContain(header);
    }
    expect(table).toContain('Opening + received + in − out − sold − wasted + count variance = closing');
  });

  it('lay out a loyalty period per brand, its totals the closing points and liability', () => {
    const [view] = viewsOf(
      {
        report: 'loyalty',
        orgId: ORG,
        storeIds: [BANDRA],
        brandIds: [ORG],
        period: { from: '2026-11-01', to: '2026-11-30' },
        rows: [],
        movements: [
          {
            brandId: ORG,
            pointValuePaise: 100,
            members: 3,
            openingPoints: 40,
            earnedPoints: 85,
            redeemedPoints: 20,
            reversedPoints: 5,
            expiredPoints: 10,
            closingPoints: 90,
            closingLiabilityPaise: 9_000,
          },
        ],
        totals: { pointsOutstanding: 90, liabilityPaise: 9_000 },
        conflicts: [],
      },
      names,
    );
    expect(view?.title).toBe('Loyalty points, 2026-11-01 to 2026-11-30, Pizza Lane Bandra: 90 points at close, ₹90.00');
    expect(view?.totals).toEqual({ closingPoints: 90, closingLiabilityPaise: 9_000 });
    expect(renderTable(view as never)).toContain('Opening + earned − redeemed − reversed − expired = closing');
  });
});
