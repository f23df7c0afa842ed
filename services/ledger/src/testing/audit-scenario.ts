import { randomUUID } from 'node:crypto';
import type { CloseDayResult, RotateKeyResult } from '@possier/events';
import { startLedger, uuidv7, type Ledger } from './ledger-harness.js';
import { addUser } from './report-scenario.js';
import { ok, seedRestaurant, type Restaurant } from './seed.js';

export type AuditScenario = {
  ledger: Ledger;
  shop: Restaurant;
  /** A second org with a sale of its own, which nobody of `shop` may see. */
  otherOrg: Restaurant;
  /** An accountant of `shop` over the whole org. */
  accountant: string;
  /** An accountant of `otherOrg` over the whole org. */
  otherAccountant: string;
  /** An accountant of `shop` over store B only. */
  accountantB: string;
  key: RotateKeyResult['key'];
  orders: { o1: string; o2: string; o3: string };
  shiftId: string;
  /** The seals of 2026-11-24 (closed by the accountant) and 2026-11-25 (the register's Z report). */
  seals: { day1: CloseDayResult['seal']; day2: CloseDayResult['seal'] };
  close(): Promise<void>;
};

/**
 * Two closed business days of store A, for the audit trail's tests:
 *
 * 2026-11-24  owner rotates in the org's first audit key; R1 opens a shift; O1 (2 × Margherita,
 *             cash) and O2 (a cola, UPI) sold on R1; the org's accountant closes the day.
 * 2026-11-25  O3 (a cola, card) sold on R2 and voided; R1 closes its shift's day with a Z report.
 * Store B sells nothing; the other org sells one cola in its own store A.
 */
export const startAuditScenario = async (): Promise<AuditScenario> => {
  const ledger = await startLedger();
  const shop = await seedRestaurant(ledger);
  const otherOrg = await seedRestaurant(ledger);
  const { org, brand, storeA, storeB, r2, pizza, cola, cashierA } = shop.ids;
  const send = async (path: string, token: string, occurredAt: string, data: unknown) =>
    ok(await ledger.post(path, token, { commandId: uuidv7(), occurredAt, data })).body;
  const accountant = (await addUser(ledger, shop, 'Lakshmi', [{ role: 'accountant', scope: { level: 'org' } }])).token;
  const accountantB = (
    await addUser(ledger, shop, 'Farhan', [{ role: 'accountant', scope: { level: 'store', storeId: storeB } }])
  ).token;
  const otherAccountant = (await addUser(ledger, otherOrg, 'Grace', [{ role: 'accountant', scope: { level: 'org' } }]))
    .token;
  const r2Token = await ledger.token({ kind: 'register', orgId: org, brandId: brand, storeId: storeA, registerId: r2 });

  const rotated = (await send('/v1/audit/keys/rotate', shop.ownerToken, '2026-11-24T08:00:00+05:30', {
    orgId: org,
  })) as RotateKeyResult;

  const orders = { o1: uuidv7(), o2: uuidv7(), o3: uuidv7() };
  const shiftId = randomUUID();
  await send('/v1/shifts', shop.r1Token, '2026-11-24T09:00:00+05:30', {
    shiftId,
    storeId: storeA,
    registerId: shop.ids.r1,
    openedBy: cashierA,
    floatPaise: 200_000,
    openedAt: '2026-11-24T09:00:00+05:30',
  });
  await send('/v1/orders', shop.r1Token, '2026-11-24T13:05:00+05:30', {
    orderId: orders.o1,
    storeId: storeA,
    shiftId,
    channel: 'dine_in',
    lines: [{ lineId: randomUUID(), itemId: pizza, quantity: 2, modifierIds: [] }],
    tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 70_000 }],
  });
  await send('/v1/orders', shop.r1Token, '2026-11-24T20:30:00+05:30', {
    orderId: orders.o2,
    storeId: storeA,
    channel: 'takeaway',
    lines: [{ lineId: randomUUID(), itemId: cola, quantity: 1 }],
    tenders: [{ paymentId: randomUUID(), kind: 'upi', amountPaise: 6_000 }],
  });
  const day1 = (await send(
    `/v1/audit/stores/${storeA}/days/2026-11-24/close`,
    accountant,
    '2026-11-24T23:30:00+05:30',
    {
      storeId: storeA,
      businessDate: '2026-11-24',
    },
  )) as CloseDayResult;

  await send('/v1/orders', r2Token, '2026-11-25T10:00:00+05:30', {
    orderId: orders.o3,
    storeId: storeA,
    channel: 'takeaway',
    lines: [{ lineId: randomUUID(), itemId: cola, quantity: 1 }],
    tenders: [{ paymentId: randomUUID(), kind: 'card', amountPaise: 6_000 }],
  });
  await send(`/v1/orders/${orders.o3}/void`, shop.ownerToken, '2026-11-25T10:05:00+05:30', {
    orderId: orders.o3,
    reason: 'keyed twice',
  });
  const day2 = (await send(
    `/v1/audit/stores/${storeA}/days/2026-11-25/close`,
    shop.r1Token,
    '2026-11-25T23:30:00+05:30',
    {
      storeId: storeA,
      businessDate: '2026-11-25',
    },
  )) as CloseDayResult;

  await send('/v1/orders', otherOrg.r1Token, '2026-11-24T13:05:00+05:30', {
    orderId: uuidv7(),
    storeId: otherOrg.ids.storeA,
    channel: 'dine_in',
    lines: [{ lineId: randomUUID(), itemId: otherOrg.ids.cola, quantity: 1 }],
    tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 6_000 }],
  });

  return {
    ledger,
    shop,
    otherOrg,
    accountant,
    accountantB,
    otherAccountant,
    key: rotated.key,
    orders,
    shiftId,
    seals: { day1: day1.seal, day2: day2.seal },
    close: () => ledger.close(),
  };
};
