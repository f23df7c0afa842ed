import { randomUUID } from 'node:crypto';
import { reportRoutes } from '@possier/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, uuidv7, type Ledger, type Response } from '../testing/ledger-harness.js';
import { ok, seedRestaurant, type Restaurant } from '../testing/seed.js';

/*
 * Two ledger instances share one database, as behind a load balancer. A user or register
 * deactivated through one is refused, 401, by the other at its very next request: commands,
 * reports, audit, catalog pulls and outbox replays alike.
 */

let first: Ledger;
let second: Ledger;
let shop: Restaurant;
let otherOrg: Restaurant;
let managerA: { userId: string; token: string };
let managerB: { userId: string; token: string };

const addStoreManager = async (storeId: string, email: string) => {
  const userId = randomUUID();
  const { org } = shop.ids;
  ok(await first.command('/v1/users', shop.ownerToken, { orgId: org, userId, name: 'Anita', email }));
  ok(
    await first.command(`/v1/users/${userId}/roles`, shop.ownerToken, {
      orgId: org,
      userId,
      role: 'store_manager',
      scope: { level: 'store', storeId },
    }),
  );
  return { userId, token: await first.token({ kind: 'user', orgId: org, userId }) };
};

beforeAll(async () => {
  first = await startLedger();
  second = await startLedger({ beside: first });
  shop = await seedRestaurant(first);
  otherOrg = await seedRestaurant(first);
  managerA = await addStoreManager(shop.ids.storeA, 'anita@example.in');
  managerB = await addStoreManager(shop.ids.storeB, 'bela@example.in');
}, 120_000);

afterAll(async () => {
  await second?.close();
  await first?.close();
});

const deactivateRegister = (ledger: Ledger, token: string, registerId: string, orgId = shop.ids.org) =>
  ledger.command(`/v1/registers/${registerId}/deactivate`, token, { orgId, registerId, reason: 'till stolen' });
const reactivateRegister = (ledger: Ledger, token: string, registerId: string) =>
  ledger.command(`/v1/registers/${registerId}/reactivate`, token, {
    orgId: shop.ids.org,
    registerId,
    reason: 'till recovered',
  });
const deactivateUser = (ledger: Ledger, token: string, userId: string) =>
  ledger.command(`/v1/users/${userId}/deactivate`, token, { orgId: shop.ids.org, userId, reason: 'left' });
const reactivateUser = (ledger: Ledger, token: string, userId: string) =>
  ledger.command(`/v1/users/${userId}/reactivate`, token, { orgId: shop.ids.org, userId, reason: 'rehired' });

const pullCatalog = (ledger: Ledger, token: string, registerId: string) =>
  ledger.get(`/v1/registers/${registerId}/catalog`, token);

const expectDeactivated = (response: Response, who: string) => {
  expect(response.status, JSON.stringify(response.body)).toBe(401);
  expect(response.body.error.code).toBe('AUTH.PRINCIPAL_DEACTIVATED');
  expect(response.body.error.reason).toContain(`${who} has been deactivated`);
};

describe('a deactivated register', () => {
  it('is refused 401 by the other instance at its very next request, and reactivation lets it back', async () => {
    const { org, r1, r2, storeA } = shop.ids;
    ok(await pullCatalog(second, shop.r1Token, r1));

    const answer = ok(await deactivateRegister(first, shop.ownerToken, r1));
    expect(answer.body.events.map((event: { type: string }) => event.type)).toEqual(['RegisterDeactivated']);

    expectDeactivated(await pullCatalog(second, shop.r1Token, r1), `register ${r1}`);
    expectDeactivated(
      await second.post(`/v1/registers/${r1}/replay`, shop.r1Token, { registerId: r1, batchId: uuidv7(), events: [] }),
      `register ${r1}`,
    );
    // Refused before its body is read: a body that is not even JSON gets the same answer.
    const raw = await fetch(`${second.url}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.r1Token}`, 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(raw.status).toBe(401);
    expect(((await raw.json()) as { error: { code: string } }).error.code).toBe('AUTH.PRINCIPAL_DEACTIVATED');
    // A token signed afterwards is no better: the register is refused, not its token.
    const fresh = await second.token({
      kind: 'register',
      orgId: org,
      brandId: shop.ids.brand,
      storeId: storeA,
      registerId: r1,
    });
    expectDeactivated(await pullCatalog(first, fresh, r1), `register ${r1}`);

    const r2Token = await first.token({
      kind: 'register',
      orgId: org,
      brandId: shop.ids.brand,
      storeId: storeA,
      registerId: r2,
    });
    ok(await pullCatalog(second, r2Token, r2));

    expect((await deactivateRegister(second, shop.ownerToken, r1)).body.error.code).toBe(
      'TENANCY.REGISTER_ALREADY_DEACTIVATED',
    );
    ok(await reactivateRegister(second, managerA.token, r1));
    ok(await pullCatalog(first, shop.r1Token, r1));
    expect((await reactivateRegister(first, managerA.token, r1)).body.error.code).toBe(
      'TENANCY.REGISTER_NOT_DEACTIVATED',
    );
  });

  it('may be deactivated by a manager of its store, but not of another store, and not by a cashier or a register', async () => {
    const { r2 } = shop.ids;
    for (const token of [shop.cashierToken, managerB.token, shop.r1Token]) {
      const refused = await deactivateRegister(first, token, r2);
      expect(refused.status, JSON.stringify(refused.body)).toBe(403);
      expect(refused.body.error.code).toBe('AUTH.FORBIDDEN');
    }
    ok(await deactivateRegister(first, managerA.token, r2));
    ok(await reactivateRegister(second, managerA.token, r2));
  });

  it("answers another org's register exactly as an id never used", async () => {
    const theirs = await deactivateRegister(first, shop.ownerToken, otherOrg.ids.r1);
    const unused = await deactivateRegister(first, shop.ownerToken, uuidv7());
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('TENANCY.REGISTER_NOT_FOUND');
    expect({ status: unused.status, code: unused.body.error.code, path: unused.body.error.path }).toEqual({
      status: theirs.status,
      code: theirs.body.error.code,
      path: theirs.body.error.path,
    });
    ok(await pullCatalog(second, otherOrg.r1Token, otherOrg.ids.r1));
    const naming = await deactivateRegister(first, shop.ownerToken, otherOrg.ids.r1, otherOrg.ids.org);
    expect(naming.status).toBe(403);
    expect(naming.body.error.code).toBe('AUTH.WRONG_ORG');
  });
});

describe('a deactivated user', () => {
  it('is refused 401 by the other instance for commands and reads alike, and reactivation lets them back', async () => {
    const { cashierA } = shop.ids;
    ok(await second.get('/v1/scope', shop.cashierToken));

    ok(await deactivateUser(first, shop.ownerToken, cashierA));

    const who = `user ${cashierA}`;
    expectDeactivated(await second.get('/v1/scope', shop.cashierToken), who);
    expectDeactivated(await second.get(reportRoutes.stock.path, shop.cashierToken), who);
    expectDeactivated(await second.get(`/v1/audit/orders/${uuidv7()}/history`, shop.cashierToken), who);
    expectDeactivated(
      await second.command('/v1/customers', shop.cashierToken, {
        customerId: uuidv7(),
        storeId: shop.ids.storeA,
        name: 'Meera',
        phone: '+91 9876543210',
      }),
      who,
    );
    ok(await second.get('/v1/scope', managerA.token));

    ok(await reactivateUser(second, shop.ownerToken, cashierA));
    ok(await first.get('/v1/scope', shop.cashierToken));
  });

  it('may not be the owner themselves, nor be deactivated by anyone but an owner', async () => {
    const self = await deactivateUser(first, shop.ownerToken, shop.ids.owner);
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('TENANCY.CANNOT_DEACTIVATE_SELF');
    for (const token of [shop.cashierToken, managerA.token, shop.r1Token]) {
      const refused = await deactivateUser(first, token, managerB.userId);
      expect(refused.status, JSON.stringify(refused.body)).toBe(403);
      expect(refused.body.error.code).toBe('AUTH.FORBIDDEN');
    }
    ok(await second.get('/v1/scope', managerB.token));
  });

  it("answers another org's user exactly as an id never used", async () => {
    const theirs = await deactivateUser(first, shop.ownerToken, otherOrg.ids.cashierA);
    const unused = await deactivateUser(first, shop.ownerToken, uuidv7());
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('TENANCY.USER_NOT_FOUND');
    expect({ status: unused.status, code: unused.body.error.code, path: unused.body.error.path }).toEqual({
      status: theirs.status,
      code: theirs.body.error.code,
      path: theirs.body.error.path,
    });
    ok(await second.get('/v1/scope', otherOrg.cashierToken));
  });
});
