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
  rows: [
    {
      storeId: BANDRA,
      stockItemId: DOUGH,
      onHand: 21_460,
      negative: false,
      lastCountedQuantity: null,
      lastCountedAt: null,
    },
    {
      storeId: KORAMANGALA,
      stockItemId: DOUGH,
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
