/** How a column's values are shown in a table; CSV and JSON always carry the raw value. */
export type ColumnKind = 'text' | 'count' | 'paise' | 'rate' | 'flag';

export type Column = { key: string; header: string; kind: ColumnKind };

/**
 * A report laid out for the terminal: the columns a table shows (a selection, to fit a screen),
 * every field of a row in contract order (what CSV carries), the rows, and a totals row if the
 * report has one, and any notes a reader needs to check it.
 */
export type View = {
  title: string;
  columns: ReadonlyArray<Column>;
  fields: ReadonlyArray<string>;
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
  totals?: Readonly<Record<string, unknown>>;
  /** Lines printed under the table: how its columns add up, what it leaves out. */
  notes?: ReadonlyArray<string>;
};
