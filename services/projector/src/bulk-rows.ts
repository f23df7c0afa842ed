import type { Row, Scalar, TableShape } from '@possier/read-models';
import type pg from 'pg';
import { CAST, ident } from './sql-identifiers.js';

/** Rows per statement: large enough to amortise the round trip, small enough to keep each one short. */
const CHUNK = 5_000;

const INTEGER: ReadonlySet<string> = new Set(['smallint', 'integer', 'bigint']);

type Client = pg.PoolClient | pg.Client;

/**
 * Whole rows of one table written, deleted and read in bulk: each column travels as one array
 * parameter and `unnest` turns the arrays back into rows, so a statement costs one round trip
 * whatever the number of rows, and never nears Postgres' limit of 65,535 parameters.
 *
 * Rows read back come in the form projections write them: integers as numbers (int8 arrives as
 * text), dates as `YYYY-MM-DD`, instants as ISO 8601 text.
 */
export class BulkRows {
  private readonly columns: ReadonlyArray<string>;
  private readonly key: ReadonlyArray<string>;
  private readonly selectList: string;

  constructor(
    private readonly shape: TableShape,
    private readonly table: string,
  ) {
    ident(table);
    this.columns = Object.keys(shape.columns).map(ident);
    this.key = shape.key.map(ident);
    this.selectList = this.columns
      .map((column) => {
        const type = this.typeOf(column);
        if (type === 'date') return `t.${column}::text AS ${column}`;
        if (type === 'timestamptz') return `to_json(t.${column}) #>> '{}' AS ${column}`;
        return `t.${column}`;
      })
      .join(', ');
  }

  /** Inserts the rows, or overwrites every column of those whose key is stored. Keys must be distinct. */
  async upsert(client: Client, rows: ReadonlyArray<Row>): Promise<void> {
    const others = this.columns.filter((column) => !this.key.includes(column));
    const onConflict =
      others.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${others.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}`;
    for (let from = 0; from < rows.length; from += CHUNK) {
      const { list, values } = this.arrays(this.columns, rows.slice(from, from + CHUNK));
      await client.query(
        `INSERT INTO ${this.table} (${this.columns.join(', ')}) SELECT * FROM unnest(${list})
         ON CONFLICT (${this.key.join(', ')}) ${onConflict}`,
        values,
      );
    }
  }

  /** Deletes the rows with these keys (each names every key column). */
  async delete(client: Client, keys: ReadonlyArray<Row>): Promise<void> {
    for (let from = 0; from < keys.length; from += CHUNK) {
      const { list, values } = this.arrays(this.key, keys.slice(from, from + CHUNK));
      await client.query(
        `DELETE FROM ${this.table} AS t USING unnest(${list}) AS k(${this.key.join(', ')}) WHERE ${this.joined()}`,
        values,
      );
    }
  }

  /** The stored rows among these keys (each names every key column). */
  async select(client: Client, keys: ReadonlyArray<Row>): Promise<Row[]> {
    const found: Row[] = [];
    for (let from = 0; from < keys.length; from += CHUNK) {
      const { list, values } = this.arrays(this.key, keys.slice(from, from + CHUNK));
      const { rows } = await client.query<Row>(
        `SELECT ${this.selectList} FROM ${this.table} AS t JOIN unnest(${list}) AS k(${this.key.join(', ')})
         ON ${this.joined()}`,
        values,
      );
      for (const row of rows) found.push(this.fromDatabase(row));
    }
    return found;
  }

  /** The stored rows whose key starts with the columns of `prefix`. */
  async selectPrefix(client: Client, prefix: Row): Promise<Row[]> {
    const columns = Object.keys(prefix).map(ident);
    const { rows } = await client.query<Row>(
      `SELECT ${this.selectList} FROM ${this.table} AS t
       WHERE ${columns.map((column, index) => `t.${column} = $${index + 1}::${this.castOf(column)}`).join(' AND ')}`,
      columns.map((column) => prefix[column] ?? null),
    );
    return rows.map((row) => this.fromDatabase(row));
  }

  private typeOf(column: string): keyof typeof CAST {
    const shape = this.shape.columns[column];
    if (!shape) throw new Error(`${this.shape.name} has no column ${column}`);
    return shape.type;
  }

  private castOf(column: string): string {
    return CAST[this.typeOf(column)];
  }

  private joined(): string {
    return this.key.map((column) => `t.${column} = k.${column}`).join(' AND ');
  }

  /** One array parameter per column, cast to the column's type, and the `unnest` argument list naming them. */
  private arrays(columns: ReadonlyArray<string>, rows: ReadonlyArray<Row>): { list: string; values: Scalar[][] } {
    const list = columns.map((column, index) => `$${index + 1}::${this.castOf(column)}[]`).join(', ');
    return { list, values: columns.map((column) => rows.map((row) => row[column] ?? null)) };
  }

  private fromDatabase(row: Row): Row {
    for (const column of this.columns) {
      const value = row[column];
      if (typeof value === 'string' && INTEGER.has(this.typeOf(column))) row[column] = Number(value);
    }
    return row;
  }
}
