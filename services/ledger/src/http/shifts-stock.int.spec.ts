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
  it("closes a shift against the cash its drawer recorded from the shift's sales, voids and refunds, never the request's", async () => {
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
    const colaLine = randomUUID();
    // Two pizzas with cheese and a cola, ₹848.00: ₹500.00 by card and ₹400.00 in cash, ₹52.00 change.
    const sale = (orderId: string, lineId = randomUUID()) => ({
      orderId,
      storeId: shop.ids.storeA,
      shiftId,
      channel: 'dine_in',
      lines: [
        { lineId: randomUUID(), itemId: shop.ids.pizza, quantity: 2, modifierIds: [shop.ids.cheese] },
        { lineId, itemId: shop.ids.cola, quantity: 1 },
      ],
      tenders: [
        { paymentId: randomUUID(), kind: 'card', amountPaise: 50_000 },
        { paymentId: randomUUID(), kind: 'cash', amountPaise: 40_000 },
      ],
    });
    const kept = randomUUID();
    const voided = randomUUID();
    ok(await ledger.command('/v1/orders', shop.r1Token, sale(kept, colaLine)));
    ok(await ledger.command('/v1/orders', shop.r1Token, sale(voided)));
    ok(await ledger.command(`/v1/orders/${voided}/void`, shop.r1Token, { orderId: voided, reason: 'wrong table' }));
    ok(
      // A manager refunds, handing the cash from R1's drawer.
      await ledger.command(`/v1/orders/${kept}/refunds`, shop.ownerToken, {
        orderId: kept,
        refundId: randomUUID(),
        reason: 'flat cola',
        tender: { kind: 'cash' },
        shiftId,
        scope: 'lines',
        lines: [{ lineId: colaLine, quantity: 1 }],
      }),
    );
    // Another register's sale cannot put its cash in R1's drawer.
    const r2Token = await ledger.token({
      kind: 'register',
      orgId: shop.ids.org,
      brandId: shop.ids.brand,
      storeId: shop.ids.storeA,
      registerId: shop.ids.r2,
    });
    const elsewhere = await ledger.command('/v1/orders', r2Token, sale(randomUUID()));
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error).toMatchObject({ code: 'SHIFT.OTHER_DRAWER', path: 'data.shiftId' });

    const close = {
      shiftId,
      countedCashPaise: 215_000,
      closedAt: '2026-11-24T23:10:00+05:30',
      closedBy: shop.ids.cashierA,
    };
    // Takings are the drawer's, counted by the server: a request claiming its own is refused.
    const claimed = await ledger.command(`/v1/shifts/${shiftId}/close`, shop.r1Token, {
      ...close,
      cashTakings: { cashSalesPaise: 9_999_999, changeGivenPaise: 0, cashRefundsPaise: 0 },
    });
    expect(claimed.status).toBe(400);
    expect(claimed.body).toMatchObject({ error: { code: 'VALIDATION.INVALID', path: 'data.cashTakings' } });
    // A cashier may not close a shift; the store's register may.
    const byCashier = await ledger.command(`/v1/shifts/${shiftId}/close`, shop.cashierToken, close);
    expect(byCashier.status).toBe(403);
    ok(await ledger.command(`/v1/shifts/${shiftId}/close`, shop.r1Token, close));
    const events = await ledger.store.readStream({ orgId: shop.ids.org, streamId: `shift-${shiftId}` });
    const closed = events.at(-1);
    const refund = (await ledger.store.readStream({ orgId: shop.ids.org, streamId: `order-${kept}` })).find(
      (event) => event.type === 'OrderRefunded',
    )?.data as { refundPaise: number };
    expect(events.map((event) => event.type)).toEqual([
      'ShiftOpened',
      'CashMoved',
      'DrawerCashRecorded',
      'DrawerCashRecorded',
      'DrawerCashRecorded',
      'DrawerCashRecorded',
      'ShiftClosed',
    ]);
    // 2000.00 float − 150.00 out + 400.00 cash sales − 52.00 change − the cola refunded in cash.
    const expected = 200_000 - 15_000 + 40_000 - 5_200 - refund.refundPaise;
    expect(closed?.data).toMatchObject({
      cashTakings: { cashSalesPaise: 40_000, changeGivenPaise: 5_200, cashRefundsPaise: refund.refundPaise },
      expectedCashPaise: expected,
      countedCashPaise: 215_000,
      variancePaise: 215_000 - expected,
    });

    // The drawer was counted: no more cash goes through it.
    const late = await ledger.command('/v1/orders', shop.r1Token, sale(randomUUID()));
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'SHIFT.ALREADY_CLOSED', path: 'data.shiftId' });
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
