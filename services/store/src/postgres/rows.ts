import type { StoredEvent } from '@possier/events';
import type { Upcast } from '../upcast.js';
import { encodeLogPosition } from './log-position.js';

export const EVENT_COLUMNS = `global_position, transaction_id::text AS transaction_id, event_id, stream_id, stream_position,
  type, schema_version, org_id, brand_id, store_id, register_id, actor_id, occurred_at, recorded_at, causation_id,
  correlation_id, data`;

export type EventRow = {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_position: string;
  type: string;
  schema_version: number;
  org_id: string;
  brand_id: string | null;
  store_id: string | null;
  register_id: string | null;
  actor_id: string;
  occurred_at: string;
  recorded_at: Date;
  causation_id: string | null;
  correlation_id: string;
  data: unknown;
};

/**
 * A row as the stored event it holds, exactly as stored: the one mapping of columns to the
 * envelope and the store's positions, for readers (upcast after) and the audit trail (never
 * upcast, `recordedAt` to the microsecond as it was hashed) alike.
 */
export const envelopeOfRow = (row: Omit<EventRow, 'recorded_at'>, recordedAt: string): StoredEvent => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  streamId: row.stream_id,
  orgId: row.org_id,
  brandId: row.brand_id,
  storeId: row.store_id,
  registerId: row.register_id,
  actorId: row.actor_id,
  occurredAt: row.occurred_at,
  recordedAt,
  causationId: row.causation_id,
  correlationId: row.correlation_id,
  data: row.data,
  streamPosition: Number(row.stream_position),
  globalPosition: Number(row.global_position),
  logPosition: encodeLogPosition(BigInt(row.transaction_id), BigInt(row.global_position)),
});

export const toStoredEvent = (row: EventRow, upcast: Upcast): StoredEvent =>
  upcast(envelopeOfRow(row, row.recorded_at.toISOString()));
