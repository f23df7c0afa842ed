import { stringify } from 'csv-stringify/sync';
import type { View } from './view.js';

/**
 * A view's rows as CSV (RFC 4180, with a header of the contract's field names): every field of
 * every row, raw — money stays integer paise in `…Paise` columns, dates ISO, null empty — so a
 * spreadsheet or a script reads exactly what the API answered. Totals are left out: they are a
 * sum of the rows.
 */
export const renderCsv = (view: View): string =>
  stringify(
    view.rows.map((row) => view.fields.map((field) => row[field] ?? null)),
    { header: true, columns: [...view.fields], cast: { boolean: (value) => String(value) } },
  );
