import type { ColumnType, RowChange, Scalar, TableShape } from '@possier/read-models';
import type pg from 'pg';

const CAST: Record<ColumnType, string> = {
  uuid: 'uuid',
  text: 'text',
  date: 'date',
  smallint: 'smallint',
  integer: 'integer',
  bigint: 'bigint',
  boolean: 'boolean',
  timestamptz: 'timestamptz',
};

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Table and column names come from the read-model declarations; anything else is refused, never quoted into SQL. */
const ident = (name: string): string => {
  if (!IDENTIFIER.test(name)) throw new Error(`not a read-model identifier: ${name}`);
  return name;
};

export type Statement = { text: string; values: Scalar[] };

/**
 * Turns row changes into SQL against the declared tables. Every value is a parameter cast to its
 * column's declared type; identifiers are checked against the declarations.
 *
 * Increments are an UPDATE first and an INSERT only when no row matched (see the trap described
 * in read-models' row-change.ts): an entity row's increment must not trip NOT NULL checks of an
 * INSERT … ON CONFLICT. A delete must name a leading part of the key, org_id first, so it can
 * never widen to a whole table (whatever the role's row-level security would allow).
 */
export class SqlApplier {
  private readonly tables: Map<string, TableShape>;

  constructor(
    tables: ReadonlyArray<TableShape>,
    private readonly rename: (table: string) => string = (table) => table,
  ) {
    this.tables = new Map(tables.map((table) => [table.name, table]));
  }

  async apply(client: pg.PoolClient | pg.Client, change: RowChange): Promise<void> {
    const table = this.tables.get(change.table);
    if (!table) throw new Error(`no read-model table ${change.table}`);
    const name = ident(this.rename(table.name));
    const params: Scalar[] = [];
    const param = (column: string, value: Scalar): string => {
      const shape = table.columns[column];
      if (!shape) throw new Error(`${table.name} has no column ${column}`);
      params.push(value);
      return `$${params.length}::${CAST[shape.type]}`;
    };
    const where = (key: Record<string, Scalar>) =>
      Object.entries(key)
        .map(([column, value]) => `${ident(column)} = ${param(column, value)}`)
        .join(' AND ');

    switch (change.op) {
      case 'upsert': {
        const row = { ...change.key, ...change.values };
        const columns = Object.keys(row).map(ident);
        const placeholders = Object.entries(row).map(([column, value]) => param(column, value));
        const updates = Object.keys(change.values).map((column) => `${ident(column)} = EXCLUDED.${ident(column)}`);
        await client.query(
          `INSERT INTO ${name} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})
           ON CONFLICT (${table.key.map(ident).join(', ')}) ${updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'}`,
          params,
        );
        return;
      }
      case 'update': {
        if (Object.keys(change.values).length === 0) return;
        const sets = Object.entries(change.values).map(
          ([column, value]) => `${ident(column)} = ${param(column, value)}`,
        );
        await client.query(`UPDATE ${name} SET ${sets.join(', ')} WHERE ${where(change.key)}`, params);
        return;
      }
      case 'delete': {
        const named = table.key.slice(0, Object.keys(change.key).length);
        if (named.length === 0 || named.some((column) => !(column in change.key))) {
          throw new Error(`${table.name}: a delete names a leading part of the key (${table.key.join(', ')})`);
        }
        await client.query(`DELETE FROM ${name} WHERE ${where(change.key)}`, params);
        return;
      }
      case 'increment': {
        const sets = Object.entries(change.by).map(
          ([column, amount]) => `${ident(column)} = ${ident(column)} + ${param(column, amount)}`,
        );
        const updated = await client.query(`UPDATE ${name} SET ${sets.join(', ')} WHERE ${where(change.key)}`, params);
        if ((updated.rowCount ?? 0) > 0) return;
        params.length = 0;
        const row: Record<string, Scalar> = { ...change.init, ...change.key, ...change.by };
        const columns = Object.keys(row).map(ident);
        const placeholders = Object.entries(row).map(([column, value]) => param(column, value));
        await client.query(`INSERT INTO ${name} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})`, params);
        return;
      }
    }
  }
}
