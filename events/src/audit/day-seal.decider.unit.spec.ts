import { describe, it } from 'vitest';
import { spec } from '../testing/decider-spec.js';
import { OTHER_STORE, STORE } from '../testing/fixtures.js';
import type { CloseBusinessDay } from './audit.commands.js';
import type { BusinessDayClosed } from './audit.events.js';
import { daySealDecider } from './day-seal.decider.js';

const ROOT_1 = 'a'.repeat(64);
const ROOT_2 = 'b'.repeat(64);
const KEY = '0123456789abcdef0123456789abcdef';

const seal = (data: Partial<BusinessDayClosed['data']> = {}): BusinessDayClosed['data'] => ({
  storeId: STORE,
  businessDate: '2026-11-24',
  closedAt: '2026-11-24T23:30:00+05:30',
  afterPosition: null,
  throughPosition: '0000000000000010-0000000000000020',
  eventCount: 12,
  merkleRoot: ROOT_1,
  previousMerkleRoot: null,
  keyId: KEY,
  signature: 'c2lnbmF0dXJl',
  ...data,
});

const close = (data: Partial<BusinessDayClosed['data']> = {}): CloseBusinessDay => ({
  type: 'CloseBusinessDay',
  data: seal(data),
});
const closed = (data: Partial<BusinessDayClosed['data']> = {}): BusinessDayClosed => ({
  type: 'BusinessDayClosed',
  data: seal(data),
});

const nextDay = {
  businessDate: '2026-11-25',
  afterPosition: '0000000000000010-0000000000000020',
  throughPosition: '0000000000000030-0000000000000040',
  previousMerkleRoot: ROOT_1,
  merkleRoot: ROOT_2,
};

describe('closing a business day (audit_day-<storeId>)', () => {
  describe('the first close of a store', () => {
    const given = spec(daySealDecider).given([]);

    it('seals the span from the start of the store’s chained events', () => {
      given.when(close()).then([closed()]);
    });

    it('starts after the store’s last unchained event, if it has one, and claims no earlier root', () => {
      const afterLegacy = { afterPosition: '0000000000000001-0000000000000001' };
      given.when(close(afterLegacy)).then([closed(afterLegacy)]);
      given
        .when(close({ previousMerkleRoot: ROOT_2 }))
        .thenFails('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.previousMerkleRoot');
    });

    it('seals an empty day, which ends where it starts', () => {
      given
        .when(close({ eventCount: 0, throughPosition: null }))
        .then([closed({ eventCount: 0, throughPosition: null })]);
      given.when(close({ eventCount: 0 })).thenFails('AUDIT.SEAL_INCONSISTENT', 'data.throughPosition');
      given.when(close({ eventCount: 3, throughPosition: null })).thenFails('AUDIT.SEAL_INCONSISTENT');
    });

    it('refuses a malformed seal, naming the field', () => {
      given.when(close({ merkleRoot: 'abc' })).thenFails('VALIDATION.INVALID', 'data.merkleRoot');
      given.when(close({ businessDate: '24/11/2026' })).thenFails('VALIDATION.INVALID', 'data.businessDate');
    });
  });

  describe('after a close', () => {
    const given = spec(daySealDecider).given([closed()]);

    it('seals the next day from where the last seal ended, joined to its root', () => {
      given.when(close(nextDay)).then([closed(nextDay)]);
    });

    it('refuses to close the same day twice, or a day before the last closed one', () => {
      given
        .when(close({ ...nextDay, businessDate: '2026-11-24' }))
        .thenFails('AUDIT.DAY_ALREADY_CLOSED', 'data.businessDate');
      given
        .when(close({ ...nextDay, businessDate: '2026-11-20' }))
        .thenFails('AUDIT.DAY_ALREADY_CLOSED', 'data.businessDate');
    });

    it('refuses a seal that skips or overlaps events, or forgets the last root', () => {
      given
        .when(close({ ...nextDay, afterPosition: '0000000000000011-0000000000000021' }))
        .thenFails('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.afterPosition');
      given
        .when(close({ ...nextDay, previousMerkleRoot: null }))
        .thenFails('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.previousMerkleRoot');
      given
        .when(close({ ...nextDay, throughPosition: '0000000000000001-0000000000000001' }))
        .thenFails('AUDIT.SEAL_INCONSISTENT', 'data.throughPosition');
    });

    it('refuses another store’s day on this store’s stream', () => {
      given.when(close({ ...nextDay, storeId: OTHER_STORE })).thenFails('AUDIT.WRONG_STREAM', 'data.storeId');
    });

    it('takes an empty next day that starts and ends where the last one ended', () => {
      const empty = { ...nextDay, eventCount: 0, throughPosition: nextDay.afterPosition };
      given.when(close(empty)).then([closed(empty)]);
    });
  });
});
