import { z } from 'zod';
import type { EventDefinition, Upcaster } from '../event-registry.js';
import { Uuid } from '../ids.js';
import { DEFAULT_TIME_ZONE, IsoDate, OffsetDateTime, TimeZone } from '../time.js';
import { Sha256Hex } from './audit-record.js';

/** The first 16 bytes of SHA-256 over the raw public key, in hex: a key's name and fingerprint. */
export const AuditKeyId = z.string().regex(/^[0-9a-f]{32}$/, { message: 'must be 32 lower-case hex digits' });

export const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, { message: 'must be base64url without padding' });

/** A position in the global log, as the store's opaque token (it sorts as text). */
export const SealedPosition = z.string().min(1).max(100);

export const auditDayStreamId = (storeId: string): string => `audit_day-${storeId}`;
export const auditKeyStreamId = (orgId: string): string => `audit_key-${orgId}`;

/**
 * The seal of one store's business date: the store's events whose sale time (`occurredAt`, the
 * ledger-corrected time for a replayed sale) falls on `businessDate` in `timeZone`, stored in the
 * global log after `afterPosition` up to and including `throughPosition`, have the Merkle root
 * `merkleRoot` over their chained hashes (in log order), and the org's key `keyId` signed that
 * (see seal-payloads.ts for the exact bytes). Seals themselves are not leaves: each is signed, and
 * chained along the `audit_day-<storeId>` stream.
 *
 * A date's first seal (`amendment` 0) starts at the beginning of the store's chained events; each
 * amendment (1, 2, …) covers only the events of the date stored after the seal before it, whose
 * root it names in `previousMerkleRoot`, and starts where that seal ended.
 */
export const DaySeal = z.object({
  storeId: Uuid,
  businessDate: IsoDate,
  /** The store's zone the business date was taken in, so a verifier can recompute it. */
  timeZone: TimeZone,
  closedAt: OffsetDateTime,
  /**
   * Exclusive. A date's first seal starts at the beginning of the log (null), or after the
   * store's last event stored before the chain existed; an amendment where the seal before it ended.
   */
  afterPosition: SealedPosition.nullable(),
  /** Inclusive: the last sealed event's position; equal to `afterPosition` when nothing was sealed. */
  throughPosition: SealedPosition.nullable(),
  eventCount: z.number().int().nonnegative(),
  merkleRoot: Sha256Hex,
  /** 0 for the date's close; 1, 2, … for each amendment after it. */
  amendment: z.number().int().nonnegative(),
  /** The root of the date's seal before this one; null for the close. */
  previousMerkleRoot: Sha256Hex.nullable(),
  keyId: AuditKeyId,
  /** Ed25519 over the seal's canonical payload, base64url. */
  signature: Base64Url,
});
export type DaySeal = z.infer<typeof DaySeal>;

/** A store's business date is closed and sealed (amendment 0). */
export const BusinessDayClosed = z.object({ type: z.literal('BusinessDayClosed'), data: DaySeal });
export type BusinessDayClosed = z.infer<typeof BusinessDayClosed>;

/**
 * Events of an already sealed date were stored after its seal (an offline till's replay, a
 * correction): they are sealed here, for that date, joined to the date's previous seal. They are
 * never folded into another date's seal.
 */
export const BusinessDayAmended = z.object({ type: z.literal('BusinessDayAmended'), data: DaySeal });
export type BusinessDayAmended = z.infer<typeof BusinessDayAmended>;

/** The event types that seal a store's date; an export carries them, no seal covers them. */
export const DAY_SEAL_TYPES: ReadonlyArray<string> = ['BusinessDayClosed', 'BusinessDayAmended'];

/**
 * Version 1 of BusinessDayClosed, before seals followed business dates: it sealed the store's
 * events recorded since the previous close (a log span, whatever their dates), seals included,
 * and `previousMerkleRoot` was the previous close's root. Kept so such seals still verify.
 */
export const DaySealV1 = z.object({
  storeId: Uuid,
  businessDate: IsoDate,
  closedAt: OffsetDateTime,
  afterPosition: SealedPosition.nullable(),
  throughPosition: SealedPosition.nullable(),
  eventCount: z.number().int().nonnegative(),
  merkleRoot: Sha256Hex,
  previousMerkleRoot: Sha256Hex.nullable(),
  keyId: AuditKeyId,
  signature: Base64Url,
});
export type DaySealV1 = z.infer<typeof DaySealV1>;

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

export type DaySealEvent = BusinessDayClosed | BusinessDayAmended;
export type AuditKeyEvent = AuditKeyRotated;

export const auditEventDefinitions: EventDefinition[] = [
  { schema: BusinessDayClosed, schemaVersion: 2 },
  { schema: BusinessDayAmended, schemaVersion: 1 },
  { schema: AuditKeyRotated, schemaVersion: 1 },
];

/**
 * A version 1 close read as version 2, so the stream still knows the date was sealed. Its zone was
 * not recorded (every store was on the default then); what it covered is still the span it names,
 * which the verifier checks by the version 1 rules from the stored bytes.
 */
export const auditEventUpcasters: Upcaster[] = [
  {
    type: 'BusinessDayClosed',
    fromVersion: 1,
    upcast: (data) => ({
      ...(data as object),
      timeZone: DEFAULT_TIME_ZONE,
      amendment: 0,
      previousMerkleRoot: null,
    }),
  },
];
