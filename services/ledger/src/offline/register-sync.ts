import type { RegisterSyncRow, ReplayRequest } from '@possier/events';
import type pg from 'pg';
import { asTenant } from '../tenant-transaction.js';

/** What a register reports of its outbox with a replayed batch. */
export type OutboxReport = NonNullable<ReplayRequest['outbox']>;

/** Where the ledger keeps what each register last said of its outbox, for operators. */
export interface RegisterSyncLog {
  record(entry: {
    orgId: string;
    storeId: string;
    registerId: string;
    batchId: string;
    outbox: OutboxReport;
  }): Promise<void>;
  list(orgId: string, storeIds: ReadonlyArray<string>): Promise<RegisterSyncRow[]>;
}

/**
 * `register_sync` under row-level security: every statement runs as `possier_app` with the
 * tenant set, in its own transaction, like the reports.
 */
export const postgresRegisterSyncLog = (pool: pg.Pool): RegisterSyncLog => {
  return {
    record: ({ orgId, storeId, registerId, batchId, outbox }) =>
      asTenant(pool, orgId, async (client) => {
        await client.query(
          `INSERT INTO register_sync (org_id, register_id, store_id, last_replay_at, last_batch_id, queued_events, oldest_queued_at)
           VALUES ($1, $2, $3, now(), $4, $5, $6)
           ON CONFLICT (org_id, register_id) DO UPDATE SET store_id = EXCLUDED.store_id,
             last_replay_at = EXCLUDED.last_replay_at, last_batch_id = EXCLUDED.last_batch_id,
             queued_events = EXCLUDED.queued_events, oldest_queued_at = EXCLUDED.oldest_queued_at`,
          [orgId, registerId, storeId, batchId, outbox.queuedEvents, outbox.oldestQueuedAt],
        );
      }),
    list: (orgId, storeIds) =>
      asTenant(pool, orgId, async (client) => {
        const { rows } = await client.query<{
          register_id: string;
          store_id: string;
          last_replay_at: Date;
          queued_events: number;
          oldest_queued_at: Date | null;
        }>(
          `SELECT register_id, store_id, last_replay_at, queued_events, oldest_queued_at FROM register_sync
           WHERE store_id = ANY($1::uuid[]) ORDER BY store_id, register_id`,
          [storeIds],
        );
        return rows.map((row) => ({
          registerId: row.register_id,
          storeId: row.store_id,
          lastReplayAt: row.last_replay_at.toISOString(),
          queuedEvents: row.queued_events,
          oldestQueuedAt: row.oldest_queued_at?.toISOString() ?? null,
        }));
      }),
  };
};
