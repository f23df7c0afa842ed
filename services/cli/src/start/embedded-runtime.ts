import { join } from 'node:path';
import { postgresCheck } from '@possier/ledger';
import { openPgliteDatabase } from '@possier/prisma';
import { createPglitePrismaClient } from '@possier/prisma/client';
import { runInProcessProjector } from '@possier/projector';
import { projections } from '@possier/read-models';
import { openPgliteEventStore, pglitePool } from '@possier/store';
import type { Logger } from 'pino';
import type { Runtime } from './runtime.js';

/**
 * PGlite in `dataDir/pgdata` as event store and read-model database, migrated like PostgreSQL,
 * and the projector fed from the store's global-log subscription instead of NATS.
 */
export const openEmbeddedRuntime = async (dataDir: string, logger: Logger): Promise<Runtime> => {
  const location = join(dataDir, 'pgdata');
  const { db, migrations } = await openPgliteDatabase(location);
  logger.info({ applied: migrations.applied.length, alreadyApplied: migrations.alreadyApplied.length }, 'migrated');
  const store = await openPgliteEventStore({ db, onError: (err) => logger.error({ err }, 'event store') });
  const pool = pglitePool(db);
  return {
    mode: 'embedded',
    store,
    readModels: pool,
    reportsPrisma: createPglitePrismaClient(db),
    readiness: [postgresCheck(pool)],
    // The projector is fed in-process from the store: nothing here can lose a connection.
    services: [],
    location,
    runReadSide: (signal) =>
      runInProcessProjector(
        { pool, store, projections: Object.values(projections), logger: logger.child({ service: 'projector' }) },
        signal,
      ),
    close: async () => {
      await store.close();
      await db.close();
    },
  };
};
