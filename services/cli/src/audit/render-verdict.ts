import type { Verdict } from '@possier/events';

const short = (hex: string): string => `${hex.slice(0, 16)}…`;

/** What a passing verdict proved, line by line, and what it could not. */
const proven = (verdict: Verdict): string[] => {
  const seals = verdict.seals.length;
  return [
    'Proven:',
    `  hash chains   intact, ${verdict.records} records`,
    `  Merkle roots  ${seals === 0 ? 'none to check: no sealed day in this export' : `match, ${seals} seal${seals === 1 ? '' : 's'}`}`,
    `  signatures    ${seals === 0 ? 'none to check' : 'valid'}`,
    `  signer        ${
      verdict.anchor?.pinned
        ? `the key you trust (${verdict.anchor.keyId}) or a key it endorsed`
        : 'NOT PROVEN: no trusted key was given (--trust-key)'
    }`,
  ];
};

/** Whether a verdict proves who signed: it passed, against a key given with --trust-key. */
export const provesSigner = (verdict: Verdict): boolean => verdict.ok && verdict.anchor?.pinned === true;

/**
 * A verdict for a person: the answer first (VERIFIED, CONSISTENT when no trusted key was given, or
 * FAILED), then for a failure the first bad event and every finding by line; for a pass, what was
 * proven and on whose key.
 */
export const renderVerdict = (verdict: Verdict, file: string): string => {
  const out: string[] = [];
  const scope = verdict.header
    ? `store ${verdict.header.storeId}, ${verdict.header.from} to ${verdict.header.to}`
    : 'an export without a header';
  if (verdict.ok && verdict.anchor?.pinned) {
    out.push(
      `VERIFIED ${file}: nothing in it was altered, inserted or removed, and its seals were signed by the key you trust.`,
    );
  } else if (verdict.ok) {
    out.push(
      `CONSISTENT ${file}: nothing in it was altered, inserted or removed since it was sealed, as far as the keys the export itself carries can show; it does not prove who signed. Give the org's key with --trust-key to prove that.`,
    );
  } else {
    const count = verdict.findings.length;
    out.push(`FAILED ${file}: ${count} finding${count === 1 ? '' : 's'}.`);
    const first = verdict.firstBadEvent ?? verdict.findings[0];
    if (first) {
      const where = first.line === null ? '' : ` on line ${first.line}`;
      out.push(
        `First bad ${verdict.firstBadEvent ? 'event' : 'place'}: ${first.place}${where}`,
        `  ${first.code}: ${first.reason}`,
      );
    }
    out.push('', 'Findings:');
    for (const finding of verdict.findings) {
      const line = finding.line === null ? '-' : String(finding.line);
      out.push(`  line ${line.padEnd(6)} ${finding.code.padEnd(26)} ${finding.place}: ${finding.reason}`);
    }
  }
  out.push(
    '',
    `Export: ${scope}; ${verdict.records} records, ${verdict.keys} key rotation${verdict.keys === 1 ? '' : 's'}.`,
  );
  if (verdict.seals.length === 0) out.push('Sealed days: none in this export.');
  else {
    out.push('Sealed days:');
    const ordered = [...verdict.seals].sort((left, right) =>
      left.businessDate === right.businessDate
        ? left.amendment - right.amendment
        : left.businessDate < right.businessDate
          ? -1
          : 1,
    );
    for (const seal of ordered) {
      // A close reads as it always has; an amendment says so after its count (what it added).
      const amendment = seal.amendment === 0 ? '' : `amendment ${seal.amendment}  `;
      out.push(
        `  ${seal.businessDate}  ${String(seal.eventCount).padStart(6)} events  ${amendment}root ${short(seal.merkleRoot)}  key ${seal.keyId}  ${seal.ok ? 'ok' : 'FAILED'}`,
      );
    }
  }
  if (verdict.unsealedEvents > 0) {
    out.push(
      `Not sealed yet: ${verdict.unsealedEvents} events of ${verdict.unsealedDates.join(', ')} (chained, but signed by no seal: the date is not closed, or they were stored after its last seal and await an amendment).`,
    );
  }
  if (verdict.anchor) {
    out.push(
      verdict.anchor.pinned
        ? `Trusted key: ${verdict.anchor.keyId}, as given with --trust-key.`
        : `Trusted key: none given; the export's own first key ${verdict.anchor.keyId} was taken at its word. Pin the org's key with --trust-key to prove who signed.`,
    );
  }
  if (verdict.ok) out.push('', ...proven(verdict));
  return `${out.join('\n')}\n`;
};
