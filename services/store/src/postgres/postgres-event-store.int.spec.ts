import { canonicalEnvelope, expectedVersionToNumber } from '@possier/events';
import { createTestDatabase, type TestDatabase } from '@possier/prisma';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { describeEventStoreConformance } from '../conformance/index.js';
import { validateAppend } from '../validate-append.js';
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
  holdAppend: async (streamId, events) => {
    const batch = validateAppend(streamId, 'any', events);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT * FROM append_events($1::jsonb)', [
      JSON.stringify([
        {
          streamId,
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
