import { z } from 'zod';

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 hash in lower-case hex' });

/**
 * A stored event as the audit trail carries it: the envelope exactly as stored (never upcast),
 * what the store assigned, the event's chained hash and its stream predecessor's.
 *
 * Fields are read loosely (a string is a string) on purpose: a verifier must be able to name a
 * tampered record, not fail to parse it.
 */
export const AuditRecord = z.object({
  eventId: z.string(),
  type: z.string(),
  schemaVersion: z.number(),
  streamId: z.string(),
  orgId: z.string(),
  brandId: z.string().nullable(),
  storeId: z.string().nullable(),
  registerId: z.string().nullable(),
  actorId: z.string(),
  occurredAt: z.string(),
  causationId: z.string().nullable(),
  correlationId: z.string(),
  data: z.unknown(),
  streamPosition: z.number(),
  globalPosition: z.number(),
  /** UTC to the microsecond, exactly as hashed: `2026-11-24T07:35:00.123456Z`. */
  recordedAt: z.string(),
  /** Where the event stands in the global log (an opaque token that sorts as text). */
  logPosition: z.string(),
  /** Null only for an event stored before the chain existed. */
  hash: Sha256Hex.nullable(),
  /**
   * The hash this event was chained to: its stream predecessor's (all zeros for a stream's first
   * event). Null when the predecessor is missing from the store, which is itself a finding.
   */
  prevHash: Sha256Hex.nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** The fields a producer supplies, in the envelope part of the hashed message. */
export const ENVELOPE_FIELDS = [
  'eventId',
  'type',
  'schemaVersion',
  'streamId',
  'orgId',
  'brandId',
  'storeId',
  'registerId',
  'actorId',
  'occurredAt',
  'causationId',
  'correlationId',
  'data',
] as const;

export type HashedEnvelope = Pick<AuditRecord, (typeof ENVELOPE_FIELDS)[number]>;
