import { randomBytes, randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ok, seedRestaurant, startLedger, uuidv7, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { applyBatch, rebuildProjection, runProjector } from '@possier/projector';
import { projections, readModelTables } from '@possier/read-models';
import { ledgerStream, runRelay, type LedgerStream } from '@possier/relay';
import { encodeLogPosition } from '@possier/store';
import fc from 'fast-check';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

let ledger: Ledger;
let restaurant: Restaurant;
let otherOrg: Restaurant;
let nats: NatsConnection;
let stream: LedgerStream;
let pool: pg.Pool;

type Service = { stop: AbortController; done: Promise<void> };
const startRelayService = (): Service => {
  const stop = new AbortController();
  return { stop, done: runRelay({ store: ledger.store, nats, stream, logger, retryDelayMs: 100 }, stop.signal) };
};
const startProjectorService = (): Service => {
  const stop = new AbortController();
  const done = runProjector(
    {
      pool: ledger.store.pool,
      store: ledger.store,
      nats,
      stream: stream.config.name,
      consumer: 'e2e-projector',
      projections: Object.values(projections),
      logger,
      batchSize: 50,
      retryDelayMs: 100,
    },
    stop.signal,
  );
  return { stop, done };
};
const halt = async (service: Service) => {
  service.stop.abort();
  await service.done;
};

/** A query in one org's name, as the services' non-owner role: row-level security applies. */
const asApp = async <T extends pg.QueryResultRow>(
  orgId: string | null,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE possier_app');
    if (orgId) await client.query("SELECT set_config('app.org_id', $1, true)", [orgId]);
    const { rows } = await client.query<T>(sql, values);
    await client.query('COMMIT');
    return rows;
  } finally {
    client.release();
  }
};

/** Polls until `check` passes or the deadline is reached; the last failure is rethrown. */
const eventually = async (check: () => Promise<void>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

const checkout = (shop: Restaurant, overrides: Record<string, unknown> = {}) => ({
  orderId: uuidv7(),
  storeId: shop.ids.storeA,
  channel: 'dine_in',
  lines: [
    { lineId: randomUUID(), itemId: shop.ids.pizza, quantity: 2, modifierIds: [shop.ids.cheese] },
    { lineId: randomUUID(), itemId: shop.ids.cola, quantity: 1 },
  ],
  tenders: [
    { paymentId: randomUUID(), kind: 'card', amountPaise: 50_000 },
    { paymentId: randomUUID(), kind: 'cash', amountPaise: 40_000 },
  ],
  ...overrides,
});

beforeAll(async () => {
  ledger = await startLedger();
  restaurant = await seedRestaurant(ledger);
  otherOrg = await seedRestaurant(ledger);
  nats = await connect({ servers: NATS_URL });
  const suffix = randomBytes(4).toString('hex');
  stream = ledgerStream({ name: `LEDGER_E2E_${suffix}`, subjectPrefix: `ledgere2e${suffix}` });
  pool = new pg.Pool({ connectionString: ledger.databaseUrl, max: 2 });
}, 120_000);

afterAll(async () => {
  await jetstreamManager(nats)
    .then((jsm) => jsm.streams.delete(stream.config.name))
    .catch(() => undefined);
  await nats?.close();
  await pool?.end();
  await ledger?.close();
});

type Operation = {
  kind: 'sale' | 'void' | 'refund' | 'count';
  pizzas: number;
  colas: number;
  cheese: boolean;
  split: boolean;
  pick: number;
  counted: number;
};

const operation = fc.record({
  kind: fc.constantFrom<Operation['kind']>('sale', 'sale', 'sale', 'void', 'refund', 'count'),
  pizzas: fc.integer({ min: 1, max: 4 }),
  colas: fc.integer({ min: 0, max: 3 }),
  cheese: fc.boolean(),
  split: fc.boolean(),
  pick: fc.nat(),
  counted: fc.integer({ min: 0, max: 50_000 }),
});

/**
 * Sales, voids, partial refunds and stock counts in a seeded random mix, through the API as the
 * tills and the owner would send them, then waits until every projection has caught up with the
 * log's head.
 */
const randomWorkload = async (shop: Restaurant, seed: number) => {
  const [operations] = fc.sample(fc.array(operation, { minLength: 40, maxLength: 40 }), { seed, numRuns: 1 });
  const relay = startRelayService();
  const projector = startProjectorService();
  const sold: Array<{ orderId: string; pizzaLine: string; pizzas: number; settled: boolean }> = [];
  try {
    for (const op of operations ?? []) {
      const open = sold.filter((order) => !order.settled);
      const target = open[op.pick % Math.max(open.length, 1)];
      if (op.kind === 'sale' || !target) {
        const pizzaLine = randomUUID();
        const order = checkout(shop, {
          lines: [
            {
              lineId: pizzaLine,
              itemId: shop.ids.pizza,
              quantity: op.pizzas,
              modifierIds: op.cheese ? [shop.ids.cheese] : [],
            },
            ...(op.colas > 0 ? [{ lineId: randomUUID(), itemId: shop.ids.cola, quantity: op.colas }] : []),
          ],
          tenders: op.split
            ? [
                { paymentId: randomUUID(), kind: 'upi', amountPaise: 10_000 },
                { paymentId: randomUUID(), kind: 'cash', amountPaise: 500_000 },
              ]
            : [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 500_000 }],
        });
        ok(await ledger.command('/v1/orders', shop.r1Token, order));
        sold.push({ orderId: order.orderId, pizzaLine, pizzas: op.pizzas, settled: false });
      } else if (op.kind === 'void') {
        ok(
          await ledger.command(`/v1/orders/${target.orderId}/void`, shop.ownerToken, {
            orderId: target.orderId,
            reason: 'guest left',
          }),
        );
        target.settled = true;
      } else if (op.kind === 'refund') {
        ok(
          await ledger.command(`/v1/orders/${target.orderId}/refunds`, shop.ownerToken, {
            orderId: target.orderId,
            refundId: randomUUID(),
            reason: 'burnt crust',
            scope: 'lines',
            lines: [{ lineId: target.pizzaLine, quantity: 1 }],
            tender: { kind: 'cash' },
          }),
        );
        target.settled = true;
      } else {
        ok(
          await ledger.command('/v1/stock/adjustments', shop.r1Token, {
            stockItemId: shop.ids.dough,
            storeId: shop.ids.storeA,
            adjustmentId: uuidv7(),
            occurredAt: '2026-11-24T16:00:00+05:30',
            reason: 'count',
            countedQuantity: op.counted,
          }),
        );
      }
    }
    // The last event appended, committed or not yet visible below the readers' horizon (which
    // any long transaction on the server holds back): the projections must reach it.
    const { rows: last } = await pool.query<{ transaction_id: string; global_position: string }>(
      'SELECT transaction_id::text, global_position::text FROM events ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1',
    );
    const head = encodeLogPosition(BigInt(last[0]?.transaction_id ?? 0), BigInt(last[0]?.global_position ?? 0));
    await eventually(async () => {
      const { rows } = await pool.query<{ log_position: string }>('SELECT log_position FROM projector_checkpoints');
      expect(rows.length).toBe(Object.keys(projections).length);
      for (const row of rows) expect(row.log_position >= (head as string)).toBe(true);
    }, 60_000);
  } finally {
    await halt(projector);
    await halt(relay);
  }
};

describe('read side, end to end', () => {
  it('a checkout over HTTP reaches sales by hour, payment mix, GST summary and stock on hand', async () => {
    const relay = startRelayService();
    const projector = startProjectorService();
    try {
      ok(await ledger.command('/v1/orders', restaurant.r1Token, checkout(restaurant)));
      const { org, storeA, dough } = restaurant.ids;
      await eventually(async () => {
        const [hour] = await asApp<{ orders_count: number; payable_paise: string }>(
          org,
          'SELECT orders_count, payable_paise FROM rm_sales_by_hour WHERE store_id = $1',
          [storeA],
        );
        expect(hour).toEqual({ orders_count: 1, payable_paise: '84800' });
      });
      const mix = await asApp<{ tender_kind: string; applied_paise: string }>(
        org,
        'SELECT tender_kind, applied_paise FROM rm_payment_mix WHERE store_id = $1 ORDER BY tender_kind',
        [storeA],
      );
      expect(mix).toEqual([
        { tender_kind: 'card', applied_paise: '50000' },
        { tender_kind: 'cash', applied_paise: '34800' },
      ]);
      const gst = await asApp<{ rate_bp: number; cgst_paise: string; sgst_paise: string }>(
        org,
        'SELECT rate_bp, cgst_paise, sgst_paise FROM rm_gst_summary WHERE store_id = $1 ORDER BY rate_bp',
        [storeA],
      );
      expect(gst).toEqual([
        { rate_bp: 500, cgst_paise: '1875', sgst_paise: '1875' },
        { rate_bp: 1800, cgst_paise: '458', sgst_paise: '458' },
      ]);
      const [stock] = await asApp<{ on_hand: string }>(
        org,
        'SELECT on_hand FROM rm_stock_on_hand WHERE stock_item_id = $1',
        [dough],
      );
      expect(stock).toEqual({ on_hand: '-500' });
    } finally {
      await halt(projector);
      await halt(relay);
    }
  }, 60_000);

  it('the org set up and changed over HTTP reaches the tenancy, RBAC and catalog read models', async () => {
    const { org, brand, storeA, storeB, r1, r2, owner, cashierA, food, pizza, cheese, cola, drinks, dough } =
      restaurant.ids;
    const tomato = randomUUID();
    const owned = (path: string, body: Record<string, unknown>) => ledger.command(path, restaurant.ownerToken, body);
    const at = '2026-11-24T23:00:00+05:30';
    // A recipe replaced twice (the tomato row must go again), Koramangala's own cola price, and
    // the cashier's grant revoked: the rebuild below must reproduce every one of these.
    const recipe = (components: ReadonlyArray<{ stockItemId: string; quantity: number }>) =>
      owned(`/v1/items/${pizza}/recipe`, { itemId: pizza, components, at });
    ok(
      await recipe([
        { stockItemId: dough, quantity: 250 },
        { stockItemId: tomato, quantity: 80 },
      ]),
    );
    ok(await recipe([{ stockItemId: dough, quantity: 250 }]));
    ok(
      await owned(`/v1/items/${cola}/price`, {
        itemId: cola,
        unitPricePaise: 6_500,
        priceIncludesTax: true,
        effectiveFrom: at,
        storeId: storeB,
      }),
    );
    const cashierGrant = { orgId: org, userId: cashierA, role: 'cashier', scope: { level: 'store', storeId: storeA } };
    ok(await owned(`/v1/users/${cashierA}/roles/revoke`, cashierGrant));

    const relay = startRelayService();
    const projector = startProjectorService();
    try {
      await eventually(async () => {
        expect(await asApp(org, 'SELECT user_id FROM rm_role_grants WHERE revoked_at IS NOT NULL')).toEqual([
          { user_id: cashierA },
        ]);
      });
      expect(await asApp(org, 'SELECT org_id, name FROM rm_orgs')).toEqual([
        { org_id: org, name: 'Spice Route Hospitality' },
      ]);
      expect(await asApp(org, 'SELECT brand_id FROM rm_brands')).toEqual([{ brand_id: brand }]);
      expect(await asApp(org, 'SELECT register_id, store_id FROM rm_registers ORDER BY name')).toEqual([
        { register_id: r1, store_id: storeA },
        { register_id: r2, store_id: storeA },
      ]);
      expect(
        await asApp(org, 'SELECT user_id, role, scope_level, scope_id FROM rm_role_grants WHERE revoked_at IS NULL'),
      ).toEqual([{ user_id: owner, role: 'owner', scope_level: 'org', scope_id: org }]);
      expect(
        await asApp(org, 'SELECT tax_category_id, rate_bp, hsn_sac FROM rm_tax_categories ORDER BY rate_bp'),
      ).toEqual([
        { tax_category_id: food, rate_bp: 500, hsn_sac: '996331' },
        { tax_category_id: drinks, rate_bp: 1800, hsn_sac: '22021010' },
      ]);
      expect(
        await asApp(
          org,
          'SELECT item_id, kind, tax_category_id, unit_price_paise, price_includes_tax, active FROM rm_items ORDER BY name',
        ),
      ).toEqual([
        {
          item_id: cola,
          kind: 'item',
          tax_category_id: drinks,
          unit_price_paise: '6000',
          price_includes_tax: true,
          active: true,
        },
        {
          item_id: cheese,
          kind: 'modifier',
          tax_category_id: food,
          unit_price_paise: '5000',
          price_includes_tax: false,
          active: true,
        },
        {
          item_id: pizza,
          kind: 'item',
          tax_category_id: food,
          unit_price_paise: '32500',
          price_includes_tax: false,
          active: true,
        },
      ]);
      expect(await asApp(org, 'SELECT item_id, store_id, unit_price_paise FROM rm_item_store_prices')).toEqual([
        { item_id: cola, store_id: storeB, unit_price_paise: '6500' },
      ]);
      expect(await asApp(org, 'SELECT item_id, stock_item_id, position, quantity FROM rm_recipe_components')).toEqual([
        { item_id: pizza, stock_item_id: dough, position: 0, quantity: '250' },
      ]);
    } finally {
      await halt(projector);
      await halt(relay);
    }
    // Granted again, so the rest of the suite sees the org as seeded.
    ok(await owned(`/v1/users/${cashierA}/roles`, cashierGrant));
  }, 60_000);

  it('relay and projector killed and restarted mid-stream lose and duplicate nothing', async () => {
    let relay = startRelayService();
    let projector = startProjectorService();
    const { org, storeA } = restaurant.ids;
    const sales = 40;
    for (let i = 0; i < sales; i += 1) {
      ok(await ledger.command('/v1/orders', restaurant.r1Token, checkout(restaurant)));
      if (i === 12) {
        await halt(projector);
        projector = startProjectorService();
      }
      if (i === 25) {
        await halt(relay);
        relay = startRelayService();
      }
    }
    try {
      await eventually(async () => {
        const [row] = await asApp<{ orders: string; payable: string }>(
          org,
          'SELECT sum(orders_count)::text AS orders, sum(payable_paise)::text AS payable FROM rm_sales_by_hour WHERE store_id = $1',
          [storeA],
        );
        // The first test's order plus these.
        expect(row).toEqual({ orders: String(sales + 1), payable: String((sales + 1) * 84_800) });
      });
      const [orders] = await asApp<{ count: string }>(org, 'SELECT count(*)::text FROM rm_orders');
      expect(orders?.count).toBe(String(sales + 1));
    } finally {
      await halt(projector);
      await halt(relay);
    }
  }, 120_000);

  it('row-level security: the app role with org A set sees no row of org B, even with no WHERE; with no org set, none at all', async () => {
    ok(await ledger.command('/v1/orders', otherOrg.r1Token, checkout(otherOrg)));
    const relay = startRelayService();
    const projector = startProjectorService();
    try {
      await eventually(async () => {
        expect(await asApp(otherOrg.ids.org, 'SELECT 1 FROM rm_orders')).toHaveLength(1);
      });
      for (const table of readModelTables) {
        const seenByA = await asApp<{ org_id: string }>(restaurant.ids.org, `SELECT org_id FROM ${table.name}`);
        expect(seenByA.every((row) => row.org_id === restaurant.ids.org)).toBe(true);
      }
      expect(await asApp(restaurant.ids.org, 'SELECT * FROM rm_orders WHERE org_id = $1', [otherOrg.ids.org])).toEqual(
        [],
      );
      expect(await asApp(null, 'SELECT * FROM rm_orders')).toEqual([]);
    } finally {
      await halt(projector);
      await halt(relay);
    }
  }, 60_000);

  it('after a seeded random workload, a rebuild from position 0 equals the live tables row for row, and replaying a batch changes nothing', async () => {
    await randomWorkload(restaurant, 20261124);
    const snapshot = async () => {
      const all: Record<string, unknown[]> = {};
      for (const shop of [restaurant, otherOrg]) {
        for (const table of readModelTables) {
          const key = table.key.join(', ');
          all[`${shop.ids.org}:${table.name}`] = await asApp(
            shop.ids.org,
            `SELECT * FROM ${table.name} ORDER BY ${key}`,
          );
        }
      }
      return all;
    };
    const live = await snapshot();
    expect(Object.values(live).flat().length).toBeGreaterThan(100);
    for (const projection of Object.values(projections))
      await rebuildProjection(ledger.store.pool, ledger.store, projection);
    expect(await snapshot()).toEqual(live);

    // Redelivery: the whole log applied again through the projector's batch path is skipped by the checkpoints.
    const everything = await ledger.store.readAll({ limit: 100_000 });
    const result = await applyBatch(ledger.store.pool, ledger.store, Object.values(projections), everything);
    expect(result.applied).toBe(0);
    expect(await snapshot()).toEqual(live);
  }, 120_000);
});
