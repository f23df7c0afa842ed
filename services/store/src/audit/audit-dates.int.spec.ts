import { createTestDatabase, type TestDatabase } from '@possier/prisma';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, testRegistry, uniqueOrg, uniqueStream } from '../conformance/fixtures.js';
import { openPostgresEventStore, type PostgresEventStore } from '../postgres/postgres-event-store.js';
import { postgresAuditLog, spanCondition, type AuditLog, type StoreSpan } from './audit-log.js';

let database: TestDatabase;
let store: PostgresEventStore;
let audit: AuditLog;

const orgId = uniqueOrg();
const storeId = randomUUID();

/**
 * Sale times of one store, as its tills wrote them: 01:00 in Mumbai on 24 November is still the
 * 23rd in Dubai (23:30); 13:05 is the 24th in both; 00:30 on the 25th in Mumbai is 23:00 on the
 * 24th in Dubai.
 */
const SALE_TIMES = ['2026-11-24T01:00:00+05:30', '2026-11-24T13:05:00.123+05:30', '2026-11-24T19:00:00Z'];

beforeAll(async () => {
  database = await createTestDatabase('possier_store_dates');
  store = await openPostgresEventStore({ connectionString: database.url, registry: testRegistry });
  audit = postgresAuditLog(store.pool);
  const streamId = uniqueStream('order');
  await store.append(
    { orgId, streamId },
    'no_stream',
    SALE_TIMES.map((occurredAt, n) => envelope(streamId, orgId, { n }, { storeId, occurredAt })),
  );
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

const the24th = (timeZone: string): StoreSpan => ({
  orgId,
  storeId,
  after: null,
  through: null,
  dates: { from: '2026-11-24', to: '2026-11-24', timeZone },
});

describe("the audit's reads of a store's business dates", () => {
  it('find the events of a date through the sale-time index, not by scanning the log', async () => {
    const { sql, params } = spanCondition(the24th('Asia/Kolkata'));
    const client = await store.pool.connect();
    try {
      await client.query('BEGIN');
      // The table is small here, so the planner would rightly scan it; with scans priced out, it
      // shows whether the date filter can use an index at all.
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (FORMAT JSON) SELECT count(*) FROM events e WHERE ${sql}`,
        params,
      );
      const plan = JSON.stringify(rows[0]?.['QUERY PLAN']);
      expect(plan).toContain('"Index Name":"events_store_occurred"');
      expect(plan).toContain('event_occurred_instant');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('date each event in the zone the read names, so a later change of the store’s zone re-dates nothing stored', async () => {
    expect(await audit.countStoreSpan(the24th('Asia/Kolkata'))).toBe(2);
    expect(await audit.countStoreSpan(the24th('Asia/Dubai'))).toBe(2);
    const datedSales = async (timeZone: string) =>
      (await audit.storeSpan({ ...the24th(timeZone), limit: 10 })).map((record) => record.occurredAt);
    expect(await datedSales('Asia/Kolkata')).toEqual([SALE_TIMES[0], SALE_TIMES[1]]);
    expect(await datedSales('Asia/Dubai')).toEqual([SALE_TIMES[1], SALE_TIMES[2]]);
  });

  it('refuse a sale time without a UTC offset rather than read it in whatever zone the session has', async () => {
    const instant = (text: string) =>
      store.pool.query<{ instant: string }>(
        `SELECT to_char(event_occurred_instant($1) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS instant`,
        [text],
      );
    expect((await instant('2026-11-24T13:05:00.123+05:30')).rows).toEqual([{ instant: '2026-11-24T07:35:00.123000' }]);
    expect((await instant('2026-11-24T19:00:00Z')).rows).toEqual([{ instant: '2026-11-24T19:00:00.000000' }]);
    for (const text of ['2026-11-24T13:05:00', '2026-11-24 13:05:00 IST', 'now', 'today']) {
      await expect(instant(text), text).rejects.toThrow('is not an ISO 8601 date-time with a UTC offset');
    }
  });
});
