import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { Uuid } from '../ids.js';
import { IsoDate, OffsetDateTime } from '../time.js';
import { Sha256Hex } from './audit-record.js';

/** The first 16 bytes of SHA-256 over the raw public key, in hex: a key's name and fingerprint. */
export const AuditKeyId = z.string().regex(/^[0-9a-f]{32}$/, { message: 'must be 32 lower-case hex digits' });

export const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, { message: 'must be base64url without padding' });

/** A position in the global log, as the store's opaque token (it sorts as text). */
export const SealedPosition = z.string().min(1).max(100);

export const auditDayStreamId = (storeId: string): string => `audit_day-${storeId}`;
export const auditKeyStreamId = (orgId: string): string => `audit_key-${orgId}`;

/**
 * A store's business day is closed and sealed: the store's events in the global log after
 * `afterPosition` up to and including `throughPosition` (the day's span, in global order) have
 * the Merkle root `merkleRoot` over their chained hashes, and the org's key `keyId` signed that
 * (see day-seal.ts for the exact bytes). `previousMerkleRoot` links each seal to the one before,
 * so a seal that went missing is noticed too.
 *
 * The span is "since the last close", not a calendar date: a sale replayed from an offline
 * register after the close it happened before is sealed by the next close, and its occurredAt
 * still says when it happened.
 */
export const BusinessDayClosed = z.object({
  type: z.literal('BusinessDayClosed'),
  data: z.object({
    storeId: Uuid,
    businessDate: IsoDate,
    closedAt: OffsetDateTime,
    /**
     * Exclusive. A store's first span starts at the beginning of the log (null), or after the
     * store's last event stored before the chain existed; every later one where the last ended.
     */
    afterPosition: SealedPosition.nullable(),
    /** Inclusive; equal to `afterPosition` when nothing was recorded in the span. */
    throughPosition: SealedPosition.nullable(),
    eventCount: z.number().int().nonnegative(),
    merkleRoot: Sha256Hex,
    previousMerkleRoot: Sha256Hex.nullable(),
    keyId: AuditKeyId,
    /** Ed25519 over the seal's canonical payload, base64url. */
    signature: Base64Url,
  }),
});
export type BusinessDayClosed = z.infer<typeof BusinessDayClosed>;

/**
 * The org's audit signing key changed. The public key is in the log, so every export carries the
 * keys its seals were signed with; the private key never is (docs/audit.md, "Keys"). A key after
 * the first is endorsed: the previous key signed it, so the keys form one chain from the key an
 * accountant pinned.
 */
export const AuditKeyRotated = z.object({
  type: z.literal('AuditKeyRotated'),
  data: z.object({
    orgId: Uuid,
    keyId: AuditKeyId,
    algorithm: z.literal('Ed25519'),
    /** The raw 32-byte Ed25519 public key, base64url. */
    publicKey: Base64Url,
    previousKeyId: AuditKeyId.nullable(),
    rotatedAt: OffsetDateTime,
    /** The previous key's Ed25519 signature over the rotation payload; null for the first key. */
    endorsement: Base64Url.nullable(),
  }),
});
export type AuditKeyRotated = z.infer<typeof AuditKeyRotated>;

export type DaySealEvent = BusinessDayClosed;
export type AuditKeyEvent = AuditKeyRotated;

export const auditEventDefinitions: EventDefinition[] = [
  { schema: BusinessDayClosed, schemaVersion: 1 },
  { schema: AuditKeyRotated, schemaVersion: 1 },
];
