import type { AuditCrypto } from './audit-crypto.js';
import { BusinessDayClosed } from './audit.events.js';
import { fromBase64Url, fromHex, toHex } from './bytes.js';
import { describeEvent, eventFinding, type Finding, type RecordSummary } from './findings.js';
import { merkleRoot } from './merkle.js';
import { daySealPayload } from './seal-payloads.js';
import type { TrustedKeys } from './verify-keys.js';

export type SealRecord = RecordSummary & { data: unknown; orgId: string };

export type SealReport = {
  storeId: string;
  businessDate: string;
  eventCount: number;
  merkleRoot: string;
  keyId: string;
  ok: boolean;
};

/** Past this many leaf hashes the search for an inserted event gives up: it only sharpens a finding already made. */
const DIAGNOSIS_BUDGET = 4_000_000;

/** The first index of `sorted` (by log position) whose position lies after `position`. */
const firstAfter = (sorted: ReadonlyArray<RecordSummary>, position: string | null): number => {
  if (position === null) return 0;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as RecordSummary).logPosition <= position) low = middle + 1;
    else high = middle;
  }
  return low;
};

const rootOf = (leaves: ReadonlyArray<RecordSummary>, sha256: AuditCrypto['sha256']): string =>
  toHex(
    merkleRoot(
      leaves.map((leaf) => fromHex(leaf.hash ?? '')),
      sha256,
    ),
  );

/**
 * An event inserted with a well-formed hash can only sit at the end of its stream's events in the
 * span (anywhere else, the event after it would no longer chain). Tries leaving out each such
 * candidate: the one whose absence gives the sealed root is the intruder.
 */
const findInserted = (
  leaves: ReadonlyArray<RecordSummary>,
  sealedRoot: string,
  sha256: AuditCrypto['sha256'],
): RecordSummary | undefined => {
  const lastOfStream = new Map<string, RecordSummary>();
  for (const leaf of leaves) {
    const seen = lastOfStream.get(leaf.streamId);
    if (!seen || leaf.streamPosition > seen.streamPosition) lastOfStream.set(leaf.streamId, leaf);
  }
  if (lastOfStream.size * leaves.length > DIAGNOSIS_BUDGET) return undefined;
  return [...lastOfStream.values()].find(
    (candidate) =>
      rootOf(
        leaves.filter((leaf) => leaf !== candidate),
        sha256,
      ) === sealedRoot,
  );
};

/**
 * Checks every day seal of the export: the signature by a trusted key, the count and Merkle root
 * of the store's events in the sealed span (as the export holds them), and that each seal joins
 * the one before it. Returns which records lie inside a sealed span, so the rest can be reported
 * as not sealed yet.
 */
export const verifySeals = (
  seals: ReadonlyArray<SealRecord>,
  records: ReadonlyArray<RecordSummary>,
  trusted: TrustedKeys,
  crypto: AuditCrypto,
): { findings: Finding[]; reports: SealReport[]; sealedEventIds: Set<string> } => {
  const findings: Finding[] = [];
  const reports: SealReport[] = [];
  const sealedEventIds = new Set<string>();
  const byLog = [...records].sort((left, right) => (left.logPosition < right.logPosition ? -1 : 1));
  const previousOf = new Map<string, BusinessDayClosed['data'] & { record: SealRecord }>();

  for (const record of [...seals].sort((left, right) => left.streamPosition - right.streamPosition)) {
    const parsed = BusinessDayClosed.shape.data.safeParse(record.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      findings.push(eventFinding(record, 'SEAL.MALFORMED', `data.${issue?.path.join('.')}: ${issue?.message}`));
      continue;
    }
    const seal = parsed.data;
    const place = `seal of store ${seal.storeId} for ${seal.businessDate}, ${describeEvent(record)}`;
    const finding = (code: string, reason: string, blamed: RecordSummary = record): Finding => ({
      code,
      line: blamed.line,
      eventId: blamed.eventId,
      place: blamed === record ? place : `${describeEvent(blamed)}, sealed by the ${seal.businessDate} close`,
      reason,
    });
    const before = findings.length;

    const publicKey = trusted.publicKeys.get(seal.keyId);
    if (!publicKey) {
      findings.push(
        finding(
          trusted.known.has(seal.keyId) ? 'SEAL.UNTRUSTED_KEY' : 'SEAL.UNKNOWN_KEY',
          trusted.known.has(seal.keyId)
            ? `signed with key ${seal.keyId}, which no trusted key endorsed`
            : `signed with key ${seal.keyId}, which the export's key rotations do not hold`,
        ),
      );
    } else {
      let signature: Uint8Array | null = null;
      try {
        signature = fromBase64Url(seal.signature);
      } catch {
        signature = null;
      }
      const { signature: _signed, ...unsigned } = seal;
      if (!signature || !crypto.verifyEd25519(publicKey, daySealPayload(record.orgId, unsigned), signature)) {
        findings.push(finding('SEAL.BAD_SIGNATURE', `the signature is not key ${seal.keyId}'s over this seal`));
      }
    }

    const previous = previousOf.get(seal.storeId);
    if (
      previous &&
      (seal.previousMerkleRoot !== previous.merkleRoot || seal.afterPosition !== previous.throughPosition)
    ) {
      findings.push(
        finding(
          'SEAL.NOT_CONTIGUOUS',
          `does not start where the ${previous.businessDate} seal ended: a seal between them is missing or was altered`,
        ),
      );
    }
    previousOf.set(seal.storeId, { ...seal, record });

    const leaves =
      seal.throughPosition === null
        ? []
        : byLog
            .slice(firstAfter(byLog, seal.afterPosition), firstAfter(byLog, seal.throughPosition))
            .filter((leaf) => leaf.storeId === seal.storeId);
    for (const leaf of leaves) sealedEventIds.add(leaf.eventId);
    const unhashed = leaves.find((leaf) => leaf.hash === null);
    if (unhashed) {
      findings.push(finding('SEAL.UNHASHED_EVENT', 'an event in the sealed span has no hash', unhashed));
    } else if (leaves.length !== seal.eventCount) {
      const inserted =
        leaves.length === seal.eventCount + 1 ? findInserted(leaves, seal.merkleRoot, crypto.sha256) : undefined;
      findings.push(
        inserted
          ? finding(
              'SEAL.EVENT_INSERTED',
              `was not among the ${seal.eventCount} events sealed: without it the span has the sealed root`,
              inserted,
            )
          : finding(
              'SEAL.COUNT_MISMATCH',
              `seals ${seal.eventCount} events, but the export holds ${leaves.length} in its span: ${
                leaves.length < seal.eventCount ? 'events were removed' : 'events were inserted'
              }`,
            ),
      );
    } else if (rootOf(leaves, crypto.sha256) !== seal.merkleRoot) {
      findings.push(
        finding(
          'SEAL.ROOT_MISMATCH',
          `the ${leaves.length} events of the span do not have the sealed Merkle root: an event was changed, replaced or moved`,
        ),
      );
    }
    reports.push({
      storeId: seal.storeId,
      businessDate: seal.businessDate,
      eventCount: seal.eventCount,
      merkleRoot: seal.merkleRoot,
      keyId: seal.keyId,
      ok: findings.length === before,
    });
  }
  return { findings, reports, sealedEventIds };
};
