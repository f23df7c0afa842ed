import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@possier/prisma';
import {
  applyChanges,
  createMemoryTables,
  deleteRows,
  increment,
  rmRecipeComponents,
  rmSalesByHour,
  rmStockOnHand,
  rowsOf,
  update,
  upsert,
  type RowChange,
} from '@possier/read-models';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlApplier } from './sql-applier.js';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase('possier_projector');
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const org = randomUUID();
const store = randomUUID();
const flour = randomUUID();

/** A day's changes of the kinds projections emit: counters created then added to, an entity row overwritten and updated. */
const changes: RowChange[] = [
  increment(
    rmSalesByHour,
    { org_id: org, store_id: store, business_date: '2026-11-24', hour: 13 },
    { orders_count: 1, payable_paise: 84_800 },
  ),
  increment(
    rmSalesByHour,
    { org_id: org, store_id: store, business_date: '2026-11-24', hour: 13 },
    { orders_count: 1, payable_paise: 34_100 },
  ),
  increment(
    rmSalesByHour,
    { org_id: org, store_id: store, business_date: '2026-11-24', hour: 14 },
    { voids_count: 1, voided_paise: 34_100 },
  ),
  upsert(
    rmStockOnHand,
    { org_id: org, store_id: store, stock_item_id: flour },
    { on_hand: 10_000, last_counted_quantity: 10_000, last_counted_at: '2026-11-24T09:00:00+05:30' },
  ),
  increment(rmStockOnHand, { org_id: org, store_id: store, stock_item_id: flour }, { on_hand: -500 }),
  update(rmStockOnHand, { org_id: org, store_id: randomUUID(), stock_item_id: flour }, { on_hand: 1 }),
];

const normalise = (rows: ReadonlyArray<Record<string, unknown>>) =>
  rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => [
        column,
        value instanceof Date
          ? column === 'business_date'
            ? value.toISOString().slice(0, 10)
            : value.toISOString()
          : typeof value === 'string' && /^-?\d+$/.test(value)
            ? Number(value)
            : value,
      ]),
    ),
  );

describe('SqlApplier', () => {
  it('leaves PostgreSQL with exactly the rows the in-memory applier computes', async () => {
    const applier = new SqlApplier([rmSalesByHour, rmStockOnHand]);
    await client.query('BEGIN');
    await client.query("SELECT set_config('app.org_id', $1, true)", [org]);
    for (const change of changes) await applier.apply(client, change);
    const hours = (await client.query('SELECT * FROM rm_sales_by_hour ORDER BY hour')).rows;
    const stock = (await client.query('SELECT * FROM rm_stock_on_hand')).rows;
    await client.query('COMMIT');

    const memory = applyChanges(createMemoryTables(), changes);
    const expected = (rows: ReadonlyArray<Record<string, unknown>>) =>
      rows.map((row) => ({
        ...row,
        last_counted_at: row.last_counted_at
          ? new Date(String(row.last_counted_at)).toISOString()
          : row.last_counted_at,
      }));
    expect(normalise(hours)).toEqual(rowsOf(memory, rmSalesByHour));
    expect(normalise(stock)).toEqual(expected(rowsOf(memory, rmStockOnHand)));
    expect(normalise(hours)[0]).toMatchObject({ orders_count: 2, payable_paise: 118_900 });
    expect(normalise(stock)[0]).toMatchObject({ on_hand: 9_500 });
  });

  it('replaces a set of rows by deleting under a leading part of the key, as the in-memory applier does', async () => {
    const applier = new SqlApplier([rmRecipeComponents]);
    const pizza = randomUUID();
    const cola = randomUUID();
    const component = (itemId: string, stockItemId: string, position: number, quantity: number) =>
      upsert(rmRecipeComponents, { org_id: org, item_id: itemId, stock_item_id: stockItemId }, { position, quantity });
    const [dough, cheese, tomato, can] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const recipes: RowChange[] = [
      component(pizza, dough, 0, 250),
      component(pizza, cheese, 1, 100),
      component(cola, can, 0, 1),
      deleteRows(rmRecipeComponents, { org_id: org, item_id: pizza }),
      component(pizza, tomato, 0, 80),
      component(pizza, dough, 1, 230),
    ];
    await client.query('BEGIN');
    await client.query("SELECT set_config('app.org_id', $1, true)", [org]);
    for (const change of recipes) await applier.apply(client, change);
    const rows = (await client.query('SELECT * FROM rm_recipe_components ORDER BY org_id, item_id, stock_item_id'))
      .rows;
    await client.query('COMMIT');

    const memory = applyChanges(createMemoryTables(), recipes);
    expect(normalise(rows)).toEqual(rowsOf(memory, rmRecipeComponents));
    expect(normalise(rows).filter((row) => row.item_id === pizza)).toHaveLength(2);
  });

  it('refuses a delete that does not name a leading part of the key, before any SQL is sent', async () => {
    const applier = new SqlApplier([rmRecipeComponents]);
    await expect(applier.apply(client, deleteRows(rmRecipeComponents, {}))).rejects.toThrow(/leading part/);
    await expect(
      applier.apply(client, deleteRows(rmRecipeComponents, { org_id: org, stock_item_id: randomUUID() })),
    ).rejects.toThrow(/leading part/);
  });

  it('refuses a table or column the read models do not declare, before any SQL is sent', async () => {
    const applier = new SqlApplier([rmSalesByHour]);
    await expect(
      applier.apply(client, { op: 'update', table: 'rm_orders', key: { org_id: org }, values: {} }),
    ).rejects.toThrow('no read-model table');
    await expect(
      applier.apply(client, {
        op: 'update',
        table: 'rm_sales_by_hour',
        key: { org_id: org },
        values: { 'hour; DROP TABLE events': 1 },
      }),
    ).rejects.toThrow();
  });

  it('writes nothing for a tenant other than the transaction’s: row-level security holds for the projector', async () => {
    const applier = new SqlApplier([rmStockOnHand]);
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE possier_app');
    await client.query("SELECT set_config('app.org_id', $1, true)", [randomUUID()]);
    await expect(
      applier.apply(
        client,
        upsert(rmStockOnHand, { org_id: org, store_id: store, stock_item_id: randomUUID() }, { on_hand: 1 }),
      ),
    ).rejects.toThrow(/row-level security/);
    await client.query('ROLLBACK');
  });
});
