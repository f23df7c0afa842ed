import {
  openSqlEventStore,
  type PostgresEventStore,
  type SqlEventStoreOptions,
} from '../postgres/postgres-event-store.js';
import type { Listen } from '../postgres/notifier.js';
import { pglitePool, type PgliteSession } from './pglite-pool.js';

export type PgliteEventStoreOptions = Omit<SqlEventStoreOptions, 'poolSize'> & {
  /** An open, migrated database; the caller owns it and closes it after the store. */
  db: PgliteSession;
};

/** LISTEN in PGlite's one session: NOTIFY from its own commits reaches it. */
const pgliteListen =
  (db: PgliteSession): Listen =>
  async (channel, onNotify) => {
    const unlisten = await db.listen(channel, onNotify);
    return () => unlisten();
  };

/**
 * The embedded event store: the PostgreSQL adapter's SQL and logic over PGlite. One session means
 * one append transaction at a time, so group commit still batches, one group in flight; and no
 * transaction can commit behind a reader, so the log is commit-ordered by construction.
 */
export const openPgliteEventStore = (options: PgliteEventStoreOptions): Promise<PostgresEventStore> =>
  openSqlEventStore(
    { pool: pglitePool(options.db), listen: pgliteListen(options.db), close: async () => undefined },
    { ...options, poolSize: 1 },
  );
