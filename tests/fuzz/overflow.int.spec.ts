import { randomUUID } from 'node:crypto';
import { ok, seedRestaurant, startLedger, uuidv7, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const AT = '2026-11-24T13:05:00+05:30';
const MAX = Number.MAX_SAFE_INTEGER;

let ledger: Ledger;
let shop: Restaurant;
let priceless: string;

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
  priceless = randomUUID();
  // The largest price the contract admits: every figure is a safe integer, but sums of them are not.
  ok(
    await ledger.command('/v1/items', shop.ownerToken, {
      itemId: priceless,
      brandId: shop.ids.brand,
      name: 'Priceless',
      kind: 'item',
      taxCategoryId: shop.ids.food,
      unitPricePaise: MAX,
      priceIncludesTax: false,
      at: AT,
    }),
  );
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

const order = (lines: Array<{ itemId: string; quantity: number }>, amountPaise: number, tipPaise = 0) =>
  ledger.command('/v1/orders', shop.ownerToken, {
    orderId: uuidv7(),
    storeId: shop.ids.storeA,
    channel: 'dine_in',
    lines: lines.map((line) => ({ lineId: randomUUID(), ...line })),
    tenders: [{ paymentId: randomUUID(), kind: 'card', amountPaise, tipPaise }],
  });

describe('figures whose sums pass Number.MAX_SAFE_INTEGER', () => {
  it.each([
    ['a line of 9,999 at the largest price', [{ quantity: 9_999 }], MAX, 0],
    ['two lines at the largest price', [{ quantity: 1 }, { quantity: 1 }], MAX, 0],
    ['tax on the largest price', [{ quantity: 1 }], MAX, 0],
    ['a tip on top of the largest tender', [{ quantity: 1 }], MAX, MAX],
  ])('%s is refused with a 4xx naming the field, and stores nothing', async (_case, lines, amountPaise, tipPaise) => {
    const { rows: before } = await ledger.store.pool.query('SELECT count(*)::int AS count FROM events');
    const response = await order(
      lines.map((line) => ({ itemId: priceless, ...line })),
      amountPaise,
      tipPaise,
    );
    expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(400);
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
    expect(response.body.error).toMatchObject({ code: 'MONEY.OVERFLOW', path: 'data' });
    const { rows: after } = await ledger.store.pool.query('SELECT count(*)::int AS count FROM events');
    expect(after).toEqual(before);
  });
});
