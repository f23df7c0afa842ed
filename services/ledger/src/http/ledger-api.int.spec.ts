import { randomUUID } from 'node:crypto';
import { commandRoutes, REPORT_NAMES, reportRoutes } from '@possier/events';
import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, uuidv7, type Ledger } from '../testing/ledger-harness.js';
import { AT, ok, seedRestaurant, type Restaurant } from '../testing/seed.js';

let ledger: Ledger;
let ownerToken: string;
let cashierToken: string;
let r1Token: string;
let ids: Restaurant['ids'];

/** Margherita 2 × (₹325 + ₹50 cheese) at 5 % and a ₹60 cola at MRP incl. 18 %: payable ₹848.00. */
const checkout = (overrides: Record<string, unknown> = {}) => ({
  orderId: uuidv7(),
  storeId: ids.storeA,
  channel: 'dine_in',
  lines: [
    { lineId: randomUUID(), itemId: ids.pizza, quantity: 2, modifierIds: [ids.cheese] },
    { lineId: randomUUID(), itemId: ids.cola, quantity: 1 },
  ],
  tenders: [
    { paymentId: randomUUID(), kind: 'card', amountPaise: 50_000, reference: 'AUTH-1' },
    { paymentId: randomUUID(), kind: 'cash', amountPaise: 40_000 },
  ],
  ...overrides,
});

const eventsOf = async (orderId: string) => ledger.store.readStream({ orgId: ids.org, streamId: `order-${orderId}` });

beforeAll(async () => {
  ledger = await startLedger();
  ({ ids, ownerToken, cashierToken, r1Token } = await seedRestaurant(ledger));
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('checkout over HTTP', () => {
  it('records a full checkout with two tenders and change, atomically, with the stock it used', async () => {
    const order = checkout();
    const response = ok(await ledger.command('/v1/orders', r1Token, order));
    expect(response.body.events.map((event: { type: string }) => event.type)).toEqual([
      'OrderPlaced',
      'PaymentTendered',
      'PaymentTendered',
      'StockDepleted',
    ]);
    const stored = await eventsOf(order.orderId);
    expect(stored.map((event) => event.eventId)).toEqual(
      response.body.events.map((event: { eventId: string }) => event.eventId),
    );
    const placed = stored[0]?.data as { totals: { payablePaise: number }; changePaise: number; registerId: string };
    expect(placed.totals.payablePaise).toBe(84_800);
    expect(placed.changePaise).toBe(5_200);
    expect(placed.registerId).toBe(ids.r1);
    expect(
      stored.every(
        (event) =>
          event.orgId === ids.org &&
          event.storeId === ids.storeA &&
          event.registerId === ids.r1 &&
          event.brandId === ids.brand,
      ),
    ).toBe(true);
    expect(stored[3]?.data).toMatchObject({ stockItemId: ids.dough, quantity: 500 });
  });

  it('prices a checkout by the catalog as it is now: a price, rate or category changed a moment ago counts', async () => {
    const [standard, higher, dosa] = [uuidv7(), uuidv7(), uuidv7()];
    const category = (taxCategoryId: string, rateBasisPoints: number) =>
      ledger.command('/v1/tax-categories', ownerToken, {
        taxCategoryId,
        orgId: ids.org,
        name: `Slab ${rateBasisPoints}`,
        rateBasisPoints,
        hsnSac: '996331',
        at: AT,
      });
    ok(await category(standard, 500));
    ok(await category(higher, 1_200));
    ok(
      await ledger.command('/v1/items', ownerToken, {
        itemId: dosa,
        brandId: ids.brand,
        name: 'Masala dosa',
        kind: 'item',
        taxCategoryId: standard,
        unitPricePaise: 10_000,
        priceIncludesTax: false,
        at: AT,
      }),
    );
    const payable = async () => {
      const order = checkout({
        lines: [{ lineId: randomUUID(), itemId: dosa, quantity: 1 }],
        tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 50_000 }],
      });
      ok(await ledger.command('/v1/orders', r1Token, order));
      return ((await eventsOf(order.orderId))[0]?.data as { totals: { payablePaise: number } }).totals.payablePaise;
    };
    const justNow = () => new Date(Date.now() - 1_000).toISOString();

    expect(await payable()).toBe(10_500);
    ok(
      await ledger.command(`/v1/items/${dosa}/price`, ownerToken, {
        itemId: dosa,
        unitPricePaise: 20_000,
        priceIncludesTax: false,
        effectiveFrom: justNow(),
      }),
    );
    expect(await payable()).toBe(21_000);
    ok(
      await ledger.command(`/v1/tax-categories/${standard}/rate`, ownerToken, {
        taxCategoryId: standard,
        rateBasisPoints: 1_800,
        effectiveFrom: justNow(),
        reason: 'notified slab change',
      }),
    );
    expect(await payable()).toBe(23_600);
    ok(
      await ledger.command(`/v1/items/${dosa}/tax-category`, ownerToken, {
        itemId: dosa,
        taxCategoryId: higher,
        at: justNow(),
      }),
    );
    expect(await payable()).toBe(22_400);
    ok(
      await ledger.command(`/v1/items/${dosa}/deactivate`, ownerToken, {
        itemId: dosa,
        reason: 'off the menu',
        at: justNow(),
      }),
    );
    const offSale = await ledger.command(
      '/v1/orders',
      r1Token,
      checkout({
        lines: [{ lineId: randomUUID(), itemId: dosa, quantity: 1 }],
        tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 50_000 }],
      }),
    );
    expect(offSale.status).toBe(422);
  });

  it('refuses tenders that do not cover the bill with 422, and appends nothing', async () => {
    const order = checkout({ tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 84_000 }] });
    const response = await ledger.command('/v1/orders', r1Token, order);
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'PAYMENT.INSUFFICIENT', path: 'data.tenders' });
    expect(response.body.error.reason).toContain('84000');
    expect(await eventsOf(order.orderId)).toEqual([]);
  });

  it('refuses a total the register computed differently with 400 naming the field', async () => {
    const order = checkout({ claimedTotals: { payablePaise: 84_700 } });
    const response = await ledger.command('/v1/orders', r1Token, order);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'ORDER.TOTAL_MISMATCH',
      path: 'data.claimedTotals.payablePaise',
    });
    expect(await eventsOf(order.orderId)).toEqual([]);
  });

  it('answers a command sent twice with the same response and one set of events', async () => {
    const body = { commandId: uuidv7(), occurredAt: AT, data: checkout() };
    const first = ok(await ledger.post('/v1/orders', r1Token, body));
    const second = ok(await ledger.post('/v1/orders', r1Token, body));
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventsOf(body.data.orderId)).toHaveLength(4);
  });

  it('lets one of several concurrent checkouts of one order win', async () => {
    const order = checkout();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        ledger.command('/v1/orders', r1Token, { ...order, lines: order.lines, tenders: order.tenders }),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 200)) {
      expect([409, 422]).toContain(response.status);
    }
    expect((await eventsOf(order.orderId)).filter((event) => event.type === 'OrderPlaced')).toHaveLength(1);
  });
});

describe('scope', () => {
  it('refuses a store A cashier writing to store B with 403, and appends nothing', async () => {
    const order = checkout({ storeId: ids.storeB, registerId: null });
    const response = await ledger.command('/v1/orders', cashierToken, order);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toMatch(/^AUTH\./);
    expect(response.body.error.reason).toContain(ids.storeB);
    expect(await eventsOf(order.orderId)).toEqual([]);
  });

  it('lets the store A cashier sell in store A', async () => {
    ok(await ledger.command('/v1/orders', cashierToken, checkout({ registerId: ids.r2 })));
  });

  it('refuses register R1 posting as register R2 with 403', async () => {
    const order = checkout({ registerId: ids.r2 });
    const response = await ledger.command('/v1/orders', r1Token, order);
    expect(response.status).toBe(403);
    expect(await eventsOf(order.orderId)).toEqual([]);
  });

  it('refuses a token of another org, a missing token and a forged one', async () => {
    const stranger = await ledger.token({ kind: 'user', orgId: randomUUID(), userId: randomUUID() });
    expect((await ledger.command('/v1/orders', stranger, checkout())).status).toBe(403);
    expect(
      (await ledger.post('/v1/orders', undefined, { commandId: uuidv7(), occurredAt: AT, data: checkout() })).status,
    ).toBe(401);
    const forged = `${r1Token.slice(0, -4)}AAAA`;
    const response = await ledger.command('/v1/orders', forged, checkout());
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('AUTH.UNAUTHENTICATED');
  });
});

describe('refunds and bad input', () => {
  it('refuses a refund larger than what the tender paid with 422', async () => {
    const order = checkout();
    ok(await ledger.command('/v1/orders', r1Token, order));
    const response = await ledger.command(`/v1/orders/${order.orderId}/refunds`, ownerToken, {
      orderId: order.orderId,
      refundId: randomUUID(),
      reason: 'guest complaint',
      scope: 'full',
      tender: { kind: 'card' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'ORDER.REFUND_EXCEEDS_TENDER', path: 'data.tender.kind' });
    expect(await eventsOf(order.orderId)).toHaveLength(4);
  });

  it('refuses a refund by a cashier, whose role does not include refunds', async () => {
    const order = checkout();
    ok(await ledger.command('/v1/orders', r1Token, order));
    const response = await ledger.command(`/v1/orders/${order.orderId}/refunds`, cashierToken, {
      orderId: order.orderId,
      refundId: randomUUID(),
      reason: 'cold',
      scope: 'full',
      tender: { kind: 'cash' },
    });
    expect(response.status).toBe(403);
  });

  it('answers a malformed request with 400 listing every failing field', async () => {
    const response = await ledger.post('/v1/orders', r1Token, {
      commandId: 'not-a-uuid',
      occurredAt: AT,
      data: { ...checkout(), lines: [{ lineId: randomUUID(), itemId: ids.pizza, quantity: 0.5 }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(
      expect.arrayContaining(['commandId', 'data.lines.0.quantity']),
    );
  });

  it('refuses a path id that differs from the body', async () => {
    const order = checkout();
    const response = await ledger.command(`/v1/orders/${randomUUID()}/void`, ownerToken, {
      orderId: order.orderId,
      reason: 'x',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.path).toBe('data.orderId');
  });
});

describe('operations', () => {
  it('serves a valid OpenAPI document listing every command and report route', async () => {
    const response = await ledger.get('/docs');
    expect(response.status).toBe(200);
    const document = structuredClone(response.body);
    const result = await validate(document);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    const operations = Object.values(response.body.paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap((path) => Object.values(path))
      .map((operation) => operation.operationId);
    const served = [
      ...Object.keys(commandRoutes),
      ...REPORT_NAMES.map((name) => reportRoutes[name].operationId),
      'pullCatalog',
      'readOrg',
      'readCatalog',
    ];
    expect(operations.sort()).toEqual(served.sort());
    expect(Object.keys(response.body.paths['/v1/reports/sales'])).toEqual(['get']);
  });

  it('answers liveness and readiness (Postgres and NATS), and exposes metrics', async () => {
    expect((await ledger.get('/health/live')).status).toBe(200);
    const ready = await ledger.get('/health/ready');
    // A ledger on its own runs no other service: the relay and projectors report on their own ports.
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: 'ok', nats: 'ok' }, components: {} });
    const metrics = await ledger.get('/metrics');
    expect(metrics.body).toContain('possier_ledger_commands_total{command="PlaceOrder",outcome="ok"}');
    expect(metrics.body).toContain('possier_ledger_append_duration_seconds_bucket');
  });
});
