import { randomUUID } from 'node:crypto';
import { commandRoutes } from '@possier/events';
import {
  seedRestaurant,
  startLedger,
  startReadSide,
  uuidv7,
  type Ledger,
  type Response,
  type Restaurant,
} from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AT, fillPath, saleInVictimStore } from './attack-requests.js';

/*
 * Identity is (org, id). Ids are minted by clients, so org B can pick any id org A holds: a
 * store's, an order's, an event's. It must get exactly what a fresh id gets — its own, unrelated
 * thing — and org A must go on as if nothing happened. Before, a stream belonged to whichever org
 * wrote it first: B could occupy A's store and brand ids (A was then refused on its own store),
 * and a refusal told B which ids A held.
 */

let ledger: Ledger;
let a: Restaurant;
let b: Restaurant;
/** Org A's first sale: its order id, the command id it was placed with, and its stored event ids. */
let sale: { orderId: string; commandId: string; eventIds: string[] };

type RouteName = keyof typeof commandRoutes;

const send = (name: RouteName, token: string, data: Record<string, unknown>, commandId = uuidv7()) =>
  ledger.post(fillPath(commandRoutes[name].path, data as Record<string, string>), token, {
    commandId,
    occurredAt: AT,
    data,
  });

/** What an answer says, without the ids it carries: a reused id must be answered as a fresh one is. */
const shape = (response: Response) => ({
  status: response.status,
  code: (response.body as { error?: { code?: string } }).error?.code ?? null,
  replayed: response.headers.get('idempotent-replayed'),
});

const openAuditKey = async (shop: Restaurant) => {
  const response = await ledger.post('/v1/audit/keys/rotate', shop.ownerToken, {
    commandId: uuidv7(),
    occurredAt: '2026-11-24T08:00:00+05:30',
    data: { orgId: shop.ids.org },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
};

beforeAll(async () => {
  ledger = await startLedger();
  a = await seedRestaurant(ledger);
  b = await seedRestaurant(ledger);
  await openAuditKey(a);
  await openAuditKey(b);
  const orderId = uuidv7();
  const commandId = uuidv7();
  const placed = await send(
    'placeOrder',
    a.r1Token,
    {
      orderId,
      storeId: a.ids.storeA,
      channel: 'dine_in',
      lines: [{ lineId: randomUUID(), itemId: a.ids.cola, quantity: 2 }],
      tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 20_000 }],
    },
    commandId,
  );
  expect(placed.status, JSON.stringify(placed.body)).toBe(200);
  const { rows } = await ledger.store.pool.query<{ event_id: string }>(
    `SELECT event_id::text FROM events WHERE org_id = $1 AND stream_id = $2 ORDER BY stream_position`,
    [a.ids.org, `order-${orderId}`],
  );
  sale = { orderId, commandId, eventIds: rows.map((row) => row.event_id) };
}, 120_000);

afterAll(async () => {
  await ledger?.close();
});

/** Each of org B's creations, given the id to create it under; every parent it names is B's own. */
const creations: Array<{ name: RouteName; token: () => string; data: (id: string) => Record<string, unknown> }> = [
  {
    name: 'createBrand',
    token: () => b.ownerToken,
    data: (id) => ({ orgId: b.ids.org, brandId: id, name: 'Dosa Co' }),
  },
  {
    name: 'createStore',
    token: () => b.ownerToken,
    data: (id) => ({
      orgId: b.ids.org,
      storeId: id,
      brandId: b.ids.brand,
      name: 'Powai',
      timeZone: 'Asia/Kolkata',
      stateCode: '27',
    }),
  },
  {
    name: 'createRegister',
    token: () => b.ownerToken,
    data: (id) => ({ orgId: b.ids.org, registerId: id, storeId: b.ids.storeA, name: 'Till 9' }),
  },
  {
    name: 'addUser',
    token: () => b.ownerToken,
    data: (id) => ({ orgId: b.ids.org, userId: id, name: 'Ravi', email: `ravi-${id.slice(0, 8)}@example.in` }),
  },
  {
    name: 'defineTaxCategory',
    token: () => b.ownerToken,
    data: (id) => ({
      taxCategoryId: id,
      orgId: b.ids.org,
      name: 'Restaurant 5%',
      rateBasisPoints: 500,
      hsnSac: '996331',
      at: AT,
    }),
  },
  {
    name: 'defineItem',
    token: () => b.ownerToken,
    data: (id) => ({
      itemId: id,
      brandId: b.ids.brand,
      name: `Masala dosa ${id.slice(0, 8)}`,
      kind: 'item',
      taxCategoryId: b.ids.food,
      unitPricePaise: 12_000,
      priceIncludesTax: false,
      at: AT,
    }),
  },
  {
    name: 'registerCustomer',
    token: () => b.ownerToken,
    data: (id) => ({
      customerId: id,
      storeId: b.ids.storeA,
      name: 'Meera',
      phone: `+91 98${String(Number.parseInt(id.slice(0, 8), 16) % 100_000_000).padStart(8, '0')}`,
      consent: { marketing: false, loyalty: true },
    }),
  },
  {
    name: 'openShift',
    token: () => b.r1Token,
    data: (id) => ({
      shiftId: id,
      storeId: b.ids.storeA,
      registerId: b.ids.r1,
      openedBy: b.ids.cashierA,
      floatPaise: 100_000,
      openedAt: AT,
    }),
  },
];

describe('identity is (org, id): org B reusing org A’s ids', () => {
  it('creates B’s own brand, store, register, user, tax category, item, customer and shift under A’s ids, answered as fresh ids are', async () => {
    const taken: Record<RouteName, string | undefined> = {
      createBrand: a.ids.brand,
      createStore: a.ids.storeA,
      createRegister: a.ids.r1,
      addUser: a.ids.cashierA,
      defineTaxCategory: a.ids.food,
      defineItem: a.ids.pizza,
      registerCustomer: randomUUID(),
      openShift: randomUUID(),
    } as Record<RouteName, string | undefined>;
    for (const { name, token, data } of creations) {
      const reused = await send(name, token(), data(taken[name] as string));
      const fresh = await send(name, token(), data(randomUUID()));
      expect(shape(reused), `${name} with org A's id: ${JSON.stringify(reused.body)}`).toEqual(shape(fresh));
      expect(reused.status, `${name}: ${JSON.stringify(reused.body)}`).toBe(200);
      expect(JSON.stringify(reused.body)).not.toContain(a.ids.org);
    }
  });

  it('places B’s order under A’s order id and A’s command id as a new order, not a replay of A’s', async () => {
    const order = (orderId: string) => ({
      orderId,
      storeId: b.ids.storeA,
      channel: 'takeaway',
      lines: [{ lineId: randomUUID(), itemId: b.ids.cola, quantity: 1 }],
      tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 10_000 }],
    });
    const reused = await send('placeOrder', b.r1Token, order(sale.orderId), sale.commandId);
    const fresh = await send('placeOrder', b.r1Token, order(uuidv7()));
    expect(shape(reused), JSON.stringify(reused.body)).toEqual(shape(fresh));
    expect(reused.status).toBe(200);
    const events = await ledger.store.readStream({ orgId: b.ids.org, streamId: `order-${sale.orderId}` });
    expect(events.map((event) => event.orgId)).toEqual(events.map(() => b.ids.org));
    // A's order is untouched: still its one sale, and voiding it works for A alone.
    const own = await ledger.store.readStream({ orgId: a.ids.org, streamId: `order-${sale.orderId}` });
    expect(own.map((event) => event.eventId)).toEqual(sale.eventIds);
  });

  it('stores a sale B’s register replays with event ids A holds as B’s, accepted as new', async () => {
    // Ids of A's tenancy events: B's own order above already holds the ids derived from A's
    // command id in B's org, which are B's to conflict with now.
    const { rows: taken } = await ledger.store.pool.query<{ event_id: string }>(
      `SELECT event_id::text FROM events WHERE org_id = $1 AND stream_id = $2 ORDER BY stream_position LIMIT 4`,
      [a.ids.org, `tenancy-${a.ids.org}`],
    );
    const eventIds = taken.map((row) => row.event_id);
    const events = saleInVictimStore(b.ids, { eventIds });
    const response = await ledger.post(fillPath(commandRoutes.replay.path, { registerId: b.ids.r1 }), b.r1Token, {
      registerId: b.ids.r1,
      batchId: uuidv7(),
      events,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const verdicts = (response.body as { verdicts: Array<{ verdict: string }> }).verdicts;
    expect(
      verdicts.map((verdict) => verdict.verdict),
      JSON.stringify(response.body),
    ).toEqual(events.map(() => 'accepted'));
    expect(JSON.stringify(response.body)).not.toContain(a.ids.org);
    const { rows } = await ledger.store.pool.query<{ org_id: string; n: number }>(
      'SELECT org_id::text, count(*)::int AS n FROM events WHERE event_id = ANY($1::uuid[]) GROUP BY org_id',
      [events.map((event) => event.eventId)],
    );
    expect(Object.fromEntries(rows.map((row) => [row.org_id, row.n]))).toEqual({
      [a.ids.org]: events.length,
      [b.ids.org]: events.length,
    });
  });

  it('lets B count stock, close a day and set a loyalty rule on ids A holds, and A still does all three on its own', async () => {
    // B's store and brand under A's ids exist from the first case; B's stock item id is A's too.
    const count = (shop: Restaurant, token: string) =>
      send('adjustStock', token, {
        stockItemId: a.ids.dough,
        storeId: a.ids.storeA,
        adjustmentId: uuidv7(),
        occurredAt: AT,
        reason: 'count',
        countedQuantity: shop === a ? 40_000 : 7,
      });
    const close = (token: string) =>
      ledger.post(`/v1/audit/stores/${a.ids.storeA}/days/2026-11-24/close`, token, {
        commandId: uuidv7(),
        occurredAt: '2026-11-25T02:00:00+05:30',
        data: { storeId: a.ids.storeA, businessDate: '2026-11-24' },
      });
    const rule = (token: string) =>
      send('setLoyaltyRule', token, {
        brandId: a.ids.brand,
        pointsPer100Rupees: 500,
        pointValuePaise: 100,
        expiryDays: 30,
      });

    for (const [label, response] of [
      ['B counts', await count(b, b.ownerToken)],
      ['B closes the day', await close(b.ownerToken)],
      ['B sets the rule', await rule(b.ownerToken)],
      ['A counts', await count(a, a.ownerToken)],
      ['A closes the day', await close(a.ownerToken)],
      ['A sets the rule', await rule(a.ownerToken)],
    ] as const)
      expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBe(200);

    const history = await ledger.get(`/v1/audit/stores/${a.ids.storeA}/days/2026-11-24/history`, a.ownerToken);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    expect(JSON.stringify(history.body)).not.toContain(b.ids.org);
    const theirs = await ledger.get(`/v1/audit/stores/${a.ids.storeA}/days/2026-11-24/history`, b.ownerToken);
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    expect(JSON.stringify(theirs.body)).not.toContain(a.ids.org);
  });

  it('projects each org’s sales under the shared store id into its own reports, and only there', async () => {
    // B sells in its own store that carries A's store id (created in the first case).
    const theirs = await send('placeOrder', b.ownerToken, {
      orderId: uuidv7(),
      storeId: a.ids.storeA,
      channel: 'takeaway',
      lines: [{ lineId: randomUUID(), itemId: b.ids.cola, quantity: 3 }],
      tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 100_000 }],
    });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    const readSide = await startReadSide(ledger);
    try {
      await readSide.settle();
      const report = async (shop: Restaurant) => {
        const response = await ledger.get(
          `/v1/reports/sales?storeId=${a.ids.storeA}&from=2026-11-24&to=2026-11-25`,
          shop.ownerToken,
        );
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        return response.body as { rows: Array<{ orders: number; payablePaise: number }> };
      };
      const [ours, others] = [await report(a), await report(b)];
      // A: its one sale of two colas; B: its sale of three, each alone in its own org's report.
      expect(ours.rows.reduce((sum, row) => sum + row.orders, 0)).toBe(1);
      expect(others.rows.reduce((sum, row) => sum + row.orders, 0)).toBe(1);
      const payable = (body: typeof ours) => body.rows.reduce((sum, row) => sum + row.payablePaise, 0);
      expect(payable(others) * 2).toBe(payable(ours) * 3);
      expect(JSON.stringify(ours)).not.toContain(b.ids.org);
      expect(JSON.stringify(others)).not.toContain(a.ids.org);
    } finally {
      await readSide.stop();
    }
  }, 120_000);
});
