import type { CheckpointStatus, ReadSideStatus } from '@possier/events';
import { decodeLogPosition, encodeLogPosition } from '@possier/store';
import type pg from 'pg';

/** How far back `behind` counts before it says "at least": a count is a scan, and status must stay cheap. */
export const BEHIND_CAP = 1_000_000;

type CheckpointRow = { kind: 'projector' | 'relay'; name: string; log_position: string; updated_at: Date };
type EventTime = { recorded_at: Date; age_ms: string };

/**
 * Each projector checkpoint and relay checkpoint against the log's head: position, events still
 * to go, and the age of the last event applied. Ages are measured by the database's clock
 * (`now()`), the one that stamped `recorded_at`, so a skewed client clock cannot distort them.
 * `possier status` reads it straight from the database, `GET /v1/ops/status` over HTTP.
 */
export const readStatus = async (pool: pg.Pool): Promise<ReadSideStatus> => {
  const { rows: heads } = await pool.query<EventTime & { transaction_id: string; global_position: string }>(
    `SELECT transaction_id::text, global_position::text, recorded_at,
            (extract(epoch FROM now() - recorded_at) * 1000)::bigint::text AS age_ms
       FROM events ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`,
  );
  const newest = heads[0];
  const head = newest
    ? {
        position: encodeLogPosition(BigInt(newest.transaction_id), BigInt(newest.global_position)),
        recordedAt: newest.recorded_at.toISOString(),
        ageMs: Number(newest.age_ms),
      }
    : null;
  const { rows } = await pool.query<CheckpointRow>(
    `SELECT 'projector' AS kind, projection AS name, log_position, updated_at FROM projector_checkpoints
     UNION ALL
     SELECT 'relay', relay, log_position, updated_at FROM relay_checkpoints
     ORDER BY kind, name`,
  );
  const checkpoints = await Promise.all(
    rows.map(async (row): Promise<CheckpointStatus> => {
      const { transactionId, globalPosition } = decodeLogPosition(row.log_position);
      const [{ rows: applied }, { rows: counted }] = await Promise.all([
        pool.query<EventTime>(
          `SELECT recorded_at, (extract(epoch FROM now() - recorded_at) * 1000)::bigint::text AS age_ms
             FROM events WHERE global_position = $1`,
          [globalPosition.toString()],
        ),
        pool.query<{ behind: string }>(
          `SELECT count(*)::text AS behind FROM (
             SELECT 1 FROM events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) LIMIT $3
           ) after_checkpoint`,
          [transactionId.toString(), globalPosition.toString(), BEHIND_CAP],
        ),
      ]);
      const last = applied[0];
      const behind = Number(counted[0]?.behind ?? 0);
      return {
        kind: row.kind,
        name: row.name,
        position: row.log_position,
        behind,
        behindCapped: behind >= BEHIND_CAP,
        caughtUp: behind === 0,
        lastRecordedAt: last ? last.recorded_at.toISOString() : null,
        lastAgeMs: last ? Number(last.age_ms) : null,
        lagMs: last && newest ? newest.recorded_at.getTime() - last.recorded_at.getTime() : null,
        updatedAt: row.updated_at.toISOString(),
      };
    }),
  );
  return { head, checkpoints };
};
