import type { AuditRecord, LogPosition } from '@possier/events';
import type pg from 'pg';
import { decodeLogPosition, encodeLogPosition } from '../postgres/log-position.js';
import { envelopeOfRow, type EventRow } from '../postgres/rows.js';

/**
 * The event store as the audit trail reads it: events exactly as stored (never upcast), with
 * `recordedAt` to the microsecond as it was hashed, the event's hash and the hash it is chained
 * to. Every read names the org, so one org can never read another's events here.
 */
export type AuditLog = {
  /** Every event of the org's stream of that name, in stream order; another org's stream of the same name is not it. */
  stream(orgId: string, streamId: string): Promise<AuditRecord[]>;
  /**
   * The store's events after `after` up to and including `through`, in global log order; with
   * `through` null, up to what every reader can see now. At most `limit`: page on by passing the
   * last record's `logPosition` as the next `after`.
   */
  storeSpan(span: StoreSpan & { limit: number }): Promise<AuditRecord[]>;
  countStoreSpan(span: StoreSpan): Promise<number>;
  /** The position of the span's last event, or null when it has none: where a paged read ends. */
  lastOfStoreSpan(span: StoreSpan): Promise<LogPosition | null>;
  /** The hashes a seal covers: the span's events (with `through` null, up to what every reader can see now). */
  storeSpanHashes(span: StoreSpan): Promise<SpanHash[]>;
  /** The store's newest event stored before the chain existed (no hash), where its first seal starts; usually none. */
  lastUnchained(orgId: string, storeId: string): Promise<LogPosition | null>;
  /**
   * Waits until every transaction that was running when it was called has ended, so that a read
   * below the oldest running transaction sees everything appended before the call. Gives up after
   * `timeoutMs` (a stuck writer elsewhere must not stall a day close forever) and says whether it
   * got there; reading then is still gap-free, it just sees less.
   */
  settle(timeoutMs: number): Promise<boolean>;
};

export type StoreSpan = {
  orgId: string;
  storeId: string;
  after: LogPosition | null;
  through: LogPosition | null;
  registerId?: string | undefined;
  /**
   * Only the events whose sale time (`occurredAt`) falls on a business date from `from` to `to`
   * in `timeZone`, seals left out: what a store's dates hold. Without it, every event of the store.
   */
  dates?: BusinessDates | undefined;
};

export type BusinessDates = { from: string; to: string; timeZone: string };

export type SpanHash = { logPosition: LogPosition; hash: string | null };

/** An event row as the audit reads it: `recorded_at` as the microsecond UTC text that was hashed. */
type AuditRow = Omit<EventRow, 'recorded_at'> & {
  recorded_at: string;
  hash: string | null;
  prev_hash: string | null;
};

// The predecessor's hash: zeros before a stream's first event or after an unchained (pre-chain)
// event, as append_events chains them; null when the predecessor row is gone. The predecessor is
// found in the same org: another org's stream of the same name is another chain.
const AUDIT_SELECT = `
  SELECT e.global_position, e.transaction_id::text AS transaction_id, e.event_id, e.stream_id, e.stream_position,
         e.type, e.schema_version, e.org_id, e.brand_id, e.store_id, e.register_id, e.actor_id, e.occurred_at,
         to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at,
         e.causation_id, e.correlation_id, e.data, encode(e.hash, 'hex') AS hash,
         CASE WHEN e.stream_position = 0 THEN repeat('0', 64)
              WHEN p.event_id IS NULL THEN NULL
              ELSE coalesce(encode(p.hash, 'hex'), repeat('0', 64)) END AS prev_hash
  FROM events e
  LEFT JOIN events p
    ON p.org_id = e.org_id AND p.stream_id = e.stream_id AND p.stream_position = e.stream_position - 1`;

const toRecord = (row: AuditRow): AuditRecord => ({
  ...envelopeOfRow(row, row.recorded_at),
  hash: row.hash,
  prevHash: row.prev_hash,
});

/**
 * The WHERE clause of a store span, numbered from `$1`; its parameters follow the same order.
 * Exported so that a test can check its plan.
 */
export const spanCondition = (span: StoreSpan): { sql: string; params: unknown[] } => {
  const params: unknown[] = [span.orgId, span.storeId];
  const conditions = ['e.org_id = $1::uuid', 'e.store_id = $2::uuid'];
  if (span.after !== null) {
    const after = decodeLogPosition(span.after);
    params.push(after.transactionId.toString(), after.globalPosition.toString());
    conditions.push(`(e.transaction_id, e.global_position) > ($${params.length - 1}::xid8, $${params.length}::bigint)`);
  }
  if (span.through !== null) {
    const through = decodeLogPosition(span.through);
    params.push(through.transactionId.toString(), through.globalPosition.toString());
    conditions.push(
      `(e.transaction_id, e.global_position) <= ($${params.length - 1}::xid8, $${params.length}::bigint)`,
    );
  } else {
    // As the global log is read: only what no running transaction can still add to.
    conditions.push('e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())');
  }
  if (span.registerId !== undefined) {
    params.push(span.registerId);
    conditions.push(`e.register_id = $${params.length}::uuid`);
  }
  if (span.dates !== undefined) {
    // The day's bounds are local midnights in the store's zone, so a date is a range of instants
    // (23 or 25 hours long across a daylight-saving change), the same the verifier recomputes.
    // `event_occurred_instant` is the expression the events_store_occurred index is built on
    // (20261206062004_events_occurred_index): spelt exactly so, the range is an index scan.
    params.push(span.dates.from, span.dates.to, span.dates.timeZone);
    const [from, to, zone] = [params.length - 2, params.length - 1, params.length];
    conditions.push(
      `event_occurred_instant(e.occurred_at) >= ($${from}::date::timestamp AT TIME ZONE $${zone})`,
      `event_occurred_instant(e.occurred_at) < (($${to}::date + 1)::timestamp AT TIME ZONE $${zone})`,
      `e.stream_id NOT LIKE 'audit\\_day-%'`,
    );
  }
  return { sql: conditions.join(' AND '), params };
};

export const postgresAuditLog = (pool: pg.Pool): AuditLog => ({
  stream: async (orgId, streamId) => {
    const { rows } = await pool.query<AuditRow>(
      `${AUDIT_SELECT} WHERE e.stream_id = $1 AND e.org_id = $2::uuid ORDER BY e.stream_position`,
      [streamId, orgId],
    );
    return rows.map(toRecord);
  },

  storeSpan: async (span) => {
    const { sql, params } = spanCondition(span);
    params.push(span.limit);
    const { rows } = await pool.query<AuditRow>(
      `${AUDIT_SELECT} WHERE ${sql} ORDER BY e.transaction_id, e.global_position LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  },

  countStoreSpan: async (span) => {
    const { sql, params } = spanCondition(span);
    const { rows } = await pool.query<{ count: string }>(`SELECT count(*) AS count FROM events e WHERE ${sql}`, params);
    return Number(rows[0]?.count ?? 0);
  },

  lastOfStoreSpan: async (span) => {
    const { sql, params } = spanCondition(span);
    const { rows } = await pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT e.transaction_id::text AS transaction_id, e.global_position FROM events e WHERE ${sql}
       ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
      params,
    );
    const row = rows[0];
    return row ? encodeLogPosition(BigInt(row.transaction_id), BigInt(row.global_position)) : null;
  },

  storeSpanHashes: async (span) => {
    const { sql, params } = spanCondition(span);
    const { rows } = await pool.query<{ transaction_id: string; global_position: string; hash: string | null }>(
      `SELECT e.transaction_id::text AS transaction_id, e.global_position, encode(e.hash, 'hex') AS hash
       FROM events e WHERE ${sql} ORDER BY e.transaction_id, e.global_position`,
      params,
    );
    return rows.map((row) => ({
      logPosition: encodeLogPosition(BigInt(row.transaction_id), BigInt(row.global_position)),
      hash: row.hash,
    }));
  },

  settle: async (timeoutMs) => {
    // A transaction id of our own marks the moment: every writer that started before has a lower
    // one. (The snapshot's xmax cannot: it is one past the newest *finished* transaction, so a
    // writer newer than that is running but not below it.) It costs one transaction id per call.
    const { rows } = await pool.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
    const mark = rows[0]?.xid as string;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows: settled } = await pool.query<{ settled: boolean }>(
        'SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS settled',
        [mark],
      );
      if (settled[0]?.settled) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  },

  lastUnchained: async (orgId, storeId) => {
    const { rows } = await pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text AS transaction_id, global_position FROM events
       WHERE store_id = $2::uuid AND org_id = $1::uuid AND hash IS NULL
       ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`,
      [orgId, storeId],
    );
    const row = rows[0];
    return row ? encodeLogPosition(BigInt(row.transaction_id), BigInt(row.global_position)) : null;
  },
});
