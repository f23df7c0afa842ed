import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { Uuid } from '../ids.js';
import { readCsvRecords } from './csv-records.js';
import { readMenuCsv } from './menu-csv.js';
import { menuItemId, planMenu } from './menu-plan.js';

const FOOD = {
  taxCategoryId: '01900000-0000-7000-8000-000000000001',
  name: 'Food 5%',
  rateBasisPoints: 500,
  hsnSac: '996331',
};
const DRINKS = {
  taxCategoryId: '01900000-0000-7000-8000-000000000002',
  name: 'Drinks',
  rateBasisPoints: 1800,
  hsnSac: '220299',
};

describe('reading a menu file', () => {
  it('reads rupees to paise by their digits, in any column order, tax categories by name without case', () => {
    const { rows, errors } = readMenuCsv(
      '\uFEFFPrice,Name,Tax_Category,HSN\n120,Masala Dosa,food 5%,\n"1,250.5",Thali,Food 5%,996332\n0.10,Mint,drinks,\n',
      [FOOD, DRINKS],
    );
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.line, row.name, row.pricePaise, row.taxCategory.name, row.hsnSac])).toEqual([
      [2, 'Masala Dosa', 12_000, 'Food 5%', undefined],
      [3, 'Thali', 125_050, 'Food 5%', '996332'],
      [4, 'Mint', 10, 'Drinks', undefined],
    ]);
  });

  it('names the line of every bad row as the file numbers it, blank and multi-line rows counted', () => {
    const { rows, errors } = readMenuCsv(
      'name,price,tax category\n\nDosa,12.345,Food 5%\n"Two\nlines",,Food 5%\nVada,-5,Food 5%\n,30,Sweets\nDosa,40,Food 5%\n',
      [FOOD],
    );
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { line: 3, field: 'price', reason: '"12.345" is not an amount in rupees like 450 or 450.50' },
      { line: 5, field: 'price', reason: 'must not be empty: rupees, like 120 or 120.50' },
      { line: 6, field: 'price', reason: '"-5" is not an amount in rupees like 450 or 450.50' },
      { line: 7, field: 'name', reason: 'must not be empty' },
      {
        line: 7,
        field: 'tax category',
        reason: 'the org has no tax category named "Sweets" (it has Food 5%; create it first)',
      },
      { line: 8, field: 'name', reason: '"Dosa" is on line 3 already' },
    ]);
  });

  it('refuses a header without a required column or with one it does not know, before any row', () => {
    expect(readMenuCsv('name,cost,tax category\nDosa,12,Food 5%\n', [FOOD]).errors).toEqual([
      {
        line: 1,
        field: 'cost',
        reason: 'is not a column of a menu; the columns are name, category, price, tax category, HSN/SAC',
      },
      { line: 1, field: 'price', reason: 'the header has no such column' },
    ]);
    expect(readMenuCsv('', [FOOD]).errors[0]?.reason).toBe('the file is empty; it needs a header row');
  });
});

describe('planning an import', () => {
  const item = {
    itemId: '01900000-0000-7000-8000-0000000000a1',
    brandId: '01900000-0000-7000-8000-0000000000b1',
    name: 'Masala Dosa',
    kind: 'item' as const,
    taxCategoryId: FOOD.taxCategoryId,
    hsnSac: null,
    unitPricePaise: 12_000,
    priceIncludesTax: false,
    active: true,
  };
  const row = (name: string, pricePaise: number, hsnSac?: string) => ({
    line: 2,
    name,
    category: '',
    pricePaise,
    taxCategory: FOOD,
    hsnSac,
  });

  it('sends nothing for an item as the file says, its category’s own code given or not', () => {
    const plan = planMenu([row('masala dosa', 12_000, '996331')], [item], [FOOD], false);
    expect(plan).toEqual({ changes: [], unchanged: 1, untouched: 0 });
  });

  it('adds what the menu lacks, changes a price or a code that differs, and leaves the rest alone', () => {
    const other = { ...item, itemId: '01900000-0000-7000-8000-0000000000a2', name: 'Vada' };
    const plan = planMenu([row('Masala Dosa', 13_000, '996332'), row('Idli', 6_000)], [item, other], [FOOD], false);
    expect(plan.changes.map((change) => [change.action, change.row.name])).toEqual([
      ['price', 'Masala Dosa'],
      ['tax', 'Masala Dosa'],
      ['add', 'Idli'],
    ]);
    expect(plan.untouched).toBe(1);
  });

  it('names an item by its org, brand and name without case, as a UUID', () => {
    const id = menuItemId(sha256, 'org', 'brand', 'Masala Dosa');
    expect(Uuid.safeParse(id).success).toBe(true);
    expect(menuItemId(sha256, 'org', 'brand', ' masala dosa ')).toBe(id);
    expect(menuItemId(sha256, 'other org', 'brand', 'Masala Dosa')).not.toBe(id);
  });

  it('names an item as the command line always has, so items imported before are found again', () => {
    expect(menuItemId(sha256, 'org', 'brand', 'Masala Dosa')).toBe('309983d5-835e-8665-88eb-3650bba67c69');
  });
});

describe('reading CSV records', () => {
  it('keeps commas, line breaks and doubled quotes inside quotes, with CRLF or LF line ends', () => {
    expect(readCsvRecords('a,"b, c"\r\n"say ""hi""","two\nlines"\r\n')).toEqual([
      { cells: ['a', 'b, c'], line: 1 },
      { cells: ['say "hi"', 'two\nlines'], line: 3 },
    ]);
  });

  it('says where a quote is left open or misplaced', () => {
    expect(readCsvRecords('name\n"Dosa,12\n')).toEqual({
      line: 2,
      reason: 'a quote opened on this line is never closed',
    });
    expect(readCsvRecords('name\nDo"sa\n')).toEqual({
      line: 2,
      reason: 'a double quote inside an unquoted field; quote the whole field and double the quote',
    });
  });
});
