import { utcDateTime, zonedDateTime, type AuditHistoryEntry, type AuditRecord } from '@possier/events';

/** A stored event as an accountant reads it: as stored, its times in UTC and on the store's clock. */
export const historyEntry = (record: AuditRecord, timeZone: string): AuditHistoryEntry => ({
  eventId: record.eventId,
  type: record.type,
  schemaVersion: record.schemaVersion,
  streamId: record.streamId,
  streamPosition: record.streamPosition,
  globalPosition: record.globalPosition,
  logPosition: record.logPosition,
  brandId: record.brandId,
  storeId: record.storeId,
  registerId: record.registerId,
  actorId: record.actorId,
  occurredAt: record.occurredAt,
  occurredAtUtc: utcDateTime(record.occurredAt),
  occurredAtLocal: zonedDateTime(record.occurredAt, timeZone),
  recordedAt: record.recordedAt,
  recordedAtLocal: zonedDateTime(record.recordedAt, timeZone),
  causationId: record.causationId,
  correlationId: record.correlationId,
  data: record.data,
  hash: record.hash,
  prevHash: record.prevHash,
});
