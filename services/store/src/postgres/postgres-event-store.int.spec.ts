import { randomUUID } from 'node:crypto';
import { canonicalEnvelope, expectedVersionToNumber } from '@possier/events';
import { createTestDatabase, type TestDatabase } from '@possier/prisma';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { batchOf } from '../conformance/fixtures.js';
import { describeEventStoreConformance } from '../conformance/index.js';
import { validateAppend } from '../validate-append.js';
import { CHANNEL } from './notifier.js';
import { openPostgresEventStore } from './postgres-event-store.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('possier_store');
});
afterAll(async () => {
  await database?.drop();
});

describeEventStoreConformance({
  name: 'PostgreSQL',
  open: (options) => openPostgresEventStore({ connectionString: database.url, ...options }),
  // The append runs in a transaction of its own connection, left open until commit.
  holdAppend: async (stream, events) => {
    const batch = validateAppend(stream, 'any', events);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT * FROM append_events($1::jsonb)', [
      JSON.stringify([
        {
          streamId: stream.streamId,
          expected: expectedVersionToNumber('any'),
          orgId: batch.orgId,
          events: batch.events.map(canonicalEnvelope),
        },
      ]),
    ]);
    let done = false;
    const finish = async (sql: string) => {
      if (done) return;
      done = true;
      await client.query(sql);
      await client.end();
    };
    return { commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
  },
});

describe('PostgreSQL notifications', () => {
  it('notifies listeners once an append has committed, and not for one that was refused', async () => {
    const store = await openPostgresEventStore({ connectionString: database.url });
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    let notifications = 0;
    listener.on('notification', () => (notifications += 1));
    await listener.query(`LISTEN ${CHANNEL}`);
    try {
      const org = randomUUID();
      const streamId = `notify-${randomUUID()}`;
      await store.append({ orgId: org, streamId }, 'no_stream', batchOf(streamId, org, 2));
      await vi.waitFor(() => expect(notifications).toBeGreaterThan(0), { timeout: 5_000 });

      const before = notifications;
      await expect(store.append({ orgId: org, streamId }, 'no_stream', batchOf(streamId, org, 1, 2))).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(notifications).toBe(before);
    } finally {
      await listener.end();
      await store.close();
    }
  });
});

describe('append_events called by the owner', () => {
  it('appends several orgs in one call and leaves the transaction’s tenant as it found it', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const orgs = [randomUUID(), randomUUID()];
      const specs = orgs.map((orgId) => {
        const streamId = `owner-${randomUUID()}`;
        return { streamId, expected: -1, orgId, events: batchOf(streamId, orgId, 1).map(canonicalEnvelope) };
      });
      await client.query('BEGIN');
      const { rows } = await client.query<{ status: string }>('SELECT status FROM append_events($1::jsonb)', [
        JSON.stringify(specs),
      ]);
      const { rows: tenant } = await client.query<{ tenant: string | null }>(
        `SELECT nullif(current_setting('app.org_id', true), '') AS tenant`,
      );
      await client.query('COMMIT');
      expect(rows.map((row) => row.status)).toEqual(['appended', 'appended']);
      expect(tenant).toEqual([{ tenant: null }]);
    } finally {
      await client.end();
    }
  });
});
