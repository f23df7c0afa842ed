import type { AuditKeyRotated, DaySeal, DaySealV1 } from './audit.events.js';
import { utf8Bytes } from './bytes.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The exact bytes each audit signature covers: canonical JSON with a `purpose` naming what is
 * signed and its version, so a signature over one kind of payload can never pass for another.
 */

export const DAY_SEAL_PURPOSE = 'possier/audit/day-seal/v2';
export const DAY_SEAL_V1_PURPOSE = 'possier/audit/day-seal/v1';
export const KEY_ROTATION_PURPOSE = 'possier/audit/key-rotation/v1';

/**
 * A date's seal (a close or an amendment) signs everything in its data but the signature, and the
 * org. The amendment number is signed, so a close can never pass for an amendment or the reverse.
 */
export const daySealPayload = (orgId: string, seal: Omit<DaySeal, 'signature'>): Uint8Array =>
  utf8Bytes(
    canonicalJson({
      purpose: DAY_SEAL_PURPOSE,
      orgId,
      storeId: seal.storeId,
      businessDate: seal.businessDate,
      timeZone: seal.timeZone,
      closedAt: seal.closedAt,
      afterPosition: seal.afterPosition,
      throughPosition: seal.throughPosition,
      eventCount: seal.eventCount,
      merkleRoot: seal.merkleRoot,
      amendment: seal.amendment,
      previousMerkleRoot: seal.previousMerkleRoot,
      keyId: seal.keyId,
    }),
  );

/** What a version 1 close (a log span, see DaySealV1) signed. */
export const daySealV1Payload = (orgId: string, seal: Omit<DaySealV1, 'signature'>): Uint8Array =>
  utf8Bytes(
    canonicalJson({
      purpose: DAY_SEAL_V1_PURPOSE,
      orgId,
      storeId: seal.storeId,
      businessDate: seal.businessDate,
      closedAt: seal.closedAt,
      afterPosition: seal.afterPosition,
      throughPosition: seal.throughPosition,
      eventCount: seal.eventCount,
      merkleRoot: seal.merkleRoot,
      previousMerkleRoot: seal.previousMerkleRoot,
      keyId: seal.keyId,
    }),
  );

/** The previous key endorses the new one over everything in AuditKeyRotated but the endorsement. */
export const keyRotationPayload = (rotation: Omit<AuditKeyRotated['data'], 'endorsement'>): Uint8Array =>
  utf8Bytes(
    canonicalJson({
      purpose: KEY_ROTATION_PURPOSE,
      orgId: rotation.orgId,
      keyId: rotation.keyId,
      algorithm: rotation.algorithm,
      publicKey: rotation.publicKey,
      previousKeyId: rotation.previousKeyId,
      rotatedAt: rotation.rotatedAt,
    }),
  );
