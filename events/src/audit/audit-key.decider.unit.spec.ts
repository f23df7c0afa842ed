import { describe, it } from 'vitest';
import { spec } from '../testing/decider-spec.js';
import { ORG } from '../testing/fixtures.js';
import type { RotateAuditKey } from './audit.commands.js';
import type { AuditKeyRotated } from './audit.events.js';
import { auditKeyDecider } from './audit-key.decider.js';

const FIRST = '11111111111111111111111111111111';
const SECOND = '22222222222222222222222222222222';
const PUBLIC_KEY = 'A'.repeat(43);

const rotation = (data: Partial<AuditKeyRotated['data']> = {}): AuditKeyRotated['data'] => ({
  orgId: ORG,
  keyId: FIRST,
  algorithm: 'Ed25519',
  publicKey: PUBLIC_KEY,
  previousKeyId: null,
  rotatedAt: '2026-11-24T09:00:00+05:30',
  endorsement: null,
  ...data,
});
const rotate = (data: Partial<AuditKeyRotated['data']> = {}): RotateAuditKey => ({
  type: 'RotateAuditKey',
  data: rotation(data),
});
const rotated = (data: Partial<AuditKeyRotated['data']> = {}): AuditKeyRotated => ({
  type: 'AuditKeyRotated',
  data: rotation(data),
});

const second = { keyId: SECOND, previousKeyId: FIRST, endorsement: 'ZW5kb3JzZWQ' };

describe('rotating the org’s audit key (audit_key-<orgId>)', () => {
  it('puts the first key in place, unendorsed', () => {
    spec(auditKeyDecider).given([]).when(rotate()).then([rotated()]);
  });

  it('puts a later key in place only when it names the current key and carries its endorsement', () => {
    const given = spec(auditKeyDecider).given([rotated()]);
    given.when(rotate(second)).then([rotated(second)]);
    given.when(rotate({ ...second, previousKeyId: null })).thenFails('AUDIT.KEY_NOT_CURRENT', 'data.previousKeyId');
    given.when(rotate({ ...second, endorsement: null })).thenFails('AUDIT.ENDORSEMENT_MISSING', 'data.endorsement');
    spec(auditKeyDecider).given([]).when(rotate(second)).thenFails('AUDIT.KEY_NOT_CURRENT', 'data.previousKeyId');
  });

  it('never takes a key the org used before', () => {
    spec(auditKeyDecider)
      .given([rotated(), rotated(second)])
      .when(rotate({ keyId: FIRST, previousKeyId: SECOND, endorsement: 'ZW5kb3JzZWQ' }))
      .thenFails('AUDIT.KEY_REUSED', 'data.keyId');
  });

  it('refuses a public key that is not 32 bytes of base64url', () => {
    const given = spec(auditKeyDecider).given([]);
    given.when(rotate({ publicKey: 'AAAA' })).thenFails('VALIDATION.INVALID', 'data.publicKey');
    given.when(rotate({ publicKey: 'A'.repeat(42) + 'B' })).thenFails('VALIDATION.INVALID', 'data.publicKey');
    given.when(rotate({ publicKey: 'not base64!' })).thenFails('VALIDATION.INVALID', 'data.publicKey');
  });
});
