import type { AuditRecord } from '../audit/audit-record.js';
import { AUDIT_EXPORT_FORMAT, AUDIT_EXPORT_VERSION, type AuditExportHeader } from '../audit/audit-export.js';
import type { AuditKeyRotated, DaySeal } from '../audit/audit.events.js';
import { auditDayStreamId, auditKeyStreamId, DAY_SEAL_TYPES } from '../audit/audit.events.js';
import { fromHex, toBase64Url, toHex } from '../audit/bytes.js';
import { eventHash, ZERO_HASH } from '../audit/event-hash.js';
import { merkleRoot } from '../audit/merkle.js';
import { daySealPayload, keyRotationPayload } from '../audit/seal-payloads.js';
import { nobleAuditCrypto, type TestAuditKey } from './audit-crypto.js';
import { localDateAndHour } from '../time.js';
import { AT, id, ORG, STORE } from './fixtures.js';

/**
 * Builds an audit log the way the store and the ledger write one — chained hashes, key rotations
 * endorsed by the key before, seals over the store's events of a business date — so the verifier's
 * specs can start from a valid export and tamper with it.
 */
export const auditLogBuilder = () => {
  const records: AuditRecord[] = [];
  const heads = new Map<string, AuditRecord>();
  let position = 0;
  let nextId = 0x1000;

  const append = (
    streamId: string,
    type: string,
    data: unknown,
    envelope: Partial<Pick<AuditRecord, 'storeId' | 'registerId' | 'actorId' | 'occurredAt' | 'schemaVersion'>> = {},
  ): AuditRecord => {
    position += 1;
    const head = heads.get(streamId);
    const prevHash = head?.hash ?? ZERO_HASH;
    const base = {
      eventId: id((nextId += 1)),
      type,
      schemaVersion: envelope.schemaVersion ?? 1,
      streamId,
      orgId: ORG,
      brandId: null,
      storeId: envelope.storeId === undefined ? STORE : envelope.storeId,
      registerId: envelope.registerId ?? null,
      actorId: envelope.actorId ?? id(0xac),
      occurredAt: envelope.occurredAt ?? AT,
      causationId: null,
      correlationId: id(0xc0),
      data,
      streamPosition: head ? head.streamPosition + 1 : 0,
      globalPosition: position,
      recordedAt: `2026-11-24T07:35:${String(position % 60).padStart(2, '0')}.123456Z`,
      logPosition: `${position.toString(16).padStart(16, '0')}-${position.toString(16).padStart(16, '0')}`,
    };
    const record: AuditRecord = { ...base, hash: eventHash(prevHash, base, nobleAuditCrypto), prevHash };
    records.push(record);
    heads.set(streamId, record);
    return record;
  };

  let lastKey: TestAuditKey | null = null;
  const rotateKey = (key: TestAuditKey): AuditRecord => {
    const rotation = {
      orgId: ORG,
      keyId: key.keyId,
      algorithm: 'Ed25519' as const,
      publicKey: toBase64Url(key.publicKey),
      previousKeyId: lastKey?.keyId ?? null,
      rotatedAt: AT,
    };
    const endorsement = lastKey ? toBase64Url(lastKey.sign(keyRotationPayload(rotation))) : null;
    lastKey = key;
    return append(
      auditKeyStreamId(ORG),
      'AuditKeyRotated',
      { ...rotation, endorsement } satisfies AuditKeyRotated['data'],
      {
        storeId: null,
      },
    );
  };

  const lastSeals = new Map<string, DaySeal>();
  /** Seals the store's events of `businessDate` (Asia/Kolkata) not sealed yet: the close, or with `amend` an amendment. */
  const seal = (businessDate: string, key: TestAuditKey, storeId: string, amend: boolean): AuditRecord => {
    const last = lastSeals.get(`${storeId} ${businessDate}`);
    const afterPosition = last?.throughPosition ?? null;
    const leaves = records.filter(
      (record) =>
        record.storeId === storeId &&
        !DAY_SEAL_TYPES.includes(record.type) &&
        localDateAndHour(record.occurredAt, 'Asia/Kolkata').date === businessDate &&
        (afterPosition === null || record.logPosition > afterPosition),
    );
    const unsigned = {
      storeId,
      businessDate,
      timeZone: 'Asia/Kolkata',
      closedAt: `${businessDate}T23:30:00+05:30`,
      afterPosition,
      throughPosition: leaves.at(-1)?.logPosition ?? afterPosition,
      eventCount: leaves.length,
      merkleRoot: toHex(
        merkleRoot(
          leaves.map((leaf) => fromHex(leaf.hash as string)),
          nobleAuditCrypto.sha256,
        ),
      ),
      amendment: amend ? (last?.amendment ?? 0) + 1 : 0,
      previousMerkleRoot: amend ? (last?.merkleRoot ?? null) : null,
      keyId: key.keyId,
    };
    const data = { ...unsigned, signature: toBase64Url(key.sign(daySealPayload(ORG, unsigned))) };
    lastSeals.set(`${storeId} ${businessDate}`, data);
    return append(auditDayStreamId(storeId), amend ? 'BusinessDayAmended' : 'BusinessDayClosed', data, {
      schemaVersion: amend ? 1 : 2,
    });
  };
  const closeDay = (businessDate: string, key: TestAuditKey, storeId = STORE): AuditRecord =>
    seal(businessDate, key, storeId, false);
  const amendDay = (businessDate: string, key: TestAuditKey, storeId = STORE): AuditRecord =>
    seal(businessDate, key, storeId, true);

  const header = (overrides: Partial<AuditExportHeader> = {}): AuditExportHeader => ({
    format: AUDIT_EXPORT_FORMAT,
    version: AUDIT_EXPORT_VERSION,
    orgId: ORG,
    storeId: STORE,
    timeZone: 'Asia/Kolkata',
    from: '2026-11-24',
    to: '2026-11-25',
    exportedAt: '2026-11-26T09:00:00.000Z',
    records: records.length,
    ...overrides,
  });

  /** The export's lines, header first, records in log order. */
  const lines = (list: ReadonlyArray<AuditRecord> = records): string[] => [
    JSON.stringify(header({ records: list.length })),
    ...list.map((record) => JSON.stringify(record)),
  ];

  return { records, append, rotateKey, closeDay, amendDay, header, lines };
};
