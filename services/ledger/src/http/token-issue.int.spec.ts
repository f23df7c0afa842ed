import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN_LIFETIMES } from '../auth/token-lifetimes.js';
import { startLedger, type Ledger } from '../testing/ledger-harness.js';
import { ok, seedRestaurant, type Restaurant } from '../testing/seed.js';

/*
 * POST /v1/tokens: an owner has the ledger sign a register's or a user's token with its own key,
 * for the kind's default lifetime. The issuance is recorded in the org's tenancy stream (who, for
 * whom, until when), the token never is; deactivating the subject withdraws it.
 */

let ledger: Ledger;
let shop: Restaurant;
let otherOrg: Restaurant;

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
  otherOrg = await seedRestaurant(ledger);
}, 120_000);

afterAll(async () => {
  await ledger?.close();
});

const issue = (token: string, subject: object, orgId = shop.ids.org) =>
  ledger.command('/v1/tokens', token, { orgId, subject });

const catalogPull = (token: string, registerId: string) => ledger.get(`/v1/registers/${registerId}/catalog`, token);

describe('issuing a token', () => {
  it('gives an owner a register token the ledger accepts, for a register’s default lifetime', async () => {
    const { r2, storeA, brand, org } = shop.ids;
    const answer = ok(await issue(shop.ownerToken, { kind: 'register', registerId: r2 }));
    const { token, subject, issuedAt, expiresAt } = answer.body;
    expect(subject).toEqual({ kind: 'register', registerId: r2 });
    expect(Date.parse(expiresAt) - Date.parse(issuedAt)).toBe(DEFAULT_TOKEN_LIFETIMES.register * 1000);
    expect(decodeJwt(token)).toMatchObject({
      kind: 'register',
      orgId: org,
      brandId: brand,
      storeId: storeA,
      registerId: r2,
      iat: Date.parse(issuedAt) / 1000,
      exp: Date.parse(expiresAt) / 1000,
    });
    ok(await catalogPull(token, r2));
  });

  it('gives an owner a user token for a working day, and records who issued which kind for whom, never the token', async () => {
    const { org, owner, cashierA } = shop.ids;
    const answer = ok(await issue(shop.ownerToken, { kind: 'user', userId: cashierA }));
    const { token, issuedAt, expiresAt } = answer.body;
    expect(Date.parse(expiresAt) - Date.parse(issuedAt)).toBe(DEFAULT_TOKEN_LIFETIMES.user * 1000);
    expect(decodeJwt(token)).toMatchObject({ kind: 'user', orgId: org, userId: cashierA });
    ok(await ledger.get('/v1/scope', token));

    const stored = await ledger.store.readStream({ orgId: org, streamId: `tenancy-${org}` });
    const issued = stored.filter((event) => event.type === 'TokenIssued');
    expect(issued.at(-1)?.data).toEqual({
      orgId: org,
      subject: { kind: 'user', userId: cashierA },
      issuedBy: owner,
      issuedAt,
      expiresAt,
    });
    expect(issued.at(-1)?.actorId).toBe(owner);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('is refused to a cashier, to a register and to another org’s owner, and names no other org’s register', async () => {
    const { r1, org } = shop.ids;
    const cashier = await issue(shop.cashierToken, { kind: 'register', registerId: r1 });
    expect(cashier.status).toBe(403);
    expect(cashier.body.error.code).toBe('AUTH.FORBIDDEN');

    const register = await issue(shop.r1Token, { kind: 'register', registerId: r1 });
    expect(register.status).toBe(403);

    const stranger = await issue(otherOrg.ownerToken, { kind: 'register', registerId: r1 });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('AUTH.WRONG_ORG');

    // Naming its own org, the stranger's owner learns nothing of this org's register.
    const ownOrg = await issue(otherOrg.ownerToken, { kind: 'register', registerId: r1 }, otherOrg.ids.org);
    expect(ownOrg.body.error.code).toBe('TENANCY.REGISTER_NOT_FOUND');

    const stored = await ledger.store.readStream({ orgId: org, streamId: `tenancy-${org}` });
    expect(stored.filter((event) => event.type === 'TokenIssued').map((event) => event.actorId)).not.toContain(
      otherOrg.ids.owner,
    );
  });

  it('is refused for a deactivated register, and a token issued before its deactivation is refused after it', async () => {
    const { org, storeA } = shop.ids;
    const registerId = randomUUID();
    ok(
      await ledger.command('/v1/registers', shop.ownerToken, {
        orgId: org,
        registerId,
        storeId: storeA,
        name: 'Till 9',
      }),
    );
    const { token } = ok(await issue(shop.ownerToken, { kind: 'register', registerId })).body;
    ok(await catalogPull(token, registerId));

    ok(
      await ledger.command(`/v1/registers/${registerId}/deactivate`, shop.ownerToken, {
        orgId: org,
        registerId,
        reason: 'till lost',
      }),
    );
    const refused = await catalogPull(token, registerId);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('AUTH.PRINCIPAL_DEACTIVATED');

    const again = await issue(shop.ownerToken, { kind: 'register', registerId });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('TENANCY.REGISTER_DEACTIVATED');
    expect(again.body.error.reason).toContain('Till 9');
  });
});
