import type { AuditCrypto } from './audit-crypto.js';
import { AuditKeyRotated } from './audit.events.js';
import { auditKeyIdOf } from './audit-keys.js';
import { fromBase64Url } from './bytes.js';
import { eventFinding, type Finding, type RecordSummary } from './findings.js';
import { keyRotationPayload } from './seal-payloads.js';

export type KeyRecord = RecordSummary & { data: unknown };

export type TrustedKeys = {
  /** Keys a seal may be signed with: the anchor and every key it endorsed, directly or not. */
  publicKeys: Map<string, Uint8Array>;
  /** The key trust starts from, and whether the person verifying named it (else: the export's first key). */
  anchor: { keyId: string; pinned: boolean } | null;
  /** Every well-formed key of the export, trusted or not, so a seal by an untrusted key is named as such. */
  known: Set<string>;
};

const decodeOrNull = (text: string | null): Uint8Array | null => {
  if (text === null) return null;
  try {
    return fromBase64Url(text);
  } catch {
    return null;
  }
};

/**
 * Walks the org's key rotations in stream order. Each key must match its fingerprint, name the key
 * before it, and (after the first) carry that key's signature over it. Trust starts at the first
 * key named in `pinned` (by key id or base64url public key), or at the export's first key when
 * none is named, and passes only along valid endorsements.
 */
export const verifyKeyChain = (
  keys: ReadonlyArray<KeyRecord>,
  pinned: ReadonlyArray<string>,
  crypto: AuditCrypto,
): { trusted: TrustedKeys; findings: Finding[] } => {
  const findings: Finding[] = [];
  const trusted: TrustedKeys = { publicKeys: new Map(), anchor: null, known: new Set() };
  let previous: { keyId: string; publicKey: Uint8Array; trusted: boolean } | null = null;
  for (const record of [...keys].sort((left, right) => left.streamPosition - right.streamPosition)) {
    const parsed = AuditKeyRotated.shape.data.safeParse(record.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      findings.push(eventFinding(record, 'KEY.MALFORMED', `data.${issue?.path.join('.')}: ${issue?.message}`));
      previous = null;
      continue;
    }
    const rotation = parsed.data;
    const publicKey = decodeOrNull(rotation.publicKey);
    if (publicKey?.length !== 32 || auditKeyIdOf(publicKey, crypto) !== rotation.keyId) {
      findings.push(
        eventFinding(record, 'KEY.FINGERPRINT_MISMATCH', `key id ${rotation.keyId} is not its public key's`),
      );
      previous = null;
      continue;
    }
    trusted.known.add(rotation.keyId);
    let endorsed = false;
    if (rotation.previousKeyId !== (previous?.keyId ?? null)) {
      findings.push(
        eventFinding(
          record,
          'KEY.CHAIN_BROKEN',
          `names ${rotation.previousKeyId ?? 'no key'} as the key before it, but the key before it is ${previous?.keyId ?? 'none'}`,
        ),
      );
    } else if (previous) {
      const endorsement = decodeOrNull(rotation.endorsement);
      endorsed =
        endorsement !== null && crypto.verifyEd25519(previous.publicKey, keyRotationPayload(rotation), endorsement);
      if (!endorsed) {
        findings.push(
          eventFinding(record, 'KEY.BAD_ENDORSEMENT', `key ${previous.keyId} did not sign this key into place`),
        );
      }
    }
    const isPinned = pinned.includes(rotation.keyId) || pinned.includes(rotation.publicKey);
    let isTrusted = false;
    if (trusted.anchor === null && (isPinned || (pinned.length === 0 && previous === null))) {
      trusted.anchor = { keyId: rotation.keyId, pinned: isPinned };
      isTrusted = true;
    } else if (endorsed && previous?.trusted) {
      isTrusted = true;
    }
    if (isTrusted) trusted.publicKeys.set(rotation.keyId, publicKey);
    previous = { keyId: rotation.keyId, publicKey, trusted: isTrusted };
  }
  if (pinned.length > 0 && trusted.anchor === null) {
    findings.push({
      code: 'KEY.UNTRUSTED',
      line: null,
      eventId: null,
      place: 'the org’s audit keys',
      reason: `none of the export's keys is the key you trust (${pinned.join(', ')})`,
    });
  }
  return { trusted, findings };
};
