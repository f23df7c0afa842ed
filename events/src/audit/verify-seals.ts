import { localDateAndHour } from '../time.js';
import type { AuditCrypto } from './audit-crypto.js';
import { DaySeal, DaySealV1 } from './audit.events.js';
import { fromBase64Url, fromHex, toHex } from './bytes.js';
import { describeEvent, type Finding, type RecordSummary } from './findings.js';
import { merkleRoot } from './merkle.js';
import { daySealPayload, daySealV1Payload } from './seal-payloads.js';
import type { TrustedKeys } from './verify-keys.js';

export type SealRecord = RecordSummary & { data: unknown; orgId: string; schemaVersion: number };

export type SealReport = {
  storeId: string;
  businessDate: string;
  /** 0 for the date's close, 1, 2, … for its amendments. */
  amendment: number;
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

/** Events of `sorted` after `afterPosition` up to and including `throughPosition`. */
const inSpan = (
  sorted: ReadonlyArray<RecordSummary>,
  afterPosition: string | null,
  throughPosition: string | null,
): RecordSummary[] =>
  throughPosition === null ? [] : sorted.slice(firstAfter(sorted, afterPosition), firstAfter(sorted, throughPosition));

const rootOf = (leaves: ReadonlyArray<RecordSummary>, sha256: AuditCrypto['sha256']): string =>
  toHex(
    merkleRoot(
      leaves.map((leaf) => fromHex(leaf.hash ?? '')),
      sha256,
    ),
  );

/**
 * An event inserted with a well-formed hash can only sit at the end of its stream's events in the
 * seal (anywhere else, the event after it would no longer chain). Tries leaving out each such
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

/** The business date of a sale time in a zone; null for a time that is no time (a tampered record). */
export const businessDateOf = (occurredAt: string, timeZone: string): string | null => {
  try {
    return localDateAndHour(occurredAt, timeZone).date;
  } catch {
    return null;
  }
};

/**
 * The store events a date seal may cover, grouped by store, zone and business date, each group in
 * log order. Seals are not leaves. Computed once per zone, however many seals there are.
 */
const dateGroups = (records: ReadonlyArray<RecordSummary>, isSeal: (record: RecordSummary) => boolean) => {
  const byLog = [...records].sort((left, right) => (left.logPosition < right.logPosition ? -1 : 1));
  const zones = new Map<string, Map<string, RecordSummary[]>>();
  return (storeId: string, timeZone: string, businessDate: string): RecordSummary[] => {
    let groups = zones.get(timeZone);
    if (!groups) {
      groups = new Map();
      for (const record of byLog) {
        if (record.storeId === null || isSeal(record)) continue;
        const key = `${record.storeId} ${businessDateOf(record.occurredAt, timeZone)}`;
        const group = groups.get(key) ?? [];
        group.push(record);
        groups.set(key, group);
      }
      zones.set(timeZone, groups);
    }
    return groups.get(`${storeId} ${businessDate}`) ?? [];
  };
};

type ParsedSeal = {
  version: 1 | 2;
  storeId: string;
  businessDate: string;
  amendment: number;
  afterPosition: string | null;
  throughPosition: string | null;
  eventCount: number;
  merkleRoot: string;
  previousMerkleRoot: string | null;
  keyId: string;
  signature: string;
  payload: Uint8Array;
  timeZone: string | null;
};

const parseSeal = (record: SealRecord): ParsedSeal | { issue: string } => {
  if (record.type === 'BusinessDayClosed' && record.schemaVersion === 1) {
    const parsed = DaySealV1.safeParse(record.data);
    if (!parsed.success) return { issue: issueOf(parsed.error.issues[0]) };
    const { signature, ...unsigned } = parsed.data;
    return {
      ...parsed.data,
      version: 1,
      amendment: 0,
      timeZone: null,
      signature,
      payload: daySealV1Payload(record.orgId, unsigned),
    };
  }
  const parsed = DaySeal.safeParse(record.data);
  if (!parsed.success) return { issue: issueOf(parsed.error.issues[0]) };
  const { signature, ...unsigned } = parsed.data;
  const kindIssue =
    (record.type === 'BusinessDayClosed') !== (parsed.data.amendment === 0)
      ? `data.amendment: ${parsed.data.amendment} for a ${record.type}`
      : null;
  if (kindIssue) return { issue: kindIssue };
  return { ...parsed.data, version: 2, signature, payload: daySealPayload(record.orgId, unsigned) };
};

const issueOf = (issue: { path: PropertyKey[]; message: string } | undefined): string =>
  `data.${issue?.path.map(String).join('.')}: ${issue?.message}`;

/** `seal of store … for 2026-11-24` or `amendment 1 of store …'s 2026-11-24`, with the event. */
const sealPlace = (seal: Pick<ParsedSeal, 'storeId' | 'businessDate' | 'amendment'>, record: RecordSummary) =>
  `${seal.amendment === 0 ? 'seal' : `amendment ${seal.amendment}`} of store ${seal.storeId} for ${seal.businessDate}, ${describeEvent(record)}`;

/**
 * Checks every seal of the export: the signature by a trusted key; the count and Merkle root of the
 * events it covers, as the export holds them (for a date seal: the store's events of that business
 * date in its span; for a version 1 close: every store event in its span); and that each amendment
 * joins the date's seal before it. Returns which records some seal covers, so the rest can be
 * reported as not sealed (yet).
 */
export const verifySeals = (
  seals: ReadonlyArray<SealRecord>,
  records: ReadonlyArray<RecordSummary>,
  trusted: TrustedKeys,
  crypto: AuditCrypto,
  isSeal: (record: RecordSummary) => boolean,
): { findings: Finding[]; reports: SealReport[]; sealedEventIds: Set<string> } => {
  const findings: Finding[] = [];
  const reports: SealReport[] = [];
  const sealedEventIds = new Set<string>();
  const byLog = [...records].sort((left, right) => (left.logPosition < right.logPosition ? -1 : 1));
  const eventsOfDate = dateGroups(records, isSeal);
  const previousV1 = new Map<string, ParsedSeal>();
  const parsedSeals = new Map<string, { seal: ParsedSeal; record: SealRecord }>();

  // A store's seals are one stream: in stream order, each amendment comes after the seal it joins.
  const ordered = [...seals].sort((left, right) =>
    left.streamId === right.streamId
      ? left.streamPosition - right.streamPosition
      : left.streamId < right.streamId
        ? -1
        : 1,
  );
  for (const record of ordered) {
    const seal = parseSeal(record);
    if ('issue' in seal) {
      findings.push({
        code: 'SEAL.MALFORMED',
        line: record.line,
        eventId: record.eventId,
        place: describeEvent(record),
        reason: seal.issue,
      });
      continue;
    }
    const place = sealPlace(seal, record);
    const finding = (code: string, reason: string, blamed: RecordSummary = record): Finding => ({
      code,
      line: blamed.line,
      eventId: blamed.eventId,
      place: blamed === record ? place : `${describeEvent(blamed)}, sealed by the ${place}`,
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
      if (!signature || !crypto.verifyEd25519(publicKey, seal.payload, signature)) {
        findings.push(finding('SEAL.BAD_SIGNATURE', `the signature is not key ${seal.keyId}'s over this seal`));
      }
    }

    let leaves: RecordSummary[];
    if (seal.version === 1) {
      const previous = previousV1.get(seal.storeId);
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
      previousV1.set(seal.storeId, seal);
      leaves = inSpan(byLog, seal.afterPosition, seal.throughPosition).filter((leaf) => leaf.storeId === seal.storeId);
    } else {
      const dateKey = (amendment: number) => `${seal.storeId} ${seal.businessDate} ${amendment}`;
      if (parsedSeals.has(dateKey(seal.amendment))) {
        findings.push(finding('SEAL.DUPLICATE', `the export holds two seals numbered ${seal.amendment} for this date`));
      }
      parsedSeals.set(dateKey(seal.amendment), { seal, record });
      if (seal.amendment > 0) {
        const previous = parsedSeals.get(dateKey(seal.amendment - 1));
        if (!previous) {
          findings.push(
            finding(
              'SEAL.PREVIOUS_MISSING',
              `amends seal ${seal.amendment - 1} of ${seal.businessDate}, which the export does not hold`,
            ),
          );
        } else if (
          seal.previousMerkleRoot !== previous.seal.merkleRoot ||
          seal.afterPosition !== previous.seal.throughPosition
        ) {
          findings.push(
            finding(
              'SEAL.NOT_CONTIGUOUS',
              `does not join ${sealPlace(previous.seal, previous.record)}: it was altered, or a seal between them is missing`,
            ),
          );
        }
      }
      leaves = inSpan(
        eventsOfDate(seal.storeId, seal.timeZone as string, seal.businessDate),
        seal.afterPosition,
        seal.throughPosition,
      );
    }
    for (const leaf of leaves) sealedEventIds.add(leaf.eventId);
    const unhashed = leaves.find((leaf) => leaf.hash === null);
    const what = seal.version === 1 ? 'span' : 'date';
    if (unhashed) {
      findings.push(finding('SEAL.UNHASHED_EVENT', `an event of the sealed ${what} has no hash`, unhashed));
    } else if (leaves.length !== seal.eventCount) {
      const inserted =
        leaves.length === seal.eventCount + 1 ? findInserted(leaves, seal.merkleRoot, crypto.sha256) : undefined;
      findings.push(
        inserted
          ? finding(
              'SEAL.EVENT_INSERTED',
              `was not among the ${seal.eventCount} events sealed: without it the ${what} has the sealed root`,
              inserted,
            )
          : finding(
              'SEAL.COUNT_MISMATCH',
              `seals ${seal.eventCount} events, but the export holds ${leaves.length} of its ${what}: ${
                leaves.length < seal.eventCount ? 'events were removed' : 'events were inserted'
              }`,
            ),
      );
    } else if (rootOf(leaves, crypto.sha256) !== seal.merkleRoot) {
      findings.push(
        finding(
          'SEAL.ROOT_MISMATCH',
          `the ${leaves.length} events of the ${what} do not have the sealed Merkle root: an event was changed, replaced or moved`,
        ),
      );
    }
    reports.push({
      storeId: seal.storeId,
      businessDate: seal.businessDate,
      amendment: seal.amendment,
      eventCount: seal.eventCount,
      merkleRoot: seal.merkleRoot,
      keyId: seal.keyId,
      ok: findings.length === before,
    });
  }
  return { findings, reports, sealedEventIds };
};
