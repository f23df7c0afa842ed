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
      amendment: 0,
      eventCount: scenario.seals.day1.eventCount,
      merkleRoot: scenario.seals.day1.merkleRoot,
      keyId: scenario.key.keyId,
    });
    expect(day1.seals).toEqual([day1.sealedBy]);
    expect(day1.unsealedEvents).toBe(0);
    expect(day1.events).toHaveLength(scenario.seals.day1.eventCount);
    expect(day1.page).toMatchObject({ next: null, total: scenario.seals.day1.eventCount });
    expect(types(day1.events)).toEqual(expect.arrayContaining(['ShiftOpened', 'OrderPlaced', 'PaymentTendered']));
    expect(day1.events.every((entry) => entry.occurredAtLocal.startsWith('2026-11-24'))).toBe(true);

    // A date holds the events sold on it, not the seals: the 2026-11-25 history has its sales only.
    const day2 = await history(`/v1/audit/stores/${storeA}/days/2026-11-25/history`, scenario.accountant);
    expect(types(day2.events)).toEqual(['OrderPlaced', 'PaymentTendered', 'OrderVoided']);
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
    expect(open.events).toEqual([]);
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
    const again = await close(storeA, '2026-11-25', scenario.accountant);
    expect(again.body.error).toMatchObject({ code: 'AUDIT.DAY_ALREADY_SEALED', path: 'data.businessDate' });
    expect(again.body.error.reason).toContain('2026-11-25 is already sealed');
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
    expect(verdict.unsealedEvents).toBe(0);

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

  it('seals a sale replayed after its date was sealed in an amendment of that date, never in another date', async () => {
    const { storeA, r1, cola } = scenario.shop.ids;
    const seal = (action: 'close' | 'amend', businessDate: string) =>
      scenario.ledger.post(`/v1/audit/stores/${storeA}/days/${businessDate}/${action}`, scenario.accountant, {
        commandId: uuidv7(),
        occurredAt: '2026-11-27T09:00:00+05:30',
        data: { storeId: storeA, businessDate },
      });
    expect((await seal('amend', '2026-11-24')).body.error).toMatchObject({
      code: 'AUDIT.NOTHING_TO_AMEND',
      path: 'data.businessDate',
    });
    expect((await seal('amend', '2026-11-23')).body.error).toMatchObject({ code: 'AUDIT.DAY_NOT_SEALED' });

    const late = uuidv7();
    const sold = await scenario.ledger.post('/v1/orders', scenario.shop.r1Token, {
      commandId: uuidv7(),
      occurredAt: '2026-11-24T21:40:00+05:30',
      data: {
        orderId: late,
        storeId: storeA,
        registerId: r1,
        channel: 'takeaway',
        lines: [{ lineId: uuidv7(), itemId: cola, quantity: 1 }],
        tenders: [{ paymentId: uuidv7(), kind: 'cash', amountPaise: 6_000 }],
      },
    });
    expect(sold.status, JSON.stringify(sold.body)).toBe(200);
    const before = await history(`/v1/audit/stores/${storeA}/days/2026-11-24/history`, scenario.accountant);
    expect(before.unsealedEvents).toBe(2);
    expect(before.events).toHaveLength(scenario.seals.day1.eventCount + 2);

    // An earlier date is sealed after later ones; it holds none of the late sale.
    const earlier = await seal('close', '2026-11-23');
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(200);
    expect(earlier.body.seal).toMatchObject({ businessDate: '2026-11-23', amendment: 0 });

    const amended = await seal('amend', '2026-11-24');
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    expect(amended.body.seal).toMatchObject({ businessDate: '2026-11-24', amendment: 1, eventCount: 2 });
    const after = await history(`/v1/audit/stores/${storeA}/days/2026-11-24/history`, scenario.accountant);
    expect(after.unsealedEvents).toBe(0);
    expect(after.seals.map((entry) => [entry.amendment, entry.eventCount])).toEqual([
      [0, scenario.seals.day1.eventCount],
      [1, 2],
    ]);
    // What the amendment added: the late sale's two events, and nothing sealed before.
    expect(after.events.filter((entry) => entry.sealedBy === 1).map((entry) => entry.streamId)).toEqual([
      `order-${late}`,
      `order-${late}`,
    ]);
    expect(after.events.filter((entry) => entry.sealedBy === 0)).toHaveLength(scenario.seals.day1.eventCount);
    expect((await seal('amend', '2026-11-24')).body.error).toMatchObject({ code: 'AUDIT.NOTHING_TO_AMEND' });

    const response = await fetch(
      `${scenario.ledger.url}/v1/audit/stores/${storeA}/export?from=2026-11-24&to=2026-11-24`,
      {
        headers: { authorization: `Bearer ${scenario.accountant}` },
      },
    );
    const verifier = createExportVerifier({ crypto: nodeAuditCrypto, trustedKeys: [scenario.key.keyId] });
    for (const line of (await response.text()).trimEnd().split('\n')) verifier.line(line);
    const verdict = verifier.finish();
    expect(verdict.findings).toEqual([]);
    expect(verdict.seals.map((entry) => [entry.businessDate, entry.amendment, entry.eventCount])).toEqual([
      ['2026-11-24', 0, scenario.seals.day1.eventCount],
      ['2026-11-24', 1, 2],
    ]);
  });

  it('reads a store-day a page at a time, up to where the log stood at the first page', async () => {
    const { storeA } = scenario.shop.ids;
    const path = `/v1/audit/stores/${storeA}/days/2026-11-24/history`;
    const whole = await history(path, scenario.accountant);
    const pages: AuditHistoryEntry[] = [];
    let page = await history(`${path}?limit=2`, scenario.accountant);
    pages.push(...page.events);
    while (page.page?.next) {
      page = await history(`${path}?limit=2&after=${page.page.next}&through=${page.page.through}`, scenario.accountant);
      pages.push(...page.events);
    }
    expect(pages.map((entry) => entry.eventId)).toEqual(whole.events.map((entry) => entry.eventId));
    expect(page.page?.total).toBe(whole.events.length);
    const tooMany = await scenario.ledger.get(`${path}?limit=10001`, scenario.accountant);
    expect([tooMany.status, tooMany.body.error.path]).toEqual([400, 'limit']);
  });
});
