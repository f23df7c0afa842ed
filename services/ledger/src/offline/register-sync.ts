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
    /** Absent from a batch that did not say; what the register said before is kept. */
    outbox: OutboxReport | undefined;
    clockSkewMs: number | undefined;
  }): Promise<void>;
  list(orgId: string, storeIds: ReadonlyArray<string>): Promise<RegisterSyncRow[]>;
}

/**
 * `register_sync` under row-level security: every statement runs as `possier_app` with the
 * tenant set, in its own transaction, like the reports.
 */
export const postgresRegisterSyncLog = (pool: pg.Pool): RegisterSyncLog => {
  return {
    record: ({ orgId, storeId, registerId, batchId, outbox, clockSkewMs }) =>
      asTenant(pool, orgId, async (client) => {
        await client.query(
          `INSERT INTO register_sync (org_id, register_id, store_id, last_replay_at, last_batch_id, queued_events,
             oldest_queued_at, clock_skew_ms)
           VALUES ($1, $2, $3, now(), $4, COALESCE($5, 0), $6, $7)
           ON CONFLICT (org_id, register_id) DO UPDATE SET store_id = EXCLUDED.store_id,
             last_replay_at = EXCLUDED.last_replay_at, last_batch_id = EXCLUDED.last_batch_id,
             queued_events = COALESCE($5, register_sync.queued_events),
             oldest_queued_at = CASE WHEN $8 THEN EXCLUDED.oldest_queued_at ELSE register_sync.oldest_queued_at END,
             clock_skew_ms = COALESCE(EXCLUDED.clock_skew_ms, register_sync.clock_skew_ms)`,
          [
            orgId,
            registerId,
            storeId,
            batchId,
            outbox?.queuedEvents ?? null,
            outbox?.oldestQueuedAt ?? null,
            clockSkewMs === undefined ? null : Math.round(clockSkewMs),
            outbox !== undefined,
          ],
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
          clock_skew_ms: string | null; // bigint: pg reads int8 as text
        }>(
          `SELECT register_id, store_id, last_replay_at, queued_events, oldest_queued_at, clock_skew_ms FROM register_sync
           WHERE store_id = ANY($1::uuid[]) ORDER BY store_id, register_id`,
          [storeIds],
        );
        return rows.map((row) => ({
          registerId: row.register_id,
          storeId: row.store_id,
          lastReplayAt: row.last_replay_at.toISOString(),
          queuedEvents: row.queued_events,
          oldestQueuedAt: row.oldest_queued_at?.toISOString() ?? null,
          clockSkewMs: row.clock_skew_ms === null ? null : Number(row.clock_skew_ms),
        }));
      }),
  };
};
