import { ReportScopeView, type OpsStatus } from '@possier/events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatus } from '../ops/index.js';
import { addUser } from '../testing/report-scenario.js';
import { startReportFixture, type ReportFixture } from '../testing/report-fixture.js';
import { REPORT_PROJECTIONS } from '../testing/read-side.js';

let fixture: ReportFixture;
let pool: pg.Pool;

beforeAll(async () => {
  fixture = await startReportFixture();
  pool = new pg.Pool({ connectionString: fixture.ledger.databaseUrl, max: 2 });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await fixture?.close();
});

describe('GET /v1/scope', () => {
  it('lists for an owner every store of the org with its brand and registers, by name, as the contract shapes it', async () => {
    const { shop, ledger } = fixture;
    const response = await ledger.get('/v1/scope', shop.ownerToken);
    expect(response.status).toBe(200);
    const scope = ReportScopeView.parse(response.body);
    expect(scope).toMatchObject({
      orgId: shop.ids.org,
      orgName: 'Spice Route Hospitality',
      signedInAs: { kind: 'user', name: 'Asha Rao' },
    });
    expect(scope.brands).toEqual([{ brandId: shop.ids.brand, name: 'Pizza Lane' }]);
    expect(scope.stores).toEqual([
      { storeId: shop.ids.storeA, brandId: shop.ids.brand, name: 'Bandra', timeZone: 'Asia/Kolkata' },
      { storeId: shop.ids.storeB, brandId: shop.ids.brand, name: 'Koramangala', timeZone: 'Asia/Kolkata' },
    ]);
    expect(scope.registers).toEqual([
      { registerId: shop.ids.r1, storeId: shop.ids.storeA, name: 'Till 1' },
      { registerId: shop.ids.r2, storeId: shop.ids.storeA, name: 'Till 2' },
    ]);
  });

  it('lists for a store analyst exactly the stores a report without storeId covers, and nothing of another org', async () => {
    const { shop, otherOrg, ledger, analystA } = fixture;
    const scope = (await ledger.get('/v1/scope', analystA)).body as ReportScopeView;
    const report = await fixture.served('stock', analystA, {});
    expect(scope.stores.map((store) => store.storeId)).toEqual(report.storeIds);
    expect(scope.stores.map((store) => store.name)).toEqual(['Bandra']);
    expect(scope.registers.every((register) => register.storeId === shop.ids.storeA)).toBe(true);
    const other = (await ledger.get('/v1/scope', otherOrg.ownerToken)).body as ReportScopeView;
    expect(other.orgId).toBe(otherOrg.ids.org);
    expect(other.stores.map((store) => store.storeId)).not.toContain(shop.ids.storeA);
  });

  it('lists no store for a token that may read no reports, and refuses operators and strangers', async () => {
    const { ledger, nobody, shop } = fixture;
    for (const token of [nobody, shop.cashierToken, shop.r1Token]) {
      const scope = (await ledger.get('/v1/scope', token)).body as ReportScopeView;
      expect(scope.stores).toEqual([]);
      expect(scope.brands).toEqual([]);
      expect(scope.registers).toEqual([]);
    }
    const operator = await ledger.token({ kind: 'operator', operatorId: 'ops' });
    const refused = await ledger.get('/v1/scope', operator);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'AUTH.FORBIDDEN', path: '' });
    expect((await ledger.get('/v1/scope')).status).toBe(401);
  });
});

describe('GET /v1/ops/status', () => {
  it('shows an owner and an operator every checkpoint against the head, as possier status reads them', async () => {
    const { ledger, shop } = fixture;
    const operator = await ledger.token({ kind: 'operator', operatorId: 'ops' });
    const direct = await readStatus(pool);
    for (const token of [shop.ownerToken, operator]) {
      const response = await ledger.get('/v1/ops/status', token);
      expect(response.status).toBe(200);
      const status = response.body as OpsStatus;
      expect(status.head?.position).toBe(direct.head?.position);
      expect(status.checkpoints.map((checkpoint) => `${checkpoint.kind} ${checkpoint.name}`).sort()).toEqual(
        [...REPORT_PROJECTIONS.map((name) => `projector ${name}`), 'relay ledger'].sort(),
      );
      expect(status.checkpoints.every((checkpoint) => checkpoint.caughtUp && checkpoint.behind === 0)).toBe(true);
      expect(status.checkpoints.map((checkpoint) => checkpoint.position)).toEqual(
        direct.checkpoints.map((checkpoint) => checkpoint.position),
      );
      // An owner sees what the org's registers last said of their outboxes (none has replayed
      // here); an operator's token names no org, so there is no register of theirs to show.
      if (token === operator) expect(status).not.toHaveProperty('registers');
      else expect(status.registers).toEqual([]);
    }
  });

  it('refuses anyone but operators and owners with 403, and a missing token with 401', async () => {
    const { ledger, shop, analystA } = fixture;
    const manager = await addUser(ledger, shop, 'Farah', [{ role: 'brand_manager', scope: { level: 'org' } }]);
    for (const token of [analystA, manager.token, shop.cashierToken, shop.r1Token]) {
      const response = await ledger.get('/v1/ops/status', token);
      expect(response.status).toBe(403);
      expect(response.body.error).toEqual({
        code: 'AUTH.FORBIDDEN',
        path: '',
        reason: 'the operations status is for operators and org owners',
      });
    }
    expect((await ledger.get('/v1/ops/status')).status).toBe(401);
  });
});
