import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@possier/prisma';
import { projections } from '@possier/read-models';
import { openPostgresEventStore, type PostgresEventStore } from '@possier/store';
import { batchOf } from '@possier/store/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildProjection, type RebuildProgress } from './rebuild.js';

let database: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createTestDatabase('possier_projector_rebuild');
  store = await openPostgresEventStore({ connectionString: database.url, poolSize: 3 });
});

afterAll(async () => {
  await store?.close();
  await database?.drop();
});

describe('rebuild progress', () => {
  it('ends at the head global position the store reported before the rebuild, the total a progress bar is drawn against', async () => {
    const orgId = randomUUID();
    for (let stream = 0; stream < 3; stream += 1) {
      const streamId = `test-${randomUUID()}`;
      await store.append({ orgId, streamId }, 'no_stream', batchOf(streamId, orgId, 4));
    }
    const total = await store.headGlobalPosition();
    const reported: RebuildProgress[] = [];

    const result = await rebuildProjection(store.pool, store, projections['stores']!, {
      onProgress: (progress) => reported.push(progress),
    });

    expect(result).toMatchObject({ events: 12, globalPosition: total });
    expect(reported.at(-1)).toEqual(result);
  });
});
