import { AuditHistory, createExportVerifier, EXPORT_RECORDS_HEADER, type AuditHistoryEntry } from '@possier/events';
import { nodeAuditCrypto } from '@possier/store';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuditScenario, uuidv7, type AuditScenario } from '../testing/index.js';

let scenario: AuditScenario;

beforeAll(async () => {
  scenario = await startAuditScenario();
}, 120_000);
afterAll(async () => {
  await scenario?.close();
});

const history = async (path: string, token: string): Promise<AuditHistory> => {
  const response = await scenario.ledger.get(path, token);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return AuditHistory.parse(response.body);
};

const types = (entries: ReadonlyArray<AuditHistoryEntry>) => entries.map((entry) => entry.type);

describe('the audit API', () => {
  it('shows an order’s whole history as stored: actor, UTC and store-local times, causation, correlation, hashes', async () => {
    const { o3 } = scenario.orders;
    const order = await history(`/v1/audit/orders/${o3}/history`, scenario.accountant);
    expect(order.scope).toEqual({ kind: 'order', orderId: o3 });
    expect(order.timeZone).toBe('Asia/Kolkata');
    expect(types(order.events)).toEqual(['OrderPlaced', 'PaymentTendered', 'OrderVoided']);
    const [placed, , voided] = order.events as [AuditHistoryEntry, AuditHistoryEntry, AuditHistoryEntry];
    expect(placed).toMatchObject({
      actorId: scenario.shop.ids.r2,
      registerId: scenario.shop.ids.r2,
      occurredAt: '2026-11-25T10:00:00+05:30',
      occurredAtUtc: '2026-11-25T04:30:00Z',
      occurredAtLocal: '2026-11-25T10:00:00+05:30',
      prevHash: '0'.repeat(64),
    });
    expect(placed.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(placed.recordedAtLocal).toMatch(/\+05:30$/);
    expect(voided).toMatchObject({ actorId: scenario.shop.ids.owner, prevHash: order.events[1]?.hash });
    expect(voided.causationId).not.toBe(placed.causationId);
    expect(voided.correlationId).toBe(voided.causationId);
  });

  it('shows a sealed store-day with the close that sealed it, and one register’s part of it', async () => {
    const { storeA, r1, r2 } = scenario.shop.ids;
    const day1 = await history(`/v1/audit/stores/${storeA}/days/2026-11-24/history`, scenario.accountant);
    expect(day1.sealedBy).toEqual({
      businessDate: '2026-11-24',
      eventId: scenario.seals.day1.eventId,
      eventCount: scenario.seals.day1.eventCount,
      merkleRoot: scenario.seals.day1.merkleRoot,
      keyId: scenario.key.keyId,
    });
    expect(day1.events).toHaveLength(scenario.seals.day1.eventCount);
    expect(types(day1.events)).toEqual(expect.arrayContaining(['ShiftOpened', 'OrderPlaced', 'PaymentTendered']));

    const day2 = await history(`/v1/audit/stores/${storeA}/days/2026-11-25/history`, scenario.accountant);
    expect(types(day2.events)[0]).toBe('BusinessDayClosed');
    const r2Day = await history(`/v1/audit/registers/${r2}/history?date=2026-11-25`, scenario.accountant);
    expect(r2Day.scope).toEqual({ kind: 'store_day', storeId: storeA, businessDate: '2026-11-25', registerId: r2 });
    expect(r2Day.events.every((entry) => entry.registerId === r2)).toBe(true);
    expect(types(r2Day.events)).toEqual(['OrderPlaced', 'PaymentTendered']);
    const r1Day = await history(
      `/v1/audit/stores/${storeA}/days/2026-11-24/history?registerId=${r1}`,
      scenario.accountant,
    );
    expect(r1Day.events.length).toBeGreaterThan(0);
    expect(r1Day.events.every((entry) => entry.registerId === r1)).toBe(true);

    const open = await history(`/v1/audit/stores/${storeA}/days/2026-11-26/history`, scenario.accountant);
    expect(open.sealedBy).toBeNull();
    expect(types(open.events)).toEqual(['BusinessDayClosed']);
  });

  it('keeps each org to its own trail: org A’s accountant learns nothing of org B’s order, store or register', async () => {
    const other = scenario.otherOrg.ids;
    const otherOrder = (
      await scenario.ledger.store.readAll({ filter: { orgId: other.org, types: ['OrderPlaced'] } })
    )[0];
    const orderId = (otherOrder?.data as { orderId: string }).orderId;
    expect((await scenario.ledger.get(`/v1/audit/orders/${orderId}/history`, scenario.otherAccountant)).status).toBe(
      200,
    );

    const asA = [
      await scenario.ledger.get(`/v1/audit/orders/${orderId}/history`, scenario.accountant),
      await scenario.ledger.get(`/v1/audit/stores/${other.storeA}/days/2026-11-24/history`, scenario.accountant),
      await scenario.ledger.get(`/v1/audit/registers/${other.r1}/history?date=2026-11-24`, scenario.accountant),
      await scenario.ledger.get(
        `/v1/audit/stores/${other.storeA}/export?from=2026-11-24&to=2026-11-24`,
        scenario.accountant,
      ),
    ];
    expect(asA.map((response) => response.status)).toEqual([404, 403, 403, 403]);
    for (const response of asA) {
      expect(Object.keys(response.body)).toEqual(['error']);
      expect(JSON.stringify(response.body)).not.toContain(other.org);
    }
    expect(asA[0]?.body.error).toMatchObject({ code: 'AUDIT.ORDER_NOT_FOUND', path: 'orderId' });
    expect(asA[1]?.body.error).toMatchObject({ code: 'AUTH.UNKNOWN_STORE' });
  });

  it('is for those who may read the audit trail, within their scope', async () => {
    const { storeA, r1 } = scenario.shop.ids;
    const path = `/v1/audit/stores/${storeA}/days/2026-11-24/history`;
    const refused = [
      await scenario.ledger.get(path, scenario.shop.cashierToken),
      await scenario.ledger.get(path, scenario.shop.r1Token),
      await scenario.ledger.get(path, scenario.accountantB),
      await scenario.ledger.get(`/v1/audit/orders/${scenario.orders.o1}/history`, scenario.accountantB),
      await scenario.ledger.get(`/v1/audit/registers/${r1}/history?date=2026-11-24`, scenario.accountantB),
    ];
    expect(refused.map((response) => [response.status, response.body.error.code])).toEqual(
      Array.from({ length: 5 }, () => [403, 'AUTH.FORBIDDEN']),
    );
    expect((await scenario.ledger.get(path, scenario.shop.ownerToken)).status).toBe(200);
    expect((await scenario.ledger.get(path)).status).toBe(401);
    const bad = await scenario.ledger.get(
      `/v1/audit/stores/${storeA}/days/24-11-2026/history?limit=3`,
      scenario.accountant,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('businessDate');
  });

  it('closes a day only for those who may, once, and only with a key the ledger holds', async () => {
    const { storeA, storeB } = scenario.shop.ids;
    const close = (storeId: string, businessDate: string, token: string) =>
      scenario.ledger.post(`/v1/audit/stores/${storeId}/days/${businessDate}/close`, token, {
        commandId: uuidv7(),
        occurredAt: `${businessDate}T23:30:00+05:30`,
        data: { storeId, businessDate },
      });
    expect((await close(storeA, '2026-11-25', scenario.accountant)).body.error).toMatchObject({
      code: 'AUDIT.DAY_ALREADY_CLOSED',
      path: 'data.businessDate',
    });
    expect((await close(storeA, '2026-11-26', scenario.shop.cashierToken)).status).toBe(403);
    const mismatch = await scenario.ledger.post(
      `/v1/audit/stores/${storeA}/days/2026-11-26/close`,
      scenario.accountant,
      {
        commandId: uuidv7(),
        occurredAt: '2026-11-26T23:30:00+05:30',
        data: { storeId: storeB, businessDate: '2026-11-26' },
      },
    );
    expect([mismatch.status, mismatch.body.error.path]).toEqual([400, 'data.storeId']);

    const emptyDay = await close(storeB, '2026-11-24', scenario.shop.ownerToken);
    expect(emptyDay.status, JSON.stringify(emptyDay.body)).toBe(200);
    expect(emptyDay.body.seal).toMatchObject({ eventCount: 0, keyId: scenario.key.keyId });
    const otherOrgClose = await close(scenario.otherOrg.ids.storeA, '2026-11-24', scenario.otherOrg.ownerToken);
    expect(otherOrgClose.body.error).toMatchObject({ code: 'AUDIT.NO_SIGNING_KEY' });
  });

  it('rotates the key only at an owner’s word, the new key endorsed by the old, and keeps the private half out of the log', async () => {
    const { org } = scenario.shop.ids;
    const rotate = (token: string) =>
      scenario.ledger.post('/v1/audit/keys/rotate', token, {
        commandId: uuidv7(),
        occurredAt: '2026-11-26T09:00:00+05:30',
        data: { orgId: org },
      });
    expect((await rotate(scenario.accountant)).status).toBe(403);
    const rotated = await rotate(scenario.shop.ownerToken);
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body.key).toMatchObject({ previousKeyId: scenario.key.keyId });
    expect(rotated.body.key.keyId).not.toBe(scenario.key.keyId);
    const { rows } = await scenario.ledger.store.pool.query<{ data: string }>(
      `SELECT data::text AS data FROM events WHERE type = 'AuditKeyRotated' AND org_id = $1`,
      [org],
    );
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.data).join()).not.toMatch(/PRIVATE KEY|"d":/);

    // A retry answers the first rotation; a refused or repeated one leaves no private key behind.
    const retry = await scenario.ledger.post('/v1/audit/keys/rotate', scenario.shop.ownerToken, {
      commandId: rotated.body.commandId,
      occurredAt: '2026-11-26T09:05:00+05:30',
      data: { orgId: org },
    });
    expect([retry.status, retry.headers.get('idempotent-replayed'), retry.body]).toEqual([200, 'true', rotated.body]);
    const keyFiles = (await readdir(join(scenario.ledger.auditKeyDirectory, org))).sort();
    const logged = rows.map((row) => `${(JSON.parse(row.data) as { keyId: string }).keyId}.pem`).sort();
    expect(keyFiles).toEqual(logged);
  });

  it('lets a store manager close their store’s day and no other, sealed at the ledger’s time', async () => {
    const { org, storeA, storeB } = scenario.shop.ids;
    const owner = scenario.shop.ownerToken;
    const managerId = uuidv7();
    const added = await scenario.ledger.command('/v1/users', owner, {
      orgId: org,
      userId: managerId,
      name: 'Farah',
      email: `farah-${managerId.slice(-12)}@example.in`,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const granted = await scenario.ledger.command(`/v1/users/${managerId}/roles`, owner, {
      orgId: org,
      userId: managerId,
      role: 'store_manager',
      scope: { level: 'store', storeId: storeB },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const manager = await scenario.ledger.token({ kind: 'user', orgId: org, userId: managerId });
    const close = (storeId: string, token: string) =>
      scenario.ledger.post(`/v1/audit/stores/${storeId}/days/2026-11-27/close`, token, {
        commandId: uuidv7(),
        occurredAt: '1999-01-01T00:00:00+05:30',
        data: { storeId, businessDate: '2026-11-27' },
      });
    expect((await close(storeA, manager)).status).toBe(403);
    expect((await close(storeB, scenario.shop.r1Token)).status).toBe(403);
    const before = Date.now();
    const closed = await close(storeB, manager);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const { rows } = await scenario.ledger.store.pool.query<{ closed_at: string }>(
      `SELECT data->>'closedAt' AS closed_at FROM events WHERE org_id = $1 AND event_id = $2`,
      [org, closed.body.seal.eventId],
    );
    const closedAt = Date.parse(rows[0]?.closed_at ?? '');
    expect(closedAt).toBeGreaterThanOrEqual(before - 1_000);
    expect(closedAt).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('exports days as JSON Lines that verify offline, announcing the count for a progress bar, and as CSV', async () => {
    const { storeA } = scenario.shop.ids;
    const path = `/v1/audit/stores/${storeA}/export?from=2026-11-24&to=2026-11-25`;
    const response = await fetch(`${scenario.ledger.url}${path}`, {
      headers: { authorization: `Bearer ${scenario.accountant}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text()).trimEnd().split('\n');
    expect(Number(response.headers.get(EXPORT_RECORDS_HEADER))).toBe(lines.length - 1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ format: 'possier-audit-export', storeId: storeA });

    const verifier = createExportVerifier({ crypto: nodeAuditCrypto, trustedKeys: [scenario.key.keyId] });
    for (const line of lines) verifier.line(line);
    const verdict = verifier.finish();
    expect(verdict.findings).toEqual([]);
    expect(verdict.seals.map((seal) => [seal.businessDate, seal.eventCount, seal.ok])).toEqual([
      ['2026-11-24', scenario.seals.day1.eventCount, true],
      ['2026-11-25', scenario.seals.day2.eventCount, true],
    ]);

    const csv = await fetch(`${scenario.ledger.url}${path}&format=csv`, {
      headers: { authorization: `Bearer ${scenario.accountant}` },
    });
    const rows = (await csv.text()).trimEnd().split('\n');
    expect(rows[0]).toBe(
      'logPosition,globalPosition,streamId,streamPosition,eventId,type,schemaVersion,orgId,brandId,storeId,registerId,actorId,occurredAt,occurredAtUtc,occurredAtLocal,recordedAt,recordedAtLocal,causationId,correlationId,data,hash,prevHash',
    );
    expect(rows).toHaveLength(lines.length);
    expect(rows.find((row) => row.includes(',OrderVoided,'))).toContain('2026-11-25T10:05:00+05:30');
  });
});
