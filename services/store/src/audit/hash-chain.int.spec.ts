import { eventHash, ZERO_HASH, type AuditRecord } from '@possier/events';
import { createTestDatabase, type TestDatabase } from '@possier/prisma';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, testRegistry, uniqueOrg, uniqueStream } from '../conformance/fixtures.js';
import { openPostgresEventStore, type PostgresEventStore } from '../postgres/postgres-event-store.js';
import { postgresAuditLog, type AuditLog } from './audit-log.js';
import { nodeAuditCrypto } from './node-audit-crypto.js';

let database: TestDatabase;
let store: PostgresEventStore;
let audit: AuditLog;

beforeAll(async () => {
  database = await createTestDatabase('possier_store_chain');
  store = await openPostgresEventStore({ connectionString: database.url, registry: testRegistry });
  audit = postgresAuditLog(store.pool);
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

/** Every record hashes to its own hash from the hash it follows, and follows its predecessor. */
const expectIntactChain = (records: ReadonlyArray<AuditRecord>): void => {
  records.forEach((record, index) => {
    expect(record.prevHash, `${record.streamId}@${record.streamPosition}`).toBe(
      index === 0 ? ZERO_HASH : records[index - 1]?.hash,
    );
    expect(eventHash(record.prevHash as string, record, nodeAuditCrypto)).toBe(record.hash);
  });
};

/** Data whose JSON text jsonb does not keep as written: key order, number spellings, escapes. */
const awkwardData = {
  zeta: 1,
  alpha: { '€': 'euro', '\r': 'cr', '😀': [0.1, 1e21, 5e-7, -0, 12345678901234567000, 1.5] },
  text: 'Dosa \u20b9 "quoted" \\ back\nslash \u0001 \ud83c\udf55',
  empty: {},
  list: [null, true, false, []],
};

describe('the hash chain PostgreSQL computes at append', () => {
  it('recomputes offline, byte for byte, from the row as exported: awkward data, several batches', async () => {
    const orgId = uniqueOrg();
    const streamId = uniqueStream('order');
    await store.append({ orgId, streamId }, 'no_stream', [
      envelope(streamId, orgId, awkwardData),
      envelope(streamId, orgId, { n: 1 }),
    ]);
    await store.append({ orgId, streamId }, 1, [envelope(streamId, orgId, { n: 2 }, { causationId: randomUUID() })]);

    const records = await audit.stream(orgId, streamId);
    expect(records.map((record) => record.streamPosition)).toEqual([0, 1, 2]);
    expect(records[0]?.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expectIntactChain(records);
  });

  it('chains every stream on its own under group commit, many writers at once', async () => {
    const orgId = uniqueOrg();
    const streams = Array.from({ length: 6 }, () => uniqueStream('order'));
    await Promise.all(
      streams.flatMap((streamId) =>
        Array.from({ length: 5 }, (_, n) =>
          store.append({ orgId, streamId }, 'any', [envelope(streamId, orgId, { n })]),
        ),
      ),
    );
    for (const streamId of streams) {
      const records = await audit.stream(orgId, streamId);
      expect(records).toHaveLength(5);
      expectIntactChain(records);
    }
  });

  it('keeps the stored bytes when the event is upcast on read: the audit trail reads what was hashed', async () => {
    const orgId = uniqueOrg();
    const streamId = uniqueStream('stock');
    await store.append({ orgId, streamId }, 'no_stream', [
      envelope(streamId, orgId, { qty: 3 }, { type: 'StockCountedForTest', schemaVersion: 1 }),
    ]);
    const [upcast] = await store.readStream({ orgId, streamId });
    expect(upcast).toMatchObject({ schemaVersion: 2, data: { quantity: 3, unit: 'piece' } });
    const [stored] = await audit.stream(orgId, streamId);
    expect(stored).toMatchObject({ schemaVersion: 1, data: { qty: 3 } });
    expectIntactChain([stored as AuditRecord]);
  });

  it('hashes uuids as stored, whatever case the producer wrote them in', async () => {
    const orgId = uniqueOrg();
    const streamId = uniqueStream('order');
    const shouted = envelope(streamId, orgId, { n: 0 }, { storeId: randomUUID().toUpperCase() });
    await store.append({ orgId, streamId }, 'no_stream', [{ ...shouted, eventId: shouted.eventId.toUpperCase() }]);
    const records = await audit.stream(orgId, streamId);
    expect(records[0]?.eventId).toBe(shouted.eventId.toLowerCase());
    expectIntactChain(records);
  });

  it("chains two orgs' streams of one name each on its own, and finds a predecessor in its own org only", async () => {
    const streamId = uniqueStream('order');
    const [orgA, orgB] = [uniqueOrg(), uniqueOrg()];
    const batchOfA = [0, 1, 2].map((n) => envelope(streamId, orgA, { n }));
    await store.append({ orgId: orgA, streamId }, 'no_stream', batchOfA.slice(0, 2));
    // B's stream of the same name, with A's very ids, stored between A's two appends.
    await store.append(
      { orgId: orgB, streamId },
      'no_stream',
      batchOfA.map((event) => ({ ...event, orgId: orgB })),
    );
    await store.append({ orgId: orgA, streamId }, 1, batchOfA.slice(2));

    const ofA = await audit.stream(orgA, streamId);
    const ofB = await audit.stream(orgB, streamId);
    expect(ofA.map((record) => [record.orgId, record.streamPosition])).toEqual([0, 1, 2].map((n) => [orgA, n]));
    expect(ofB.map((record) => [record.orgId, record.streamPosition])).toEqual([0, 1, 2].map((n) => [orgB, n]));
    expectIntactChain(ofA);
    expectIntactChain(ofB);

    // With A's second event gone, its third has no predecessor: B's event at that position is not it.
    await store.pool.query('DELETE FROM events WHERE org_id = $1 AND stream_id = $2 AND stream_position = 1', [
      orgA,
      streamId,
    ]);
    expect((await audit.stream(orgA, streamId)).map((record) => [record.streamPosition, record.prevHash])).toEqual([
      [0, ZERO_HASH],
      [2, null],
    ]);
    expectIntactChain(await audit.stream(orgB, streamId));
  });

  it('reads one org’s events only, and names a row whose predecessor was deleted', async () => {
    const orgId = uniqueOrg();
    const storeId = randomUUID();
    const streamId = uniqueStream('order');
    await store.append(
      { orgId, streamId },
      'no_stream',
      [0, 1, 2].map((n) => envelope(streamId, orgId, { n }, { storeId })),
    );
    expect(await audit.stream(uniqueOrg(), streamId)).toEqual([]);
    const span = { orgId, storeId, after: null, through: null };
    // A span without an end reads below the oldest running transaction of the whole server,
    // which another database's transaction may hold back for a moment.
    await expect.poll(() => audit.countStoreSpan(span), { timeout: 10_000 }).toBe(3);
    expect(await audit.countStoreSpan({ ...span, orgId: uniqueOrg() })).toBe(0);
    const firstTwo = await audit.storeSpan({ ...span, limit: 2 });
    const rest = await audit.storeSpan({ ...span, after: firstTwo.at(-1)?.logPosition ?? null, limit: 2 });
    expect([...firstTwo, ...rest].map((record) => record.streamPosition)).toEqual([0, 1, 2]);
    expect((await audit.storeSpanHashes(span)).map((leaf) => leaf.hash)).toEqual(
      [...firstTwo, ...rest].map((record) => record.hash),
    );

    await store.pool.query('DELETE FROM events WHERE org_id = $1 AND stream_id = $2 AND stream_position = 1', [
      orgId,
      streamId,
    ]);
    const [, third] = await audit.stream(orgId, streamId);
    expect(third).toMatchObject({ streamPosition: 2, prevHash: null });
    expect(await audit.lastUnchained(orgId, storeId)).toBeNull();
  });

  it('reads a store’s business dates by sale time in the store’s zone, the store’s seals left out', async () => {
    const orgId = uniqueOrg();
    const storeId = randomUUID();
    const streamId = uniqueStream('order');
    // 23:50 in Kolkata on the 24th is 18:20 UTC; 00:10 and 00:30 on the 25th are 18:40 and 19:00 UTC on the 24th.
    const times = ['2026-11-24T23:50:00+05:30', '2026-11-24T18:40:00Z', '2026-11-24T11:00:00-08:00'];
    await store.append(
      { orgId, streamId },
      'no_stream',
      times.map((occurredAt, n) => envelope(streamId, orgId, { n }, { storeId, occurredAt })),
    );
    const sealStream = `audit_day-${storeId}`;
    await store.append({ orgId, streamId: sealStream }, 'no_stream', [
      envelope(sealStream, orgId, { seal: 1 }, { storeId, occurredAt: '2026-11-24T23:55:00+05:30' }),
    ]);
    const day = (date: string, timeZone = 'Asia/Kolkata') => ({
      orgId,
      storeId,
      after: null,
      through: null,
      dates: { from: date, to: date, timeZone },
    });
    const dataOf = async (span: ReturnType<typeof day>) =>
      (await audit.storeSpan({ ...span, limit: 10 })).map((record) => record.data);
    await expect
      .poll(() => audit.countStoreSpan({ orgId, storeId, after: null, through: null }), { timeout: 10_000 })
      .toBe(4);
    expect(await dataOf(day('2026-11-24'))).toEqual([{ n: 0 }]);
    expect(await dataOf(day('2026-11-25'))).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await dataOf(day('2026-11-24', 'UTC'))).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(
      await audit.countStoreSpan({
        ...day('2026-11-24'),
        dates: { from: '2026-11-24', to: '2026-11-25', timeZone: 'Asia/Kolkata' },
      }),
    ).toBe(3);
  });

  it('settles: waits for a write transaction that was running when asked, and gives up after its timeout', async () => {
    const writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('SELECT pg_current_xact_id()');
      expect(await audit.settle(100)).toBe(false);
      const settled = audit.settle(10_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await writer.query('COMMIT');
      expect(await settled).toBe(true);
    } finally {
      await writer.end();
    }
  });
});
