import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  eventually,
  ok,
  seedRestaurant,
  startLedger,
  startReadSide,
  type ReadSide,
  uuidv7,
  type Ledger,
  type Restaurant,
} from '@possier/ledger/testing';
import { LoyaltyBalanceView, LoyaltyReport, type OfflineConflictRecorded } from '@possier/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister, type RegisterAgent } from './register-agent.js';
import { SaleRefusedError } from './register.js';
import { openSyncedRegister, registerDataDir, UNREACHABLE } from './testing/open-test-register.js';

/*
 * Pizza Lane's rule: 10 points per ₹100, a point is worth ₹1, points last 30 days; colas are ₹60,
 * tax included. Registers sell to known customers offline, redeem points from the balance they
 * pulled, reconnect, and the ledger's account is the judge.
 */

let ledger: Ledger;
let restaurant: Restaurant;
let readSide: ReadSide;
const folders: string[] = [];

beforeAll(async () => {
  ledger = await startLedger();
  restaurant = await seedRestaurant(ledger);
  readSide = await startReadSide(ledger);
  ok(
    await ledger.command(`/v1/brands/${restaurant.ids.brand}/loyalty-rule`, restaurant.ownerToken, {
      brandId: restaurant.ids.brand,
      pointsPer100Rupees: 10,
      pointValuePaise: 100,
      expiryDays: 30,
    }),
  );
}, 60_000);

afterAll(async () => {
  await readSide?.stop();
  await ledger?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const enrol = async (name: string, phone: string): Promise<string> => {
  const customerId = randomUUID();
  ok(
    await ledger.command('/v1/customers', restaurant.ownerToken, {
      customerId,
      name,
      phone,
      consent: { marketing: false, loyalty: true },
    }),
  );
  return customerId;
};

const colas = (
  customerId: string,
  quantity: number,
  tenders: Array<{ kind: 'cash' | 'loyalty'; amountPaise: number }>,
) => ({
  orderId: uuidv7(),
  channel: 'takeaway' as const,
  customerId,
  lines: [{ lineId: randomUUID(), itemId: restaurant.ids.cola, quantity, modifierIds: [] }],
  tenders: tenders.map((tender) => ({ paymentId: randomUUID(), ...tender })),
});

const balance = async (customerId: string) => {
  const response = await ledger.get(
    `/v1/customers/${customerId}/loyalty?brandId=${restaurant.ids.brand}`,
    restaurant.ownerToken,
  );
  expect(response.status).toBe(200);
  return LoyaltyBalanceView.parse(response.body).points;
};

/**
 * A till of the store that has pulled the menu and, when `knows` is given, that customer with
 * those points: the pull reads what every reader of the log can see, a moment after a write.
 */
const till = async (registerId: string, knows?: { phone: string; points: number }): Promise<string> => {
  const { ids } = restaurant;
  const token = await ledger.token({
    kind: 'register',
    orgId: ids.org,
    brandId: ids.brand,
    storeId: ids.storeA,
    registerId,
  });
  const dataDir = registerDataDir();
  folders.push(dataDir);
  const register = await openSyncedRegister(dataDir, ledger.url, token, 3, eventually);
  if (knows) {
    await eventually(async () => {
      await register.sync();
      expect(register.till.findCustomer(knows.phone)?.loyaltyPoints).toBe(knows.points);
    });
  }
  register.close();
  return dataDir;
};

const offline = (dataDir: string): RegisterAgent => openRegister({ dataDir, ledgerUrl: UNREACHABLE });
const online = (dataDir: string): RegisterAgent => openRegister({ dataDir, ledgerUrl: ledger.url });

describe('loyalty on offline registers', () => {
  it('sells to a known customer offline, accrues on reconnect, redeems offline, refunds, and reads the right balance', async () => {
    const customerId = await enrol('Rukmini Iyer', '98450 77881');
    const dataDir = await till(restaurant.ids.r1, { phone: '98450 77881', points: 0 });

    let register = offline(dataDir);
    const found = register.till.findCustomer('098450-77881');
    expect(found).toMatchObject({ customerId, loyaltyPoints: 0 });
    const first = register.till.checkout(colas(customerId, 20, [{ kind: 'cash', amountPaise: 120_000 }]));
    // Nothing to redeem yet: the till refuses with the same rule the ledger runs.
    expect(() => register.till.checkout(colas(customerId, 1, [{ kind: 'loyalty', amountPaise: 6_000 }]))).toThrow(
      SaleRefusedError,
    );
    register.close();

    register = online(dataDir);
    expect(await register.sync()).toMatchObject({ rejected: 0, conflicts: 0 });
    expect(await balance(customerId)).toBe(120);
    expect(register.till.findCustomer('9845077881')?.loyaltyPoints).toBe(120);
    register.close();

    register = offline(dataDir);
    register.till.checkout(
      colas(customerId, 1, [
        { kind: 'loyalty', amountPaise: 5_000 },
        { kind: 'cash', amountPaise: 1_000 },
      ]),
    );
    expect(register.till.findCustomer('9845077881')?.loyaltyPoints).toBe(70);
    // The till counts its own redemption: 70 points cannot pay ₹120 of colas.
    expect(() => register.till.checkout(colas(customerId, 2, [{ kind: 'loyalty', amountPaise: 12_000 }]))).toThrow(
      SaleRefusedError,
    );
    register.close();

    register = online(dataDir);
    expect(await register.sync()).toMatchObject({ rejected: 0, conflicts: 0 });
    // 120 − 50 redeemed + 1 earned on the ₹10 paid in cash
    expect(await balance(customerId)).toBe(71);
    expect(register.till.findCustomer('9845077881')?.loyaltyPoints).toBe(71);
    register.close();

    const placed = first.placed;
    ok(
      await ledger.command(`/v1/orders/${placed.orderId}/refunds`, restaurant.ownerToken, {
        orderId: placed.orderId,
        refundId: randomUUID(),
        reason: 'five colas were flat',
        tender: { kind: 'cash' },
        scope: 'lines',
        lines: [{ lineId: placed.lines[0]?.lineId, quantity: 5 }],
      }),
    );
    // a quarter of the first sale refunded: a quarter of its 120 points reversed
    expect(await balance(customerId)).toBe(41);
  }, 60_000);

  it('two offline registers redeeming the same points: the second sale stands with a conflict, and the balance is 0, never negative', async () => {
    const customerId = await enrol('Vikram Shetty', '99000 12121');
    ok(
      await ledger.command('/v1/orders', restaurant.ownerToken, {
        ...colas(customerId, 10, [{ kind: 'cash', amountPaise: 60_000 }]),
        storeId: restaurant.ids.storeA,
      }),
    );
    expect(await balance(customerId)).toBe(60);
    const tillOne = await till(restaurant.ids.r1, { phone: '99000 12121', points: 60 });
    const tillTwo = await till(restaurant.ids.r2, { phone: '99000 12121', points: 60 });

    const sales = [tillOne, tillTwo].map((dataDir) => {
      const register = offline(dataDir);
      expect(register.till.findCustomer('99000 12121')?.loyaltyPoints).toBe(60);
      // one cola, all of it in points: 60 points each, the whole balance twice
      const sale = register.till.checkout(colas(customerId, 1, [{ kind: 'loyalty', amountPaise: 6_000 }]));
      register.close();
      return sale;
    });

    const one = online(tillOne);
    expect(await one.sync()).toMatchObject({ rejected: 0, conflicts: 0 });
    one.close();
    expect(await balance(customerId)).toBe(0);

    const two = online(tillTwo);
    expect(await two.sync()).toMatchObject({ rejected: 0, conflicts: 1 });
    expect(two.till.findCustomer('99000 12121')?.loyaltyPoints).toBe(0);
    two.close();
    expect(await balance(customerId)).toBe(0);

    const second = sales[1]?.placed.orderId as string;
    const recorded = (await ledger.store.readStream({ orgId: restaurant.ids.org, streamId: `order-${second}` })).filter(
      (event) => event.type === 'OfflineConflictRecorded',
    );
    expect(recorded.map((event) => (event.data as OfflineConflictRecorded['data']).conflicts)).toEqual([
      [expect.objectContaining({ kind: 'loyalty_shortfall', path: 'data.customerId', recorded: 6_000, current: 0 })],
    ]);
    await readSide.settle(60_000);
    const report = LoyaltyReport.parse(
      (await ledger.get(`/v1/reports/loyalty?storeId=${restaurant.ids.storeA}`, restaurant.ownerToken)).body,
    );
    // The first customer's 41 points (₹41) are all that is owed; the second's double spend is listed.
    expect(report.rows).toMatchObject([
      { brandId: restaurant.ids.brand, pointsOutstanding: 41, liabilityPaise: 4_100 },
    ]);
    expect(report.conflicts).toEqual([
      expect.objectContaining({ orderId: second, registerId: restaurant.ids.r2, storeId: restaurant.ids.storeA }),
    ]);
    const account = await ledger.store.readStream({
      orgId: restaurant.ids.org,
      streamId: `loyalty-${restaurant.ids.brand}-${customerId}`,
    });
    expect(account.find((event) => event.type === 'LoyaltyRedemptionShortfall')?.data).toMatchObject({
      orderId: second,
      pointsShort: 60,
      paiseShort: 6_000,
    });
  }, 60_000);
});
