import type { Row, RowChange } from './row-change.js';
import { readModelTables, type ColumnShape, type Scalar, type TableShape } from './tables.js';

/** Read-model tables in memory: table name → row key text → full row (every declared column). */
export type MemoryTables = Map<string, Map<string, Row>>;

export const createMemoryTables = (): MemoryTables => new Map();

const INTEGER_RANGE = {
  smallint: [-32_768, 32_767],
  integer: [-2_147_483_648, 2_147_483_647],
  bigint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a value does not fit the column as Postgres would see it, or undefined when it fits. */
const misfit = (column: ColumnShape, value: Scalar): string | undefined => {
  if (value === null) return column.nullable ? undefined : 'is NOT NULL';
  switch (column.type) {
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? undefined : 'must be a uuid';
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? undefined : 'must be a YYYY-MM-DD date';
    case 'timestamptz':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'must be an ISO instant';
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      return column.oneOf && !column.oneOf.includes(value) ? `must be one of ${column.oneOf.join(', ')}` : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    default: {
      // −0 passes every range check but no Postgres integer holds it, and it breaks row equality.
      if (Object.is(value, -0)) return 'must not be −0';
      const [min, max] = INTEGER_RANGE[column.type];
      return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max
        ? undefined
        : `must be a ${column.type}`;
    }
  }
};

/** A change the table declarations refuse: the SQL applier would fail on it too. */
export class RowChangeError extends Error {
  override readonly name = 'RowChangeError';
}

const shapes = new Map(readModelTables.map((table) => [table.name, table]));

const checkColumns = (table: TableShape, row: Row, role: 'key' | 'value'): void => {
  for (const [name, value] of Object.entries(row)) {
    const column = table.columns[name];
    if (!column) throw new RowChangeError(`${table.name} has no column ${name}`);
    if ((role === 'key') !== table.key.includes(name)) {
      throw new RowChangeError(`${table.name}.${name} is ${role === 'key' ? 'not a key column' : 'a key column'}`);
    }
    const problem = misfit(column, value);
    if (problem) throw new RowChangeError(`${table.name}.${name} ${problem}: ${JSON.stringify(value)}`);
  }
};

const keyTextOf = (table: TableShape, key: Row): string => {
  checkColumns(table, key, 'key');
  const missing = table.key.filter((column) => !(column in key));
  if (missing.length > 0) throw new RowChangeError(`${table.name} key lacks ${missing.join(', ')}`);
  return JSON.stringify(table.key.map((column) => key[column]));
};

/** A new row as Postgres would insert it: named columns, then defaults, and no NULL where refused. */
const insertRow = (table: TableShape, named: Row): Row => {
  const row: Row = {};
  for (const [name, column] of Object.entries(table.columns)) {
    const value = name in named ? named[name] : column.default;
    if (value === undefined) throw new RowChangeError(`${table.name}.${name} is NOT NULL and has no default`);
    const problem = misfit(column, value);
    if (problem) throw new RowChangeError(`${table.name}.${name} ${problem}: ${JSON.stringify(value)}`);
    row[name] = value;
  }
  return row;
};

const NUMERIC: ReadonlySet<string> = new Set(['smallint', 'integer', 'bigint']);

const checkIncrements = (table: TableShape, by: Record<string, number>): void => {
  for (const [name, amount] of Object.entries(by)) {
    const column = table.columns[name];
    if (!column) throw new RowChangeError(`${table.name} has no column ${name}`);
    if (table.key.includes(name) || !NUMERIC.has(column.type)) {
      throw new RowChangeError(`${table.name}.${name} is not a counter column`);
    }
    if (!Number.isSafeInteger(amount)) throw new RowChangeError(`${table.name}.${name} cannot grow by ${amount}`);
  }
};

const incremented = (table: TableShape, row: Row, by: Record<string, number>): Row => {
  const sums: Row = {};
  for (const [name, amount] of Object.entries(by)) {
    const current = row[name];
    if (typeof current !== 'number') throw new RowChangeError(`${table.name}.${name} is NULL: nothing to add to`);
    sums[name] = current + amount;
  }
  checkColumns(table, sums, 'value');
  return { ...row, ...sums };
};

/** The key columns a delete names, checked to be a leading part of the table's key. */
const checkKeyPrefix = (table: TableShape, key: Row): ReadonlyArray<string> => {
  checkColumns(table, key, 'key');
  const named = table.key.slice(0, Object.keys(key).length);
  if (named.length === 0 || named.some((column) => !(column in key))) {
    throw new RowChangeError(`${table.name}: a delete names a leading part of the key (${table.key.join(', ')})`);
  }
  return named;
};

/**
 * Applies row changes the way the SQL applier must: in order, all or nothing (a change that fails
 * leaves every table as it was, as the projector's transaction would), refusing any column, type,
 * NULL or key the table declaration does not allow. Mutates `tables` and returns it.
 */
export const applyChanges = (tables: MemoryTables, changes: ReadonlyArray<RowChange>): MemoryTables => {
  // Only the rows this batch writes are staged, so a batch costs what it touches, not the table
  // size (a delete scans its table); a deleted row is staged as null.
  const staged = new Map<string, Map<string, Row | null>>();
  const read = (table: string, keyText: string): Row | undefined => {
    const row = staged.get(table)?.get(keyText);
    return row === null ? undefined : (row ?? tables.get(table)?.get(keyText));
  };
  const write = (table: string, keyText: string, row: Row | null): void => {
    const rows = staged.get(table) ?? new Map<string, Row | null>();
    staged.set(table, rows.set(keyText, row));
  };

  for (const change of changes) {
    const table = shapes.get(change.table);
    if (!table) throw new RowChangeError(`no read-model table ${change.table}`);
    if (change.op === 'delete') {
      const named = checkKeyPrefix(table, change.key);
      const keyTexts = new Set([...(tables.get(table.name)?.keys() ?? []), ...(staged.get(table.name)?.keys() ?? [])]);
      for (const keyText of keyTexts) {
        const row = read(table.name, keyText);
        if (row && named.every((column) => row[column] === change.key[column])) write(table.name, keyText, null);
      }
      continue;
    }
    const keyText = keyTextOf(table, change.key);
    const existing = read(table.name, keyText);
    switch (change.op) {
      case 'upsert': {
        checkColumns(table, change.values, 'value');
        // Checked as an insert even when the row exists: an upsert is one INSERT … ON CONFLICT,
        // and Postgres checks NOT NULL before it finds the conflict.
        const inserted = insertRow(table, { ...change.values, ...change.key });
        write(table.name, keyText, existing ? { ...existing, ...change.values } : inserted);
        break;
      }
      case 'increment': {
        const init = change.init ?? {};
        checkColumns(table, init, 'value');
        checkIncrements(table, change.by);
        if (Object.keys(change.by).some((column) => column in init)) {
          throw new RowChangeError(`${table.name}: a column is both initialised and incremented`);
        }
        write(
          table.name,
          keyText,
          existing
            ? incremented(table, existing, change.by)
            : insertRow(table, { ...init, ...change.by, ...change.key }),
        );
        break;
      }
      case 'update':
        checkColumns(table, change.values, 'value');
        if (existing) write(table.name, keyText, { ...existing, ...change.values });
        break;
    }
  }

  for (const [table, rows] of staged) {
    const target = tables.get(table) ?? new Map<string, Row>();
    for (const [keyText, row] of rows) {
      if (row === null) target.delete(keyText);
      else target.set(keyText, row);
    }
    tables.set(table, target);
  }
  return tables;
};

/** NULLs last, as Postgres sorts them ascending. */
const compareScalars = (a: Scalar, b: Scalar): number => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
};

/** The rows of a table ordered by key, column by column, as `ORDER BY <key>` would list them. */
export const rowsOf = (tables: MemoryTables, table: TableShape): Row[] =>
  [...(tables.get(table.name)?.values() ?? [])].sort((a, b) => {
    for (const column of table.key) {
      const order = compareScalars(a[column] ?? null, b[column] ?? null);
      if (order !== 0) return order;
    }
    return 0;
  });
