import type { ColumnOf, TableShape } from './tables.js';

/** A column value as a row change carries it. Money is integer paise; dates are `YYYY-MM-DD`. */
export type Scalar = string | number | boolean | null;

export type Row = Record<string, Scalar>;

/**
 * What a projection asks of the read-model tables. The vocabulary is deliberately small, so the
 * SQL applier (services/projector) and the in-memory one (memory-tables.ts) can agree exactly.
 *
 * - `upsert`: insert key + values, or overwrite the given columns of the existing row. It must name
 *   every NOT NULL column that has no default, even when the row exists (see the trap below).
 * - `increment`: insert key + init + by, or add `by` to the existing row's columns. Counters that
 *   several events feed (an hour's sales, a day's GST) are increments, so no projection needs to
 *   read a row before writing it.
 * - `update`: set columns on the existing row; a no-op when there is none.
 *
 * Trap for the SQL applier: Postgres checks NOT NULL before it looks for the ON CONFLICT row, so
 * `INSERT … ON CONFLICT DO UPDATE` fails for an increment of an entity row (a shift's cash in)
 * whose other required columns the event does not know, even though the row exists. Such rows are
 * created by the first event of their stream, so write increments as UPDATE, then INSERT only when
 * no row matched. Likewise, never send two changes to one key in one multi-row INSERT … ON
 * CONFLICT: Postgres refuses to touch a row twice in one statement.
 */
export type RowChange =
  | { op: 'upsert'; table: string; key: Row; values: Row }
  | { op: 'increment'; table: string; key: Row; by: Record<string, number>; init?: Row }
  | { op: 'update'; table: string; key: Row; values: Row };

/** Column name → value, with the column names checked against the table's declaration. */
export type RowOf<Table extends TableShape> = Partial<Record<ColumnOf<Table>, Scalar>>;

export const upsert = <Table extends TableShape>(table: Table, key: RowOf<Table>, values: RowOf<Table>): RowChange => ({
  op: 'upsert',
  table: table.name,
  key: key as Row,
  values: values as Row,
});

export const increment = <Table extends TableShape>(
  table: Table,
  key: RowOf<Table>,
  by: Partial<Record<ColumnOf<Table>, number>>,
  init?: RowOf<Table>,
): RowChange => ({
  op: 'increment',
  table: table.name,
  key: key as Row,
  by: by as Record<string, number>,
  ...(init === undefined ? {} : { init: init as Row }),
});

export const update = <Table extends TableShape>(table: Table, key: RowOf<Table>, values: RowOf<Table>): RowChange => ({
  op: 'update',
  table: table.name,
  key: key as Row,
  values: values as Row,
});

const keyText = (table: string, key: Row): string =>
  JSON.stringify([
    table,
    ...Object.keys(key)
      .sort()
      .map((column) => [column, key[column]]),
  ]);

/**
 * Merges increments of the same row into one, in order of first appearance: two pizza lines of
 * one order become one change to the day's pizza row, which keeps the SQL applier from touching a
 * row twice in one statement. Other changes pass through unchanged and in place.
 */
export const combineIncrements = (changes: ReadonlyArray<RowChange>): RowChange[] => {
  const combined: RowChange[] = [];
  const byRow = new Map<string, Extract<RowChange, { op: 'increment' }>>();
  for (const change of changes) {
    if (change.op !== 'increment') {
      combined.push(change);
      continue;
    }
    const text = keyText(change.table, change.key);
    const earlier = byRow.get(text);
    if (!earlier) {
      const copy = { ...change, by: { ...change.by } };
      byRow.set(text, copy);
      combined.push(copy);
      continue;
    }
    for (const [column, amount] of Object.entries(change.by)) earlier.by[column] = (earlier.by[column] ?? 0) + amount;
  }
  return combined;
};
