import { DomainError } from '../errors.js';
import { HsnSacCode } from '../gst.js';
import { parseRupees } from '../money.js';
import type { CatalogListing } from '../setup.contract.js';
import { readCsvRecords } from './csv-records.js';
import { sameName } from './same-name.js';

type TaxCategory = CatalogListing['taxCategories'][number];

/** One valid row of a menu file, with the line it was read from. */
export type MenuRow = {
  line: number;
  name: string;
  /** The menu section ("Starters"); read and checked, but the ledger's items have no section yet. */
  category: string;
  pricePaise: number;
  taxCategory: TaxCategory;
  /** The item's own HSN/SAC when the row gives one. */
  hsnSac: string | undefined;
};

/** What is wrong with a row: its line in the file, the column, and why. */
export type RowError = { line: number; field: string; reason: string };

type Column = 'name' | 'category' | 'price' | 'tax category' | 'hsn/sac';

/** Header spellings a spreadsheet may use, compared without case, spaces or punctuation. */
const HEADERS: Readonly<Record<string, Column>> = {
  name: 'name',
  item: 'name',
  category: 'category',
  price: 'price',
  taxcategory: 'tax category',
  hsnsac: 'hsn/sac',
  hsn: 'hsn/sac',
  sac: 'hsn/sac',
};
const REQUIRED: ReadonlyArray<Column> = ['name', 'price', 'tax category'];
const MAX_NAME = 120;

const headerKey = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');

/**
 * Reads a menu file (a header row naming the columns name, category, price, tax category and
 * HSN/SAC, in any order; category and HSN/SAC may be left out) and checks every row against the
 * org's tax categories. Answers every valid row and every error, so a file is judged whole before
 * anything is sent. Prices are rupees as a person writes them (120, 120.50, 1,250), read to paise
 * by their digits, never through a float.
 */
export const readMenuCsv = (
  text: string,
  taxCategories: ReadonlyArray<TaxCategory>,
): { rows: MenuRow[]; errors: RowError[] } => {
  const records = readCsvRecords(text);
  if (!Array.isArray(records))
    return { rows: [], errors: [{ line: records.line, field: '', reason: `not readable as CSV: ${records.reason}` }] };
  const [header, ...body] = records;
  if (!header)
    return { rows: [], errors: [{ line: 1, field: '', reason: 'the file is empty; it needs a header row' }] };

  const errors: RowError[] = [];
  const columns = header.cells.map((cell) => HEADERS[headerKey(cell)]);
  header.cells.forEach((cell, index) => {
    if (columns[index] === undefined)
      errors.push({
        line: header.line,
        field: cell,
        reason: 'is not a column of a menu; the columns are name, category, price, tax category, HSN/SAC',
      });
  });
  for (const column of REQUIRED)
    if (!columns.includes(column))
      errors.push({ line: header.line, field: column, reason: 'the header has no such column' });
  if (errors.length > 0) return { rows: [], errors };

  const rows: MenuRow[] = [];
  const seen = new Map<string, number>();
  for (const { cells: record, line } of body) {
    const fail = (field: Column, reason: string) => errors.push({ line, field, reason });
    if (record.length > columns.length) {
      errors.push({ line, field: '', reason: `has ${record.length} cells, the header ${columns.length}` });
      continue;
    }
    const cell = (column: Column): string => record[columns.indexOf(column)] ?? '';
    const before = errors.length;

    const name = cell('name');
    if (name === '') fail('name', 'must not be empty');
    else if (name.length > MAX_NAME) fail('name', `is longer than ${MAX_NAME} characters`);
    else {
      const key = name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) fail('name', `"${name}" is on line ${first} already`);
      else seen.set(key, line);
    }

    const category = cell('category');
    if (category.length > MAX_NAME) fail('category', `is longer than ${MAX_NAME} characters`);

    const price = cell('price');
    const pricePaise = price === '' ? undefined : parseRupees(price, 'price');
    if (pricePaise === undefined) fail('price', 'must not be empty: rupees, like 120 or 120.50');
    else if (pricePaise instanceof DomainError) fail('price', pricePaise.reason);

    const taxName = cell('tax category');
    const taxCategory = taxCategories.find((candidate) => sameName(candidate.name, taxName));
    if (taxName === '') fail('tax category', 'must not be empty');
    else if (!taxCategory) {
      const known = taxCategories.map((candidate) => candidate.name).join(', ');
      fail(
        'tax category',
        `the org has no tax category named "${taxName}" (${known ? `it has ${known}` : 'it has none yet'}; create it first)`,
      );
    }

    const hsnSac = cell('hsn/sac');
    const code = HsnSacCode.safeParse(hsnSac);
    if (hsnSac !== '' && !code.success)
      fail('hsn/sac', `"${hsnSac}" ${code.error.issues[0]?.message ?? 'is not valid'}`);

    if (errors.length === before)
      rows.push({
        line,
        name,
        category,
        pricePaise: pricePaise as number,
        taxCategory: taxCategory as TaxCategory,
        hsnSac: hsnSac === '' ? undefined : hsnSac,
      });
  }
  if (body.length === 0 && errors.length === 0)
    errors.push({ line: header.line, field: '', reason: 'the file has a header but no items' });
  return { rows, errors };
};
