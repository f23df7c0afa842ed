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
import { BufferedRows } from './buffered-rows.js';

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

/** Applies the changes in one transaction as `orgId`, through BufferedRows over the live tables, and returns `select`'s rows. */
const applied = async (
  tables: ConstructorParameters<typeof BufferedRows>[0],
  batches: ReadonlyArray<ReadonlyArray<RowChange>>,
  select: string,
): Promise<Record<string, unknown>[]> => {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('app.org_id', $1, true)", [org]);
    for (const batch of batches) {
      const buffered = new BufferedRows(tables);
      await buffered.apply(client as never, batch);
      await buffered.flush(client as never);
    }
    const { rows } = await client.query(select);
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
};

const recipeChanges = () => {
  const pizza = randomUUID();
  const cola = randomUUID();
  const component = (itemId: string, stockItemId: string, position: number, quantity: number) =>
    upsert(rmRecipeComponents, { org_id: org, item_id: itemId, stock_item_id: stockItemId }, { position, quantity });
  const [dough, cheese, tomato, can] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  return {
    pizza,
    first: [component(pizza, dough, 0, 250), component(pizza, cheese, 1, 100), component(cola, can, 0, 1)],
    then: [
      deleteRows(rmRecipeComponents, { org_id: org, item_id: pizza }),
      component(pizza, tomato, 0, 80),
      component(pizza, dough, 1, 230),
    ],
  };
};

const lastCountedAsInstant = (rows: ReadonlyArray<Record<string, unknown>>) =>
  rows.map((row) => ({
    ...row,
    last_counted_at: row.last_counted_at ? new Date(String(row.last_counted_at)).toISOString() : row.last_counted_at,
  }));

describe('BufferedRows', () => {
  it('leaves PostgreSQL with exactly the rows the in-memory applier computes, in one batch or over several', async () => {
    await client.query('DELETE FROM rm_sales_by_hour');
    await client.query('DELETE FROM rm_stock_on_hand');
    const inOne = await applied(
      [rmSalesByHour, rmStockOnHand],
      [changes],
      'SELECT * FROM rm_sales_by_hour ORDER BY hour',
    );
    const memory = applyChanges(createMemoryTables(), changes);
    expect(normalise(inOne)).toEqual(rowsOf(memory, rmSalesByHour));
    expect(normalise(inOne)[0]).toMatchObject({ orders_count: 2, payable_paise: 118_900 });
    const stock = (await client.query('SELECT * FROM rm_stock_on_hand')).rows;
    expect(normalise(stock)).toEqual(lastCountedAsInstant(rowsOf(memory, rmStockOnHand)));
    expect(normalise(stock)[0]).toMatchObject({ on_hand: 9_500 });

    // The same changes again, one per batch: each batch reads back what the one before it stored.
    await applied(
      [rmSalesByHour, rmStockOnHand],
      changes.map((change) => [change]),
      'SELECT 1',
    );
    const twice = applyChanges(applyChanges(createMemoryTables(), changes), changes);
    expect(normalise((await client.query('SELECT * FROM rm_sales_by_hour ORDER BY hour')).rows)).toEqual(
      rowsOf(twice, rmSalesByHour),
    );
    expect(normalise((await client.query('SELECT * FROM rm_stock_on_hand')).rows)).toEqual(
      lastCountedAsInstant(rowsOf(twice, rmStockOnHand)),
    );
  });

  it('replaces a set of rows by deleting under a leading part of the key, stored rows included', async () => {
    const { pizza, first, then } = recipeChanges();
    await applied([rmRecipeComponents], [first], 'SELECT 1');
    const rows = await applied(
      [rmRecipeComponents],
      [then],
      'SELECT * FROM rm_recipe_components ORDER BY org_id, item_id, stock_item_id',
    );
    const memory = applyChanges(applyChanges(createMemoryTables(), first), then);
    expect(normalise(rows.filter((row) => row.org_id === org))).toEqual(rowsOf(memory, rmRecipeComponents));
    expect(normalise(rows).filter((row) => row.item_id === pizza)).toHaveLength(2);
  });

  it('keeps memory bounded: flushed, dropped and read back, the rows come out the same', async () => {
    const { first, then } = recipeChanges();
    const shadow = 'rm_recipe_components__buffered_test';
    await client.query(`DROP TABLE IF EXISTS ${shadow}`);
    await client.query(`CREATE TABLE ${shadow} (LIKE rm_recipe_components INCLUDING ALL)`);
    const buffered = new BufferedRows([rmRecipeComponents], {
      rename: () => shadow,
      startsEmpty: true,
      maxRows: 1,
    });
    const pooled = client as never;
    await buffered.apply(pooled, first);
    await buffered.bound(pooled);
    await buffered.apply(pooled, then);
    await buffered.bound(pooled);
    await buffered.flush(pooled);
    const rows = (await client.query(`SELECT * FROM ${shadow} ORDER BY org_id, item_id, stock_item_id`)).rows;
    await client.query(`DROP TABLE ${shadow}`);
    expect(normalise(rows)).toEqual(
      rowsOf(applyChanges(applyChanges(createMemoryTables(), first), then), rmRecipeComponents),
    );
  });

  it('refuses a delete that does not name a leading part of the key, and writes nothing', async () => {
    const before = (await client.query('SELECT count(*)::int AS n FROM rm_recipe_components')).rows[0];
    await expect(applied([rmRecipeComponents], [[deleteRows(rmRecipeComponents, {})]], 'SELECT 1')).rejects.toThrow(
      /leading part/,
    );
    await expect(
      applied(
        [rmRecipeComponents],
        [[deleteRows(rmRecipeComponents, { org_id: org, stock_item_id: randomUUID() })]],
        'SELECT 1',
      ),
    ).rejects.toThrow(/leading part/);
    expect((await client.query('SELECT count(*)::int AS n FROM rm_recipe_components')).rows[0]).toEqual(before);
  });

  it('refuses a table or column the read models do not declare, and writes nothing', async () => {
    await expect(
      applied([rmSalesByHour], [[{ op: 'update', table: 'rm_orders', key: { org_id: org }, values: {} }]], 'SELECT 1'),
    ).rejects.toThrow('no read-model table');
    await expect(
      applied(
        [rmSalesByHour],
        [
          [
            {
              op: 'update',
              table: 'rm_sales_by_hour',
              key: { org_id: org, store_id: store, business_date: '2026-11-24', hour: 13 },
              values: { 'hour; DROP TABLE events': 1 },
            },
          ],
        ],
        'SELECT 1',
      ),
    ).rejects.toThrow(/no column/);
    expect((await client.query('SELECT count(*)::int AS n FROM events')).rows[0]).toEqual({ n: 0 });
  });

  it('writes nothing for a tenant other than the transaction’s: row-level security holds for the projector', async () => {
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE possier_app');
    await client.query("SELECT set_config('app.org_id', $1, true)", [randomUUID()]);
    const buffered = new BufferedRows([rmStockOnHand]);
    await buffered.apply(client as never, [
      upsert(rmStockOnHand, { org_id: org, store_id: store, stock_item_id: randomUUID() }, { on_hand: 1 }),
    ]);
    await expect(buffered.flush(client as never)).rejects.toThrow(/row-level security/);
    await client.query('ROLLBACK');
  });
});
