import { describe, expect, it } from 'vitest';
import { nobleAuditCrypto } from '../testing/audit-crypto.js';
import { AT, id, ORG, STORE } from '../testing/fixtures.js';
import { toHex, utf8Bytes } from './bytes.js';
import { canonicalEnvelope, eventHash, hashedMessage, storedEnvelope, ZERO_HASH } from './event-hash.js';

const envelope = {
  eventId: id(1).toUpperCase(),
  type: 'OrderPlaced',
  schemaVersion: 1,
  streamId: `order-${id(2)}`,
  orgId: ORG,
  brandId: null,
  storeId: STORE,
  registerId: null,
  actorId: id(3),
  occurredAt: AT,
  causationId: null,
  correlationId: id(4),
  data: { totals: { payablePaise: 85_000 }, orderId: id(2) },
};
const stored = { globalPosition: 42, recordedAt: '2026-11-24T07:35:00.123456Z', streamPosition: 0 };

describe('the hashed message of a stored event', () => {
  it('is the canonical JSON of { envelope, store } — the text the store splices together in SQL', () => {
    const record = { ...storedEnvelope(envelope), ...stored };
    expect(hashedMessage(record)).toBe(
      `{"envelope":${canonicalEnvelope(envelope)},"store":{"globalPosition":42,"recordedAt":"2026-11-24T07:35:00.123456Z","streamPosition":0}}`,
    );
    expect(canonicalEnvelope(envelope)).toMatch(
      /^\{"actorId":.*"data":\{"orderId":.*"totals":\{"payablePaise":85000\}\},"eventId":"0193a000/,
    );
  });

  it('spells uuids in lower case, as PostgreSQL prints them, so an export hashes what was sent', () => {
    expect(storedEnvelope(envelope).eventId).toBe(id(1));
    expect(canonicalEnvelope(envelope)).toBe(canonicalEnvelope({ ...envelope, eventId: id(1) }));
  });

  it('hashes SHA-256(previous hash ‖ message), so the same event chained elsewhere hashes differently', () => {
    const record = { ...storedEnvelope(envelope), ...stored };
    const first = eventHash(ZERO_HASH, record, nobleAuditCrypto);
    expect(first).toBe(
      toHex(nobleAuditCrypto.sha256(Uint8Array.from([...new Uint8Array(32), ...utf8Bytes(hashedMessage(record))]))),
    );
    expect(eventHash(first, record, nobleAuditCrypto)).not.toBe(first);
    expect(eventHash(ZERO_HASH, { ...record, streamPosition: 1 }, nobleAuditCrypto)).not.toBe(first);
  });
});
