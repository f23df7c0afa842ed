import type { AuditCrypto } from './audit-crypto.js';
import { ENVELOPE_FIELDS, type AuditRecord, type HashedEnvelope } from './audit-record.js';
import { concatBytes, fromHex, toHex, utf8Bytes } from './bytes.js';
import { canonicalJson } from './canonical-json.js';

/** What a stream's first event is chained to. */
export const ZERO_HASH = '0'.repeat(64);

/** The envelope as it is stored and hashed: uuids in lower case, as PostgreSQL prints them. */
export const storedEnvelope = (envelope: HashedEnvelope): HashedEnvelope => {
  const lower = (value: string | null): string | null => (value === null ? null : value.toLowerCase());
  return {
    eventId: envelope.eventId.toLowerCase(),
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
    streamId: envelope.streamId,
    orgId: envelope.orgId.toLowerCase(),
    brandId: lower(envelope.brandId),
    storeId: lower(envelope.storeId),
    registerId: lower(envelope.registerId),
    actorId: envelope.actorId.toLowerCase(),
    occurredAt: envelope.occurredAt,
    causationId: lower(envelope.causationId),
    correlationId: envelope.correlationId.toLowerCase(),
    data: envelope.data,
  };
};

/**
 * The canonical text of the envelope part, which the store receives from its adapter and hashes
 * as it is (migration 20261124205152_audit_hash_chain).
 */
export const canonicalEnvelope = (envelope: HashedEnvelope): string => canonicalJson(storedEnvelope(envelope));

/**
 * The message an event's hash covers: the canonical JSON of
 * `{ envelope: <the producer's envelope>, store: { globalPosition, recordedAt, streamPosition } }`.
 * Only what was stored goes in; the log position (transaction id) and anything upcast on read do not.
 */
export const hashedMessage = (record: Omit<AuditRecord, 'logPosition' | 'hash' | 'prevHash'>): string => {
  const envelope = Object.fromEntries(ENVELOPE_FIELDS.map((field) => [field, record[field]]));
  return canonicalJson({
    envelope,
    store: {
      globalPosition: record.globalPosition,
      recordedAt: record.recordedAt,
      streamPosition: record.streamPosition,
    },
  });
};

/** SHA-256(prevHash ‖ UTF-8 of the hashed message), in lower-case hex. */
export const eventHash = (
  prevHash: string,
  record: Omit<AuditRecord, 'logPosition' | 'hash' | 'prevHash'>,
  crypto: Pick<AuditCrypto, 'sha256'>,
): string => toHex(crypto.sha256(concatBytes(fromHex(prevHash), utf8Bytes(hashedMessage(record)))));
