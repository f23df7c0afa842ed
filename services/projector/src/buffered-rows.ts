import {
  applyChanges,
  createMemoryTables,
  type MemoryTables,
  type Row,
  type RowChange,
  type TableShape,
} from '@possier/read-models';
import type pg from 'pg';
import { BulkRows } from './bulk-rows.js';

/**
 * One shadow table's rows in memory, keyed as the in-memory applier keys them, noting every row
 * written or deleted since the last flush (the deleted one as it was, for its key).
 */
class TrackedRows extends Map<string, Row> {
  readonly changed = new Map<string, Row>();
  recording = true;

  override set(keyText: string, row: Row): this {
    if (this.recording) this.changed.set(keyText, row);
    return super.set(keyText, row);
  }

  override delete(keyText: string): boolean {
    const row = super.get(keyText);
    if (row !== undefined && this.recording) this.changed.set(keyText, row);
    return super.delete(keyText);
  }
}

type Table = { shape: TableShape; bulk: BulkRows; rows: TrackedRows; known: Set<string>; knownPrefixes: Set<string> };

/** A key (or key prefix) as text, for this class's own bookkeeping of what has been loaded. */
const keyText = (columns: ReadonlyArray<string>, key: Row): string =>
  JSON.stringify(columns.map((column) => (key[column] === null ? null : String(key[column]))));

export type BufferedRowsOptions = {
  /** The SQL table a read-model table is written to (a rebuild's shadow copy); the table itself by default. */
  rename?: (table: string) => string;
  /**
   * The tables start empty and only these rows write them (a rebuild's fresh shadow copies): until
   * the first eviction nothing needs reading, since every stored row is also in memory.
   */
  startsEmpty?: boolean;
  /** Rows held at most before `bound()` flushes and drops them. */
  maxRows?: number;
};

/**
 * Read-model rows held in memory and written to SQL in bulk. Changes are applied by read-models'
 * in-memory applier, the reference the projections are tested against, so a batch costs a few
 * statements per table (read the rows it touches, delete, upsert) instead of one or two per row
 * change.
 *
 * The rows a batch of changes touches are read first (one statement per table) unless memory
 * already knows them. Memory is bounded by `maxRows` for long runs (a rebuild): past it, `bound()`
 * flushes and drops every row. The caller must be the only writer of these rows while it holds
 * them: the projector and a rebuild's swap hold the projections' lock (lockProjections), and a
 * rebuild's shadow tables are its own.
 */
export class BufferedRows {
  private readonly memory: MemoryTables = createMemoryTables();
  private readonly tables = new Map<string, Table>();
  private complete: boolean;
  private readonly maxRows: number;

  constructor(shapes: ReadonlyArray<TableShape>, options: BufferedRowsOptions = {}) {
    const rename = options.rename ?? ((table: string) => table);
    this.complete = options.startsEmpty ?? false;
    this.maxRows = options.maxRows ?? 200_000;
    for (const shape of shapes) {
      const timestamps = shape.key.filter((column) => shape.columns[column]?.type === 'timestamptz');
      // An instant reads back in another spelling than the projection wrote it, so it could not be matched as a key.
      if (timestamps.length > 0)
        throw new Error(`${shape.name}: rows keyed by ${timestamps.join(', ')} cannot be buffered`);
      const rows = new TrackedRows();
      this.memory.set(shape.name, rows);
      this.tables.set(shape.name, {
        shape,
        bulk: new BulkRows(shape, rename(shape.name)),
        rows,
        known: new Set(),
        knownPrefixes: new Set(),
      });
    }
  }

  /** Applies the changes in order, all or nothing, as the projector's transaction would. */
  async apply(client: pg.PoolClient, changes: ReadonlyArray<RowChange>): Promise<void> {
    for (const change of changes) {
      const table = this.tables.get(change.table);
      if (!table) throw new Error(`no read-model table ${change.table} here`);
      // Checked before any SQL is built from it: a delete must never widen to a whole table.
      const named = table.shape.key.slice(0, Object.keys(change.key).length);
      if (change.op === 'delete' && (named.length === 0 || named.some((column) => !(column in change.key)))) {
        throw new Error(`${change.table}: a delete names a leading part of the key (${table.shape.key.join(', ')})`);
      }
    }
    if (!this.complete) await this.load(client, changes);
    applyChanges(this.memory, changes);
  }

  /** Flushes and empties memory once it holds more than `maxRows` rows. */
  async bound(client: pg.PoolClient): Promise<void> {
    let rows = 0;
    for (const table of this.tables.values()) rows += table.rows.size;
    if (rows <= this.maxRows) return;
    await this.flush(client);
    for (const table of this.tables.values()) {
      table.rows.clear();
      table.known.clear();
      table.knownPrefixes.clear();
    }
    this.complete = false;
  }

  /** Writes every row changed since the last flush to its SQL table. */
  async flush(client: pg.PoolClient): Promise<void> {
    for (const table of this.tables.values()) {
      const written: Row[] = [];
      const deleted: Row[] = [];
      for (const [text, row] of table.rows.changed) {
        const current = table.rows.get(text);
        if (current === undefined) deleted.push(row);
        else written.push(current);
      }
      await table.bulk.delete(client, deleted);
      await table.bulk.upsert(client, written);
      table.rows.changed.clear();
    }
  }

  /**
   * Reads into memory the stored rows these changes touch that memory does not know yet: each
   * key not met since the last eviction, and every row under a delete's key prefix. A key memory
   * knows is never read again, since memory's row may be newer than the stored one.
   */
  private async load(client: pg.PoolClient, changes: ReadonlyArray<RowChange>): Promise<void> {
    const met = new Map<Table, Set<string>>();
    const learn = (table: Table, text: string): boolean => {
      if (table.known.has(text)) return false;
      table.known.add(text);
      met.set(table, (met.get(table) ?? new Set()).add(text));
      return true;
    };
    const wanted = new Map<Table, Row[]>();
    const prefixes: Array<[Table, Row]> = [];
    for (const change of changes) {
      const table = this.tables.get(change.table) as Table;
      if (change.op === 'delete') {
        const prefix = keyText(Object.keys(change.key), change.key);
        if (!table.knownPrefixes.has(prefix)) prefixes.push([table, change.key]);
        table.knownPrefixes.add(prefix);
      } else if (learn(table, keyText(table.shape.key, change.key))) {
        wanted.set(table, [...(wanted.get(table) ?? []), change.key]);
      }
    }

    const loaded = new Map<string, RowChange>();
    for (const [table, keys] of wanted) {
      for (const row of await table.bulk.select(client, keys)) {
        loaded.set(`${table.shape.name} ${keyText(table.shape.key, row)}`, asUpsert(table.shape, row));
      }
    }
    for (const [table, prefix] of prefixes) {
      for (const row of await table.bulk.selectPrefix(client, prefix)) {
        const text = keyText(table.shape.key, row);
        if (!learn(table, text) && !met.get(table)?.has(text)) continue;
        loaded.set(`${table.shape.name} ${text}`, asUpsert(table.shape, row));
      }
    }
    if (loaded.size === 0) return;
    for (const table of this.tables.values()) table.rows.recording = false;
    try {
      applyChanges(this.memory, [...loaded.values()]);
    } finally {
      for (const table of this.tables.values()) table.rows.recording = true;
    }
  }
}

/** A stored row as the upsert that puts it back into memory unchanged. */
const asUpsert = (shape: TableShape, row: Row): RowChange => {
  const key: Row = {};
  const values: Row = {};
  for (const [column, value] of Object.entries(row)) (shape.key.includes(column) ? key : values)[column] = value;
  return { op: 'upsert', table: shape.name, key, values };
};
