import { describe, expect, it } from 'vitest';
import { nobleAuditCrypto, testAuditKey } from '../testing/audit-crypto.js';
import { auditLogBuilder } from '../testing/audit-log-builder.js';
import { id, REGISTER, STORE } from '../testing/fixtures.js';
import type { AuditRecord } from './audit-record.js';
import { toBase64Url } from './bytes.js';
import { eventHash } from './event-hash.js';
import { createExportVerifier, type Verdict } from './verify-export.js';

const firstKey = testAuditKey(1);
const NEXT_DAY = '2026-11-25T10:00:00+05:30';
const secondKey = testAuditKey(2);

/** A store's day: a key, an order of three events, a shift, the day's seal; then a second, smaller day. */
const twoSealedDays = () => {
  const log = auditLogBuilder();
  log.rotateKey(firstKey);
  const order = `order-${id(0x01)}`;
  log.append(order, 'OrderPlaced', { orderId: id(0x01), totals: { payablePaise: 85_000 } }, { registerId: REGISTER });
  log.append(order, 'PaymentTendered', { orderId: id(0x01), amountPaise: 85_000 }, { registerId: REGISTER });
  log.append(`shift-${id(0x02)}`, 'ShiftOpened', { floatPaise: 500_000 }, { registerId: REGISTER });
  log.append(order, 'TipAdjusted', { orderId: id(0x01), tipPaise: 2_000 }, { registerId: REGISTER });
  log.closeDay('2026-11-24', firstKey);
  log.append(
    `order-${id(0x03)}`,
    'OrderPlaced',
    { orderId: id(0x03), totals: { payablePaise: 12_000 } },
    { occurredAt: NEXT_DAY },
  );
  log.closeDay('2026-11-25', firstKey);
  return { log, order };
};

const verify = (lines: ReadonlyArray<string>, trustedKeys?: string[]): Verdict => {
  const verifier = createExportVerifier({ crypto: nobleAuditCrypto, ...(trustedKeys ? { trustedKeys } : {}) });
  for (const line of lines) verifier.line(line);
  return verifier.finish();
};

const codes = (verdict: Verdict) => verdict.findings.map((finding) => finding.code);

describe('verifying an audit export offline', () => {
  it('passes an untouched export: every chain, both seals and the key check out', () => {
    const { log } = twoSealedDays();
    const verdict = verify(log.lines(), [firstKey.keyId]);
    expect(verdict).toMatchObject({
      ok: true,
      findings: [],
      firstBadEvent: null,
      records: 8,
      keys: 1,
      unsealedEvents: 0,
    });
    expect(verdict.seals.map((seal) => [seal.businessDate, seal.amendment, seal.eventCount, seal.ok])).toEqual([
      ['2026-11-24', 0, 4, true],
      ['2026-11-25', 0, 1, true],
    ]);
    expect(verdict.anchor).toEqual({ keyId: firstKey.keyId, pinned: true });
  });

  it('names the changed event when an amount was edited in place', () => {
    const { log } = twoSealedDays();
    const payment = log.records[2] as AuditRecord;
    const tampered = log.records.map((record) =>
      record === payment ? { ...record, data: { orderId: id(0x01), amountPaise: 8_500 } } : record,
    );
    const verdict = verify(log.lines(tampered));
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBadEvent).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', line: 4, eventId: payment.eventId });
    expect(verdict.firstBadEvent?.place).toContain(`${payment.streamId}, position 1, PaymentTendered`);
    expect(codes(verdict)).toEqual(['CHAIN.HASH_MISMATCH']);
  });

  it('still finds an edited amount whose hash was recomputed: the seal’s root no longer matches', () => {
    const { log, order } = twoSealedDays();
    const rehashed = log.records.map((record) => {
      if (record.streamId !== order || record.type !== 'PaymentTendered') return record;
      const edited = { ...record, data: { orderId: id(0x01), amountPaise: 8_500 } };
      return { ...edited, hash: eventHash(edited.prevHash as string, edited, nobleAuditCrypto) };
    });
    const verdict = verify(log.lines(rehashed));
    expect(codes(verdict)).toEqual(expect.arrayContaining(['CHAIN.BROKEN_LINK', 'SEAL.ROOT_MISMATCH']));
    expect(verdict.firstBadEvent).toMatchObject({ code: 'CHAIN.BROKEN_LINK', eventId: log.records[4]?.eventId });
  });

  it('names the event after a removed one, and says the seal lost an event', () => {
    const { log } = twoSealedDays();
    const removed = log.records[2] as AuditRecord;
    const remaining = log.records
      .filter((record) => record !== removed)
      .map((record) => (record.prevHash === removed.hash ? { ...record, prevHash: null } : record));
    const verdict = verify(log.lines(remaining));
    expect(verdict.firstBadEvent).toMatchObject({
      code: 'CHAIN.PREDECESSOR_MISSING',
      eventId: log.records[4]?.eventId,
    });
    expect(verdict.firstBadEvent?.reason).toContain('position 1');
    expect(verdict.findings.find((finding) => finding.code === 'SEAL.COUNT_MISMATCH')?.reason).toMatch(
      /seals 4 events, but the export holds 3 .*removed/,
    );
  });

  it('names an inserted event even when its forger chained its hash correctly', () => {
    const { log, order } = twoSealedDays();
    const tip = log.records[4] as AuditRecord;
    const base = {
      ...tip,
      eventId: id(0xbad),
      type: 'OrderRefunded',
      data: { orderId: id(0x01), refundedPaise: 85_000 },
      streamPosition: tip.streamPosition + 1,
      globalPosition: 4_000,
      // Inside the sealed date's span: an event placed after the close would pass for a late sale awaiting its amendment.
      logPosition: `${tip.logPosition.slice(0, 16)}-0000000000000004`,
    };
    const forged = { ...base, prevHash: tip.hash, hash: eventHash(tip.hash as string, base, nobleAuditCrypto) };
    const withForgery = [...log.records.slice(0, 5), forged, ...log.records.slice(5)];
    const verdict = verify(log.lines(withForgery));
    expect(forged.streamId).toBe(order);
    expect(verdict.findings).toEqual([
      expect.objectContaining({ code: 'SEAL.EVENT_INSERTED', line: 7, eventId: forged.eventId }),
    ]);
  });

  it('finds two events swapped in their stream', () => {
    const { log } = twoSealedDays();
    const [placed, tendered] = [log.records[1] as AuditRecord, log.records[2] as AuditRecord];
    const swapped = log.records.map((record) =>
      record === placed
        ? { ...record, streamPosition: tendered.streamPosition }
        : record === tendered
          ? { ...record, streamPosition: placed.streamPosition }
          : record,
    );
    const verdict = verify(log.lines(swapped));
    expect(verdict.firstBadEvent).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', eventId: placed.eventId });
  });

  it('refuses a seal whose signature was replaced, even by a real signature of another key', () => {
    const { log } = twoSealedDays();
    const seal = log.records[5] as AuditRecord;
    const data = seal.data as { signature: string };
    const base = { ...seal, data: { ...data, signature: toBase64Url(secondKey.sign(new Uint8Array(64))) } };
    const resigned = { ...base, hash: eventHash(seal.prevHash as string, base, nobleAuditCrypto) };
    const verdict = verify(log.lines(log.records.map((record) => (record === seal ? resigned : record))));
    expect(verdict.findings[0]).toMatchObject({ code: 'SEAL.BAD_SIGNATURE', eventId: seal.eventId });
    expect(verdict.findings[0]?.place).toContain(`seal of store ${STORE} for 2026-11-24`);
  });

  it('follows a rotation endorsed by the previous key, and refuses one that is not', () => {
    const log = auditLogBuilder();
    log.rotateKey(firstKey);
    log.append(`order-${id(0x01)}`, 'OrderPlaced', { orderId: id(0x01) });
    log.rotateKey(secondKey);
    log.closeDay('2026-11-24', secondKey);
    expect(verify(log.lines(), [firstKey.keyId])).toMatchObject({ ok: true, keys: 2 });

    const rotation = log.records[2] as AuditRecord;
    const base = { ...rotation, data: { ...(rotation.data as object), endorsement: toBase64Url(new Uint8Array(64)) } };
    const unendorsed = { ...base, hash: eventHash(rotation.prevHash as string, base, nobleAuditCrypto) };
    const verdict = verify(log.lines(log.records.map((record) => (record === rotation ? unendorsed : record))), [
      firstKey.keyId,
    ]);
    expect(codes(verdict)).toEqual(['KEY.BAD_ENDORSEMENT', 'SEAL.UNTRUSTED_KEY']);
  });

  it('trusts only the key it is told to, and says when it trusted the export’s own first key', () => {
    const { log } = twoSealedDays();
    const stranger = testAuditKey(9);
    expect(codes(verify(log.lines(), [stranger.keyId]))).toEqual([
      'SEAL.UNTRUSTED_KEY',
      'SEAL.UNTRUSTED_KEY',
      'KEY.UNTRUSTED',
    ]);
    expect(verify(log.lines(), [toBase64Url(firstKey.publicKey)]).ok).toBe(true);
    expect(verify(log.lines()).anchor).toEqual({ keyId: firstKey.keyId, pinned: false });
  });

  it('notices a seal gone missing before another, a truncated file and lines that are not records', () => {
    const { log } = twoSealedDays();
    const firstSeal = log.records[5] as AuditRecord;
    const withoutFirstSeal = log.records
      .filter((record) => record !== firstSeal)
      .map((record) => (record.prevHash === firstSeal.hash ? { ...record, prevHash: null } : record));
    const verdict = verify(log.lines(withoutFirstSeal));
    expect(codes(verdict)).toEqual(['CHAIN.PREDECESSOR_MISSING']);
    expect(verdict).toMatchObject({ unsealedEvents: 4, unsealedDates: ['2026-11-24'] });

    const lines = log.lines();
    const truncated = verify(lines.slice(0, -1));
    expect(codes(truncated)).toContain('EXPORT.TRUNCATED');
    const garbled = verify([...lines.slice(0, 3), 'not json', '{"eventId":1}', ...lines.slice(3)]);
    expect(garbled.findings.slice(0, 2)).toEqual([
      expect.objectContaining({ code: 'RECORD.UNREADABLE', line: 4 }),
      expect.objectContaining({ code: 'RECORD.MALFORMED', line: 5 }),
    ]);
    expect(codes(verify([]))).toEqual(['EXPORT.EMPTY']);
    expect(codes(verify(lines.slice(1)))).toContain('EXPORT.NO_HEADER');
  });

  it('counts a sealed date’s events stored after its seal as unsealed, without failing them', () => {
    const { log } = twoSealedDays();
    log.append(`order-${id(0x04)}`, 'OrderPlaced', { orderId: id(0x04) });
    expect(verify(log.lines())).toMatchObject({ ok: true, unsealedEvents: 1, unsealedDates: ['2026-11-24'] });
  });

  it('names malformed key and seal records, a key that is not its fingerprint, and a seal by a key it does not hold', () => {
    const rehashed = (record: AuditRecord, data: unknown): AuditRecord => {
      const base = { ...record, data };
      return { ...base, hash: eventHash(record.prevHash as string, base, nobleAuditCrypto) };
    };
    const { log } = twoSealedDays();
    const [key, , , , , seal] = log.records as AuditRecord[];
    const keyData = (key as AuditRecord).data as Record<string, unknown>;
    const sealData = (seal as AuditRecord).data as Record<string, unknown>;
    const variants: Array<[AuditRecord, unknown, string[]]> = [
      [key as AuditRecord, { ...keyData, keyId: secondKey.keyId }, ['KEY.FINGERPRINT_MISMATCH', 'SEAL.UNKNOWN_KEY']],
      [key as AuditRecord, { ...keyData, algorithm: 'RSA' }, ['KEY.MALFORMED', 'SEAL.UNKNOWN_KEY']],
      [seal as AuditRecord, { ...sealData, eventCount: -1 }, ['SEAL.MALFORMED', 'CHAIN.BROKEN_LINK']],
      [seal as AuditRecord, { ...sealData, amendment: 1 }, ['SEAL.MALFORMED']],
    ];
    for (const [target, data, expected] of variants) {
      const records = log.records.map((record) => (record === target ? rehashed(record, data) : record));
      expect(codes(verify(log.lines(records))).filter((code) => !code.startsWith('SEAL.ROOT'))).toEqual(
        expect.arrayContaining(expected),
      );
    }
  });

  describe('a date amended after its close', () => {
    /** 2026-11-24 sealed, then a late sale of it (two events) replayed and sealed by amendment 1. */
    const amendedDay = () => {
      const { log } = twoSealedDays();
      const late = `order-${id(0x05)}`;
      const placed = log.append(
        late,
        'OrderPlaced',
        { orderId: id(0x05) },
        { occurredAt: '2026-11-24T21:10:00+05:30' },
      );
      const paid = log.append(
        late,
        'PaymentTendered',
        { orderId: id(0x05) },
        { occurredAt: '2026-11-24T21:10:00+05:30' },
      );
      const amendment = log.amendDay('2026-11-24', firstKey);
      return { log, placed, paid, amendment };
    };

    it('verifies the close and the amendment, each over its own events', () => {
      const { log } = amendedDay();
      const verdict = verify(log.lines(), [firstKey.keyId]);
      expect(verdict.findings).toEqual([]);
      expect(verdict.seals.map((seal) => [seal.businessDate, seal.amendment, seal.eventCount, seal.ok])).toEqual([
        ['2026-11-24', 0, 4, true],
        ['2026-11-25', 0, 1, true],
        ['2026-11-24', 1, 2, true],
      ]);
      expect(verdict.unsealedEvents).toBe(0);
    });

    it('names the amendment that lost its events when the late sale is removed', () => {
      const { log, placed, paid, amendment } = amendedDay();
      const verdict = verify(log.lines(log.records.filter((record) => record !== placed && record !== paid)));
      expect(verdict.findings).toEqual([
        expect.objectContaining({ code: 'SEAL.COUNT_MISMATCH', eventId: amendment.eventId }),
      ]);
      expect(verdict.findings[0]?.place).toContain(`amendment 1 of store ${STORE} for 2026-11-24`);
      expect(verdict.findings[0]?.reason).toMatch(/seals 2 events, but the export holds 0 .*removed/);
    });

    it('fails a late sale moved to another date, even with its hash recomputed', () => {
      const { log, placed, amendment } = amendedDay();
      const base = { ...placed, occurredAt: NEXT_DAY };
      const moved = { ...base, hash: eventHash(placed.prevHash as string, base, nobleAuditCrypto) };
      const verdict = verify(log.lines(log.records.map((record) => (record === placed ? moved : record))));
      expect(codes(verdict)).toEqual(expect.arrayContaining(['CHAIN.BROKEN_LINK', 'SEAL.COUNT_MISMATCH']));
      expect(verdict.findings.find((finding) => finding.code === 'SEAL.COUNT_MISMATCH')?.eventId).toBe(
        amendment.eventId,
      );
    });

    it('names an event of a date the export does not cover', () => {
      const { log, placed } = amendedDay();
      const lines = [JSON.stringify(log.header({ to: '2026-11-24', records: 1 })), JSON.stringify(placed)];
      const verdict = verify(lines);
      expect(verdict.findings).toEqual([]);
      const onlyTheNextDay = [
        JSON.stringify(log.header({ from: '2026-11-25', to: '2026-11-25', records: 1 })),
        JSON.stringify(placed),
      ];
      expect(verify(onlyTheNextDay).findings).toEqual([
        expect.objectContaining({ code: 'RECORD.OUTSIDE_DATES', eventId: placed.eventId }),
      ]);
    });

    it('names an amendment whose close is missing from the export', () => {
      const { log } = amendedDay();
      const close = log.records[5] as AuditRecord;
      const verdict = verify(log.lines(log.records.filter((record) => record !== close)));
      expect(codes(verdict)).toContain('SEAL.PREVIOUS_MISSING');
    });
  });
});
