import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, uuidv7, type Ledger } from '../testing/ledger-harness.js';
import { AT, ok, seedRestaurant, type Restaurant } from '../testing/seed.js';

let ledger: Ledger;
let shop: Restaurant;

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('shifts over HTTP', () => {
  it('a register opens its shift, pays cash out, and closes it with the variance recorded', async () => {
    const shiftId = randomUUID();
    ok(
      await ledger.command('/v1/shifts', shop.r1Token, {
        shiftId,
        storeId: shop.ids.storeA,
        registerId: shop.ids.r1,
        openedBy: shop.ids.cashierA,
        floatPaise: 200_000,
        openedAt: AT,
      }),
    );
    ok(
      await ledger.command(`/v1/shifts/${shiftId}/cash-movements`, shop.r1Token, {
        shiftId,
        movementId: randomUUID(),
        direction: 'out',
        amountPaise: 15_000,
        reason: 'milk from the corner shop',
        at: AT,
      }),
    );
    const close = {
      shiftId,
      countedCashPaise: 268_000,
      closedAt: '2026-11-24T23:10:00+05:30',
      closedBy: shop.ids.cashierA,
      cashTakings: { cashSalesPaise: 90_000, changeGivenPaise: 5_200, cashRefundsPaise: 0 },
    };
    // A cashier may not close a shift; the store's register may.
    const byCashier = await ledger.command(`/v1/shifts/${shiftId}/close`, shop.cashierToken, close);
    expect(byCashier.status).toBe(403);
    ok(await ledger.command(`/v1/shifts/${shiftId}/close`, shop.r1Token, close));
    const [, , closed] = await ledger.store.readStream({ orgId: shop.ids.org, streamId: `shift-${shiftId}` });
    // 2000.00 float − 150.00 out + 900.00 cash sales − 52.00 change = 2698.00 expected; 2680.00 counted.
    expect(closed?.data).toMatchObject({
      expectedCashPaise: 269_800,
      countedCashPaise: 268_000,
      variancePaise: -1_800,
    });
  });

  it('refuses cash movements on a shift that was never opened, and another register acting on R1’s shift', async () => {
    const unknown = randomUUID();
    const response = await ledger.command(`/v1/shifts/${unknown}/cash-movements`, shop.r1Token, {
      shiftId: unknown,
      movementId: randomUUID(),
      direction: 'in',
      amountPaise: 100,
      reason: 'change',
      at: AT,
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('SHIFT.NOT_OPEN');

    const shiftId = randomUUID();
    ok(
      await ledger.command('/v1/shifts', shop.r1Token, {
        shiftId,
        storeId: shop.ids.storeA,
        registerId: shop.ids.r1,
        openedBy: shop.ids.cashierA,
        floatPaise: 0,
        openedAt: AT,
      }),
    );
    const r2Token = await ledger.token({
      kind: 'register',
      orgId: shop.ids.org,
      brandId: shop.ids.brand,
      storeId: shop.ids.storeA,
      registerId: shop.ids.r2,
    });
    const asR2 = await ledger.command(`/v1/shifts/${shiftId}/cash-movements`, r2Token, {
      shiftId,
      movementId: randomUUID(),
      direction: 'in',
      amountPaise: 100,
      reason: 'change',
      at: AT,
    });
    expect(asR2.status).toBe(403);
  });
});

describe('stock over HTTP', () => {
  it('records a count in the caller’s store and refuses one for a store outside the cashier’s scope', async () => {
    const stockItemId = shop.ids.dough;
    const count = (storeId: string) => ({
      stockItemId,
      storeId,
      adjustmentId: uuidv7(),
      occurredAt: AT,
      reason: 'count',
      countedQuantity: 12_000,
    });
    ok(await ledger.command('/v1/stock/adjustments', shop.cashierToken, count(shop.ids.storeA)));
    expect((await ledger.command('/v1/stock/adjustments', shop.cashierToken, count(shop.ids.storeB))).status).toBe(403);
    const stored = await ledger.store.readStream({
      orgId: shop.ids.org,
      streamId: `stock-${shop.ids.storeA}-${stockItemId}`,
    });
    expect(stored.map((event) => event.data)).toEqual([
      expect.objectContaining({ reason: 'count', countedQuantity: 12_000 }),
    ]);
  });
});
