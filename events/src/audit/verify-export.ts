import type { AuditCrypto } from './audit-crypto.js';
import { AuditExportHeader } from './audit-export.js';
import { AuditRecord } from './audit-record.js';
import { DAY_SEAL_TYPES } from './audit.events.js';
import { eventHash, ZERO_HASH } from './event-hash.js';
import { describeEvent, eventFinding, type Finding, type RecordSummary } from './findings.js';
import { verifyKeyChain, type KeyRecord } from './verify-keys.js';
import { businessDateOf, verifySeals, type SealRecord, type SealReport } from './verify-seals.js';

const isSealType = (type: string): boolean => DAY_SEAL_TYPES.includes(type);

/**
 * An export of dates holds events of those dates only: an event of another date was moved into
 * it (or the file was put together from elsewhere). Named, with its date.
 */
const outsideDates = (header: AuditExportHeader, summaries: ReadonlyArray<RecordSummary>): Finding[] =>
  summaries.flatMap((summary) => {
    if (summary.storeId !== header.storeId || isSealType(summary.type)) return [];
    const date = businessDateOf(summary.occurredAt, header.timeZone);
    if (date !== null && date >= header.from && date <= header.to) return [];
    return [
      eventFinding(
        summary,
        'RECORD.OUTSIDE_DATES',
        `its business date is ${date ?? 'unreadable'} (sold at ${summary.occurredAt}), outside the export's ${header.from} to ${header.to}`,
      ),
    ];
  });

export type Verdict = {
  ok: boolean;
  /** In export order; findings about no one line come last. */
  findings: Finding[];
  /** The first finding that names an event: where to start looking. */
  firstBadEvent: Finding | null;
  header: AuditExportHeader | null;
  records: number;
  seals: SealReport[];
  /** Events of the store no seal covers: of a date not closed yet, or stored after its last seal. */
  unsealedEvents: number;
  /** The business dates of those events, in the export's zone. */
  unsealedDates: string[];
  keys: number;
  anchor: { keyId: string; pinned: boolean } | null;
};

export type ExportVerifier = {
  /** Feeds the next line of the export (without its line break). */
  line(text: string): void;
  finish(): Verdict;
};

/**
 * Verifies an audit export offline, line by line (so a large export need not fit in memory, only
 * a small summary of each record):
 *
 * 1. every record's hash is recomputed from its content and the hash it claims to follow;
 * 2. within each stream, each record follows the one before it (when both are exported);
 * 3. the org's keys form an endorsed chain from the trusted key;
 * 4. every seal is signed by a trusted key; the store's events of its business date in its span
 *    have exactly the sealed count and Merkle root; each amendment joins the date's seal before it;
 * 5. every store event of the export has a business date the export covers.
 *
 * `trustedKeys` pins trust to keys known from elsewhere (key ids or public keys); without it the
 * export's first key is trusted, which proves the export consistent but not who signed it.
 */
export const createExportVerifier = (options: {
  crypto: AuditCrypto;
  trustedKeys?: ReadonlyArray<string>;
}): ExportVerifier => {
  const findings: Finding[] = [];
  const summaries: RecordSummary[] = [];
  const keys: KeyRecord[] = [];
  const seals: SealRecord[] = [];
  const eventIds = new Set<string>();
  const streamPositions = new Set<string>();
  let header: AuditExportHeader | null = null;
  let lineNumber = 0;

  const lineFinding = (code: string, reason: string): Finding => ({
    code,
    line: lineNumber,
    eventId: null,
    place: `line ${lineNumber}`,
    reason,
  });

  const record = (parsed: AuditRecord): void => {
    const summary: RecordSummary = {
      line: lineNumber,
      eventId: parsed.eventId,
      type: parsed.type,
      streamId: parsed.streamId,
      streamPosition: parsed.streamPosition,
      storeId: parsed.storeId,
      occurredAt: parsed.occurredAt,
      logPosition: parsed.logPosition,
      hash: parsed.hash,
      prevHash: parsed.prevHash,
    };
    summaries.push(summary);
    if (header && parsed.orgId !== header.orgId) {
      findings.push(eventFinding(summary, 'RECORD.OTHER_ORG', `belongs to org ${parsed.orgId}, not ${header.orgId}`));
    }
    if (eventIds.has(parsed.eventId)) findings.push(eventFinding(summary, 'RECORD.DUPLICATE', 'appears twice'));
    eventIds.add(parsed.eventId);
    const slot = `${parsed.streamId}#${parsed.streamPosition}`;
    if (streamPositions.has(slot)) {
      findings.push(eventFinding(summary, 'CHAIN.POSITION_TAKEN', 'another event holds the same stream position'));
    }
    streamPositions.add(slot);

    if (parsed.hash === null) {
      findings.push(
        eventFinding(summary, 'CHAIN.UNHASHED', 'has no hash: stored before the chain existed, or stripped'),
      );
    } else if (parsed.prevHash === null) {
      findings.push(
        eventFinding(
          summary,
          'CHAIN.PREDECESSOR_MISSING',
          `the event before it in ${parsed.streamId} (position ${parsed.streamPosition - 1}) is missing from the store`,
        ),
      );
    } else if (parsed.streamPosition === 0 && parsed.prevHash !== ZERO_HASH) {
      findings.push(eventFinding(summary, 'CHAIN.BAD_GENESIS', "a stream's first event must follow the zero hash"));
    } else if (eventHash(parsed.prevHash, parsed, options.crypto) !== parsed.hash) {
      findings.push(
        eventFinding(summary, 'CHAIN.HASH_MISMATCH', 'its content does not hash to its recorded hash: it was changed'),
      );
    }
    if (parsed.type === 'AuditKeyRotated') keys.push({ ...summary, data: parsed.data });
    if (isSealType(parsed.type)) {
      seals.push({ ...summary, data: parsed.data, orgId: parsed.orgId, schemaVersion: parsed.schemaVersion });
    }
  };

  const line = (text: string): void => {
    lineNumber += 1;
    if (text.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      findings.push(lineFinding('RECORD.UNREADABLE', 'is not JSON'));
      return;
    }
    if (lineNumber === 1) {
      const parsed = AuditExportHeader.safeParse(json);
      if (parsed.success) {
        header = parsed.data;
        return;
      }
      findings.push(lineFinding('EXPORT.NO_HEADER', 'the first line is not a possier audit export header'));
    }
    const parsed = AuditRecord.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      findings.push(lineFinding('RECORD.MALFORMED', `${issue?.path.join('.')}: ${issue?.message}`));
      return;
    }
    record(parsed.data);
  };

  const checkLinks = (): void => {
    const byStream = new Map<string, RecordSummary[]>();
    for (const summary of summaries) {
      const stream = byStream.get(summary.streamId) ?? [];
      stream.push(summary);
      byStream.set(summary.streamId, stream);
    }
    for (const stream of byStream.values()) {
      stream.sort((left, right) => left.streamPosition - right.streamPosition);
      for (let index = 1; index < stream.length; index += 1) {
        const before = stream[index - 1] as RecordSummary;
        const current = stream[index] as RecordSummary;
        if (current.streamPosition !== before.streamPosition + 1 || current.prevHash === null) continue;
        if (current.prevHash !== before.hash) {
          findings.push(
            eventFinding(
              current,
              'CHAIN.BROKEN_LINK',
              `is chained to ${current.prevHash.slice(0, 16)}…, not to ${describeEvent(before)}`,
            ),
          );
        }
      }
    }
  };

  const finish = (): Verdict => {
    const records = summaries.length;
    if (header === null && lineNumber === 0) {
      findings.push({ code: 'EXPORT.EMPTY', line: null, eventId: null, place: 'the export', reason: 'is empty' });
    }
    const claimed = (header as AuditExportHeader | null)?.records;
    if (claimed !== undefined && claimed !== records) {
      findings.push({
        code: 'EXPORT.TRUNCATED',
        line: null,
        eventId: null,
        place: 'the export',
        reason: `its header announces ${claimed} records, but it holds ${records}`,
      });
    }
    checkLinks();
    const keyChain = verifyKeyChain(keys, options.trustedKeys ?? [], options.crypto);
    findings.push(...keyChain.findings);
    const sealed = verifySeals(seals, summaries, keyChain.trusted, options.crypto, (summary) =>
      isSealType(summary.type),
    );
    findings.push(...sealed.findings);
    const known = header as AuditExportHeader | null;
    if (known?.version === 2) findings.push(...outsideDates(known, summaries));
    // A seal is signed itself and chained along its stream; no seal covers it.
    const unsealed = summaries.filter(
      (summary) =>
        summary.storeId === known?.storeId && !isSealType(summary.type) && !sealed.sealedEventIds.has(summary.eventId),
    );

    findings.sort((left, right) => (left.line ?? Number.MAX_SAFE_INTEGER) - (right.line ?? Number.MAX_SAFE_INTEGER));
    return {
      ok: findings.length === 0,
      findings,
      firstBadEvent: findings.find((finding) => finding.eventId !== null) ?? null,
      header,
      records,
      seals: sealed.reports,
      unsealedEvents: unsealed.length,
      unsealedDates: [
        ...new Set(unsealed.map((summary) => businessDateOf(summary.occurredAt, known?.timeZone ?? 'UTC') ?? '?')),
      ].sort(),
      keys: keys.length,
      anchor: keyChain.trusted.anchor,
    };
  };

  return { line, finish };
};
