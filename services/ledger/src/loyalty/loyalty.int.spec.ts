import { CustomersReport, LoyaltyBalanceView, LoyaltyReport } from '@possier/events';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, seedRestaurant, startLedger, uuidv7, type Ledger, type Restaurant } from '../testing/index.js';
import { startReadSide, type ReadSide } from '../testing/read-side.js';

/*
 * Pizza Lane's rule: 10 points per ₹100, a point is worth ₹1, points last 30 days. A customer
 * buys colas (₹60 each, tax included) at store A's till: earns, redeems as a tender, is refused
 * what they do not have, gets a refund and a void reversed, and finally sees the rest expire.
 */

const AT = '2026-11-24T12:00:00+05:30';
let ledger: Ledger;
let shop: Restaurant;
let readSide: ReadSide;
const customerId = randomUUID();

const send = (path: string, token: string, data: unknown, commandId = uuidv7()) =>
  ledger.post(path, token, { commandId, occurredAt: AT, data });

const colas = (quantity: number) => [{ lineId: randomUUID(), itemId: shop.ids.cola, quantity }];
const checkout = (orderId: string, quantity: number, tenders: Array<{ kind: string; amountPaise: number }>) => ({
  orderId,
  storeId: shop.ids.storeA,
  channel: 'takeaway',
  customerId,
  lines: colas(quantity),
  tenders: tenders.map((tender) => ({ paymentId: randomUUID(), ...tender })),
});

const balance = async () => {
  const response = await ledger.get(`/v1/customers/${customerId}/loyalty?brandId=${shop.ids.brand}`, shop.ownerToken);
  expect(response.status).toBe(200);
  return LoyaltyBalanceView.parse(response.body);
};

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
  readSide = await startReadSide(ledger);
  ok(
    await send(`/v1/brands/${shop.ids.brand}/loyalty-rule`, shop.ownerToken, {
      brandId: shop.ids.brand,
      pointsPer100Rupees: 10,
      pointValuePaise: 100,
      expiryDays: 30,
    }),
  );
  ok(
    await send('/v1/customers', shop.r1Token, {
      customerId,
      name: 'Farhan Qureshi',
      phone: '98200 11223',
      consent: { marketing: false, loyalty: true },
    }),
  );
}, 120_000);

afterAll(async () => {
  await readSide?.stop();
  await ledger?.close();
});

describe('loyalty points online', () => {
  const first = uuidv7();
  const second = uuidv7();
  const secondCommand = uuidv7();
  const secondOrder = () =>
    checkout(second, 5, [
      { kind: 'loyalty', amountPaise: 5_000 },
      { kind: 'cash', amountPaise: 25_000 },
    ]);
  let secondBody: ReturnType<typeof secondOrder>;

  it('a paid order to a known customer earns points by the brand rule, expiring 30 store days later', async () => {
    ok(await send('/v1/orders', shop.r1Token, checkout(first, 10, [{ kind: 'cash', amountPaise: 60_000 }])));
    expect(await balance()).toEqual({
      brandId: shop.ids.brand,
      customerId,
      points: 60,
      valuePaise: 6_000,
      lots: [{ points: 60, expiresOn: '2026-12-24' }],
    });
  });

  it('redeems points as a tender; the part paid with points earns nothing', async () => {
    secondBody = secondOrder();
    ok(await send('/v1/orders', shop.r1Token, secondBody, secondCommand));
    // 60 − 50 redeemed + ⌊25 000 × 10 / 10 000⌋ = 25 earned on the cash part
    expect((await balance()).points).toBe(35);
  });

  it('a retried checkout redeems and earns once', async () => {
    const again = await send('/v1/orders', shop.r1Token, secondBody, secondCommand);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await balance()).points).toBe(35);
  });

  it('refuses a loyalty tender the balance cannot cover, naming the tender amount, and places nothing', async () => {
    const orderId = uuidv7();
    const refused = await send(
      '/v1/orders',
      shop.r1Token,
      checkout(orderId, 1, [
        { kind: 'loyalty', amountPaise: 4_000 },
        { kind: 'cash', amountPaise: 2_000 },
      ]),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      error: { code: 'LOYALTY.INSUFFICIENT_POINTS', path: 'data.tenders.0.amountPaise' },
    });
    expect(await ledger.store.readStream({ orgId: shop.ids.org, streamId: `order-${orderId}` })).toEqual([]);
    expect((await balance()).points).toBe(35);
  });

  it('refuses a loyalty tender that is not a whole number of points', async () => {
    const refused = await send(
      '/v1/orders',
      shop.r1Token,
      checkout(uuidv7(), 1, [
        { kind: 'loyalty', amountPaise: 150 },
        { kind: 'cash', amountPaise: 5_850 },
      ]),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      error: { code: 'LOYALTY.NOT_WHOLE_POINTS', path: 'data.tenders.0.amountPaise' },
    });
  });

  it('a partial refund reverses the accrual in proportion', async () => {
    const lineId = (await orderLines(first))[0] as string;
    ok(
      await send(`/v1/orders/${first}/refunds`, shop.ownerToken, {
        orderId: first,
        refundId: randomUUID(),
        reason: 'flat colas',
        tender: { kind: 'cash' },
        scope: 'lines',
        lines: [{ lineId, quantity: 5 }],
      }),
    );
    // half of the 60 points the first order earned
    expect((await balance()).points).toBe(5);
  });

  it('a void gives the redeemed points back and takes back what the order earned, never below zero', async () => {
    ok(await send(`/v1/orders/${second}/void`, shop.r1Token, { orderId: second, reason: 'rang up twice' }));
    // 5 + 50 returned − 25 the order earned
    expect((await balance()).points).toBe(30);
  });

  it('expires what is left once its date has passed in the store', async () => {
    const expire = (asOf: string) =>
      send(`/v1/customers/${customerId}/loyalty/expire`, shop.ownerToken, {
        brandId: shop.ids.brand,
        customerId,
        asOf,
      });
    ok(await expire('2026-12-23'));
    expect((await balance()).points).toBe(30);
    ok(await expire('2026-12-24'));
    expect(await balance()).toMatchObject({ points: 0, valuePaise: 0, lots: [] });
  });

  it('only the brand managers may set the rule', async () => {
    const refused = await send(`/v1/brands/${shop.ids.brand}/loyalty-rule`, shop.cashierToken, {
      brandId: shop.ids.brand,
      pointsPer100Rupees: 100,
      pointValuePaise: 100,
      expiryDays: 30,
    });
    expect(refused.status).toBe(403);
  });
});

describe('customer and loyalty reports', () => {
  it('shows the customer by name with visits and net spend, and the brand liability as points × value', async () => {
    await readSide.settle(60_000);
    const customers = await ledger.get(
      `/v1/reports/customers?from=2026-11-24&to=2026-11-24&storeId=${shop.ids.storeA}`,
      shop.ownerToken,
    );
    expect(customers.status).toBe(200);
    // ₹600 + ₹300 sold, ₹300 refunded (5 colas), ₹300 voided
    expect(CustomersReport.parse(customers.body)).toMatchObject({
      rows: [
        {
          customerId,
          name: 'Farhan Qureshi',
          visits: 2,
          spendPaise: 90_000,
          refundedPaise: 30_000,
          voidedPaise: 30_000,
          netSpendPaise: 30_000,
        },
      ],
      customers: 1,
    });

    const loyalty = await ledger.get('/v1/reports/loyalty', shop.ownerToken);
    expect(loyalty.status).toBe(200);
    expect(LoyaltyReport.parse(loyalty.body)).toMatchObject({
      brandIds: [shop.ids.brand],
      // everything expired at the end of the online walk-through
      rows: [{ brandId: shop.ids.brand, members: 1, pointsOutstanding: 0, pointValuePaise: 100, liabilityPaise: 0 }],
      totals: { pointsOutstanding: 0, liabilityPaise: 0 },
      conflicts: [],
    });
  }, 90_000);

  it('gives the brand’s points over a period: opening, earned, redeemed, reversed, expired, closing, adding up', async () => {
    await readSide.settle(60_000);
    const period = async (from: string, to: string) => {
      const response = await ledger.get(`/v1/reports/loyalty?from=${from}&to=${to}`, shop.ownerToken);
      expect(response.status).toBe(200);
      const report = LoyaltyReport.parse(response.body);
      expect(report.period).toEqual({ from, to });
      expect(report.rows).toEqual([]);
      return report;
    };
    const addsUp = (row: LoyaltyReport['movements'][number]) =>
      expect(row.openingPoints + row.earnedPoints - row.redeemedPoints - row.reversedPoints - row.expiredPoints).toBe(
        row.closingPoints,
      );

    // Every sale, refund and void was on the 24th; the last 30 points expired as of 24 December.
    const sales = await period('2026-11-24', '2026-11-24');
    expect(sales.movements).toEqual([
      {
        brandId: shop.ids.brand,
        pointValuePaise: 100,
        members: 1,
        openingPoints: 0,
        // 60 + 25 earned; 50 redeemed and given back by the void; 30 + 25 reversed
        earnedPoints: 85,
        redeemedPoints: 0,
        reversedPoints: 55,
        expiredPoints: 0,
        closingPoints: 30,
        closingLiabilityPaise: 3_000,
      },
    ]);
    expect(sales.totals).toEqual({ pointsOutstanding: 30, liabilityPaise: 3_000 });

    const december = await period('2026-12-01', '2026-12-31');
    expect(december.movements).toMatchObject([
      { openingPoints: 30, earnedPoints: 0, expiredPoints: 30, closingPoints: 0, closingLiabilityPaise: 0 },
    ]);
    for (const row of [...sales.movements, ...december.movements]) addsUp(row);

    // Before any points moved, there is nothing to report.
    expect((await period('2026-11-01', '2026-11-23')).movements).toEqual([]);
  }, 90_000);

  it('refuses a cashier the reports', async () => {
    expect((await ledger.get('/v1/reports/loyalty', shop.cashierToken)).status).toBe(403);
  });
});

const orderLines = async (orderId: string): Promise<string[]> => {
  const events = await ledger.store.readStream({ orgId: shop.ids.org, streamId: `order-${orderId}` });
  const placed = events.find((event) => event.type === 'OrderPlaced')?.data as { lines: Array<{ lineId: string }> };
  return placed.lines.map((line) => line.lineId);
};
