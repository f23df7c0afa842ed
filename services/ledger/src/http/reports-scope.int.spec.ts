import { randomUUID } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@possier/prisma/client';
import pg from 'pg';
import { reportQueries } from '@possier/read-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAsTenant, readModelQueryOf } from '../reports/index.js';
import { startReportFixture, type ReportFixture } from '../testing/report-fixture.js';

let fixture: ReportFixture;
let shop: ReportFixture['shop'];
let otherOrg: ReportFixture['otherOrg'];
let analystA: string;
let nobody: string;
let pool: pg.Pool;
let prisma: PrismaClient;
const report: ReportFixture['report'] = (name, token, query) => fixture.report(name, token, query);
const served: ReportFixture['served'] = (name, token, query) => fixture.served(name, token, query);

const NOV = { from: '2026-11-24', to: '2026-11-25' };

beforeAll(async () => {
  fixture = await startReportFixture();
  ({ shop, otherOrg, analystA, nobody } = fixture);
  pool = new pg.Pool({ connectionString: fixture.ledger.databaseUrl, max: 2 });
  prisma = createPrismaClient(pool);
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await fixture?.close();
});

describe('scope', () => {
  it('refuses a store A analyst store B with 403 naming the store, and covers only store A otherwise', async () => {
    const refused = await report('sales', analystA, { ...NOV, storeId: shop.ids.storeB });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'AUTH.FORBIDDEN', path: 'storeId' });
    expect(refused.body.error.reason).toContain(shop.ids.storeB);
    const stock = await served('stock', analystA, {});
    expect(stock.storeIds).toEqual([shop.ids.storeA]);
    expect(stock.rows.every((row) => row.storeId === shop.ids.storeA)).toBe(true);
  });

  it('refuses a cashier, a register and a user with no role: none may read reports anywhere', async () => {
    for (const [token, storeId] of [
      [shop.cashierToken, shop.ids.storeA],
      [shop.r1Token, shop.ids.storeA],
      [nobody, shop.ids.storeA],
    ] as const) {
      expect((await report('sales', token, { ...NOV, storeId })).status).toBe(403);
      const everywhere = await report('payments', token, NOV);
      expect(everywhere.status).toBe(403);
      expect(everywhere.body.error.reason).toMatch(/may read reports in no store/);
    }
  });

  it('answers an owner of an org with no stores yet an empty report, not a refusal', async () => {
    const { ledger } = fixture;
    const orgId = randomUUID();
    const ownerId = randomUUID();
    const operator = await ledger.token({ kind: 'operator', operatorId: 'test' });
    const created = await ledger.command('/v1/organizations', operator, {
      orgId,
      name: 'Fresh Start Foods',
      ownerUserId: ownerId,
      ownerName: 'Nisha',
      ownerEmail: 'nisha@example.in',
    });
    expect(created.status).toBe(200);
    const owner = await ledger.token({ kind: 'user', orgId, userId: ownerId });
    const sales = await served('sales', owner, NOV);
    expect([sales.storeIds, sales.rows, sales.totals.orders]).toEqual([[], [], 0]);
    expect((await served('items', owner, NOV)).rows).toEqual([]);
  });

  it('gives a token of another org none of this org’s rows, and calls this org’s store unknown to it', async () => {
    const theirs = await served('sales', otherOrg.ownerToken, NOV);
    expect(theirs.storeIds).toEqual([otherOrg.ids.storeA, otherOrg.ids.storeB]);
    expect(theirs.totals).toMatchObject({ orders: 1, payablePaise: 6_000 });
    const named = await report('sales', otherOrg.ownerToken, { ...NOV, storeId: shop.ids.storeA });
    expect(named.status).toBe(403);
    expect(named.body.error).toMatchObject({ code: 'AUTH.UNKNOWN_STORE', path: 'storeId' });
  });

  it('holds row-level security in the database: another org’s tenant reads none of a store’s rows, even asked by id', async () => {
    const query = { from: NOV.from, to: NOV.to, by: 'day' as const };
    const asOwnOrg = await readAsTenant(prisma, shop.ids.org, (tx) =>
      reportQueries.sales(readModelQueryOf(tx), { orgId: shop.ids.org, storeIds: [shop.ids.storeA] }, query),
    );
    expect(asOwnOrg.totals.orders).toBe(3);
    const asOtherOrg = await readAsTenant(prisma, otherOrg.ids.org, (tx) =>
      reportQueries.sales(readModelQueryOf(tx), { orgId: otherOrg.ids.org, storeIds: [shop.ids.storeA] }, query),
    );
    expect([asOtherOrg.rows, asOtherOrg.totals.orders]).toEqual([[], 0]);
  });

  it('reads as the non-owner role, read-only, with the tenant set only inside the transaction', async () => {
    const [seen] = await readAsTenant(
      prisma,
      shop.ids.org,
      (tx) =>
        tx.$queryRaw<
          Array<{ role: string; org: string }>
        >`SELECT current_user AS role, current_setting('app.org_id', true) AS org`,
    );
    expect(seen).toEqual({ role: 'possier_app', org: shop.ids.org });
    await expect(readAsTenant(prisma, shop.ids.org, (tx) => tx.$executeRaw`DELETE FROM rm_orders`)).rejects.toThrow(
      /read-only/,
    );
  });
});

describe('bad requests', () => {
  it('answers 401 without a token', async () => {
    expect((await report('sales', undefined, NOV)).status).toBe(401);
  });

  it.each([
    ['sales', { from: '2026-11-25', to: '2026-11-24' }, 'to'],
    ['sales', { from: '2025-11-24', to: '2026-11-25' }, 'to'],
    ['sales', { from: '24-11-2026', to: '2026-11-25' }, 'from'],
    ['sales', { from: '2026-11-24' }, 'to'],
    ['sales', { ...NOV, by: 'week' }, 'by'],
    ['sales', { ...NOV, storeId: 'store-a' }, 'storeId'],
    ['sales', { ...NOV, form: '2026-11-24' }, 'form'],
    ['items', { ...NOV, limit: '0' }, 'limit'],
    ['items', { ...NOV, sort: 'price' }, 'sort'],
    ['receivables', { ...NOV, asOf: 'tomorrow' }, 'asOf'],
    ['stock', { from: '2026-11-24' }, 'to'],
    ['loyalty', { to: '2026-11-25' }, 'from'],
    ['stock', { from: '2026-11-25', to: '2026-11-24' }, 'to'],
  ] as const)('refuses %s with %j: 400 naming %s', async (name, query, field) => {
    const response = await report(name, analystA, query);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION.INVALID', path: field });
  });

  it('tells whoever names one end of a period for stock or loyalty to name both, or neither for the balance now', async () => {
    for (const name of ['stock', 'loyalty'] as const) {
      const response = await report(name, analystA, { from: NOV.from });
      expect(response.status).toBe(400);
      expect((response.body.error as { reason: string }).reason).toMatch(
        /a period needs both from and to; leave both out for the balance now/,
      );
    }
  });
});
