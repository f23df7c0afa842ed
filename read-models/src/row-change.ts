import type { ColumnOf, Scalar, TableShape } from './tables.js';

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
 * - `delete`: remove every row whose key starts with the given columns (a leading part of the
 *   table's key, org_id at least); a no-op when there is none. It exists for a fact that replaces a
 *   set of rows the event does not list — a RecipeSet names the new components, never the old —
 *   so without it the projection would have to read its own rows, or leave old ones behind under a
 *   version every reader must remember to filter by. Rows are deleted only as part of replacing
 *   them from the same event, so a rebuild from the log still yields the same rows.
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
  | { op: 'update'; table: string; key: Row; values: Row }
  | { op: 'delete'; table: string; key: Row };

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

/** Deletes every row whose key starts with `keyPrefix`, e.g. an item's whole recipe by org and item. */
export const deleteRows = <Table extends TableShape>(table: Table, keyPrefix: RowOf<Table>): RowChange => ({
  op: 'delete',
  table: table.name,
  key: keyPrefix as Row,
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
 * row twice in one statement. Other changes pass through unchanged and in place; an increment after a
 * delete is never merged into one before it, which the delete would have wiped.
 */
export const combineIncrements = (changes: ReadonlyArray<RowChange>): RowChange[] => {
  const combined: RowChange[] = [];
  const byRow = new Map<string, Extract<RowChange, { op: 'increment' }>>();
  for (const change of changes) {
    if (change.op !== 'increment') {
      if (change.op === 'delete') byRow.clear();
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
