import type { PGlite } from '@electric-sql/pglite';
import { openPgliteDatabase } from '@possier/prisma';
import { afterAll, beforeAll } from 'vitest';
import { describeEventStoreConformance } from '../conformance/index.js';
import { openPgliteEventStore } from './pglite-event-store.js';

let db: PGlite;
beforeAll(async () => {
  // In memory: the suite checks the adapter, not PGlite's files.
  ({ db } = await openPgliteDatabase(undefined));
}, 120_000);
afterAll(async () => {
  await db?.close();
});

// No holdAppend: PGlite is one session, so no append can stay open while a later one commits
// and the gap the test guards against cannot arise.
describeEventStoreConformance({
  name: 'PGlite',
  open: (options) => openPgliteEventStore({ db, ...options }),
});
