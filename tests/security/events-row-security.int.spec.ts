import { randomUUID } from 'node:crypto';
import { canonicalEnvelope, eventHash, ZERO_HASH } from '@possier/events';
import { seedRestaurant, startLedger, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { nodeAuditCrypto, postgresAuditLog } from '@possier/store';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationPool, asTenant } from './row-level-security.js';

/*
 * The event log under row-level security, at the SQL level, as the application role the services
 * switch to for tenant work. A security review found `possier_app` reading every org's events and
 * inserting a forged OrderVoided, unhashed, at position 999 of another org's order stream.
 */

let ledger: Ledger;
let app: pg.Pool;
let a: Restaurant;
let b: Restaurant;
/** One of org B's order streams, as the forged void targeted it. */
let victimStream: string;

const AT = '2026-12-05T13:05:00+05:30';

/** An envelope of `orgId` as append_events takes it: its canonical JSON text. */
const envelopeText = (orgId: string, streamId: string, type: string, data: Record<string, unknown>): string => {
  const eventId = randomUUID();
  return canonicalEnvelope({
    eventId,
    type,
    schemaVersion: 1,
    streamId,
    orgId,
    brandId: null,
    storeId: null,
    registerId: null,
    actorId: randomUUID(),
    occurredAt: AT,
    causationId: null,
    correlationId: eventId,
    data,
  });
};

const appendSpec = (orgId: string, streamId: string, events: string[], expected = -2) =>
  JSON.stringify([{ streamId, expected, orgId, events }]);

const appendEvents = (client: pg.PoolClient, spec: string) =>
  client.query<{ status: string }>('SELECT status FROM append_events($1::jsonb)', [spec]);

/** Org B's events as the owner sees them, to show that nothing was added or changed. */
const victimEvents = async () =>
  (
    await ledger.store.pool.query<{ event_id: string; hash: string | null }>(
      `SELECT event_id::text, encode(hash, 'hex') AS hash FROM events WHERE org_id = $1 ORDER BY global_position`,
      [b.ids.org],
    )
  ).rows;

beforeAll(async () => {
  ledger = await startLedger();
  a = await seedRestaurant(ledger);
  b = await seedRestaurant(ledger);
  app = applicationPool(ledger.databaseUrl);
  const { rows } = await ledger.store.pool.query<{ stream_id: string }>(
    'SELECT stream_id FROM events WHERE org_id = $1 ORDER BY global_position LIMIT 1',
    [b.ids.org],
  );
  victimStream = rows[0]?.stream_id as string;
});

afterAll(async () => {
  await app?.end();
  await ledger?.close();
});

describe('events under row-level security, as possier_app', () => {
  it('shows org A only org A’s events, for a query with no WHERE', async () => {
    const seen = await asTenant(app, a.ids.org, async (client) => {
      const { rows } = await client.query<{ org_id: string; count: string }>(
        'SELECT org_id::text, count(*)::text FROM events GROUP BY org_id',
      );
      return Object.fromEntries(rows.map((row) => [row.org_id, Number(row.count)]));
    });
    expect(Object.keys(seen)).toEqual([a.ids.org]);
    expect(seen[a.ids.org]).toBeGreaterThan(0);
  });

  it('fails closed: with no org set, the log is empty', async () => {
    const { rows } = await app.query<{ count: string }>('SELECT count(*)::text FROM events');
    expect(rows).toEqual([{ count: '0' }]);
  });

  it('cannot insert a forged event into org B’s stream, unhashed, even as org B', async () => {
    const before = await victimEvents();
    for (const tenant of [a.ids.org, b.ids.org]) {
      await expect(
        asTenant(
          app,
          tenant,
          (client) =>
            client.query(
              `INSERT INTO events (event_id, stream_id, stream_position, type, schema_version, org_id, actor_id,
                                   occurred_at, correlation_id, data)
               VALUES ($1, $2, 999, 'OrderVoided', 1, $3, $4, $5, $1, '{"reason":"forged"}')`,
              [randomUUID(), victimStream, b.ids.org, randomUUID(), AT],
            ),
          'ROLLBACK',
        ),
      ).rejects.toThrow(/permission denied for table events/);
    }
    expect(await victimEvents()).toEqual(before);
  });

  it('cannot rewrite or remove its own org’s events either', async () => {
    for (const statement of ['UPDATE events SET hash = NULL', 'DELETE FROM events']) {
      await expect(asTenant(app, a.ids.org, (client) => client.query(statement), 'ROLLBACK')).rejects.toThrow(
        /permission denied for table events/,
      );
    }
  });

  it('is refused by append_events for an org other than the transaction’s tenant', async () => {
    const before = await victimEvents();
    const forged = envelopeText(b.ids.org, victimStream, 'OrderVoided', { reason: 'forged' });
    await expect(
      asTenant(app, a.ids.org, (client) => appendEvents(client, appendSpec(b.ids.org, victimStream, [forged]))),
    ).rejects.toThrow(`append_events: orgId ${b.ids.org} is not the transaction's tenant (app.org_id is ${a.ids.org})`);
    // Nor by naming its own org on the batch and org B on the event.
    await expect(
      asTenant(app, a.ids.org, (client) => appendEvents(client, appendSpec(a.ids.org, victimStream, [forged]))),
    ).rejects.toThrow(/every event of a batch must name the batch's stream and org/);
    // Nor with no tenant at all.
    const client = await app.connect();
    try {
      await expect(appendEvents(client, appendSpec(b.ids.org, victimStream, [forged]))).rejects.toThrow(
        /is not the transaction's tenant \(app.org_id is not set\)/,
      );
    } finally {
      client.release();
    }
    expect(await victimEvents()).toEqual(before);
  });

  it('appends its own org’s events only into the hash chain, which append_events computes', async () => {
    const streamId = `probe-${randomUUID()}`;
    const events = [
      envelopeText(a.ids.org, streamId, 'ProbeRecorded', { step: 1 }),
      envelopeText(a.ids.org, streamId, 'ProbeRecorded', { step: 2 }),
    ];
    const statuses = await asTenant(app, a.ids.org, async (client) => [
      (await appendEvents(client, appendSpec(a.ids.org, streamId, events.slice(0, 1), -1))).rows[0]?.status,
      (await appendEvents(client, appendSpec(a.ids.org, streamId, events.slice(1), 0))).rows[0]?.status,
    ]);
    expect(statuses).toEqual(['appended', 'appended']);

    const records = await postgresAuditLog(ledger.store.pool).stream(a.ids.org, streamId);
    expect(records.map((record) => record.streamPosition)).toEqual([0, 1]);
    let prev = ZERO_HASH;
    for (const record of records) {
      expect(record.prevHash).toBe(prev);
      expect(record.hash).toBe(eventHash(prev, record, nodeAuditCrypto));
      prev = record.hash as string;
    }
  });

  it('cannot take the log reader’s role, which reads every org and writes none', async () => {
    await expect(
      asTenant(app, a.ids.org, (client) => client.query('SET LOCAL ROLE possier_log_reader'), 'ROLLBACK'),
    ).rejects.toThrow(/permission denied to set role/);

    const owner = await ledger.store.pool.connect();
    try {
      await owner.query('BEGIN');
      await owner.query('SET LOCAL ROLE possier_log_reader');
      const { rows } = await owner.query<{ org_id: string }>(
        'SELECT DISTINCT org_id::text FROM events WHERE org_id = ANY($1::uuid[]) ORDER BY 1',
        [[a.ids.org, b.ids.org]],
      );
      expect(rows.map((row) => row.org_id)).toEqual([a.ids.org, b.ids.org].sort());
      await expect(owner.query('DELETE FROM events')).rejects.toThrow(/permission denied for table events/);
    } finally {
      await owner.query('ROLLBACK');
      owner.release();
    }
  });

  it('is covered by assert_tenant_isolation: FORCE on events and no direct write by the application role', async () => {
    const owner = await ledger.store.pool.connect();
    const asserted = async (change: string) => {
      await owner.query('BEGIN');
      try {
        await owner.query(change);
        return await owner.query('SELECT assert_tenant_isolation()');
      } finally {
        await owner.query('ROLLBACK');
      }
    };
    try {
      await owner.query('SELECT assert_tenant_isolation()');
      await expect(asserted('ALTER TABLE events NO FORCE ROW LEVEL SECURITY')).rejects.toThrow(
        /without FORCE ROW LEVEL SECURITY: .*\.events/,
      );
      await expect(asserted('GRANT INSERT ON events TO possier_app')).rejects.toThrow(
        /possier_app may write events only through append_events/,
      );
    } finally {
      owner.release();
    }
  });
});
