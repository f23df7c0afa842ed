import { describe, it } from 'vitest';
import { spec } from '../testing/decider-spec.js';
import { OTHER_STORE, STORE } from '../testing/fixtures.js';
import type { AmendBusinessDay, CloseBusinessDay } from './audit.commands.js';
import type { BusinessDayAmended, BusinessDayClosed, DaySeal } from './audit.events.js';
import { daySealDecider } from './day-seal.decider.js';

const ROOT_1 = 'a'.repeat(64);
const ROOT_2 = 'b'.repeat(64);
const ROOT_3 = 'c'.repeat(64);
const KEY = '0123456789abcdef0123456789abcdef';

const seal = (data: Partial<DaySeal> = {}): DaySeal => ({
  storeId: STORE,
  businessDate: '2026-11-24',
  timeZone: 'Asia/Kolkata',
  closedAt: '2026-11-24T23:30:00+05:30',
  afterPosition: null,
  throughPosition: '0000000000000010-0000000000000020',
  eventCount: 12,
  merkleRoot: ROOT_1,
  amendment: 0,
  previousMerkleRoot: null,
  keyId: KEY,
  signature: 'c2lnbmF0dXJl',
  ...data,
});

const close = (data: Partial<DaySeal> = {}): CloseBusinessDay => ({ type: 'CloseBusinessDay', data: seal(data) });
const closed = (data: Partial<DaySeal> = {}): BusinessDayClosed => ({ type: 'BusinessDayClosed', data: seal(data) });

/** Three late sales of 2026-11-24, stored after its close. */
const lateSales = {
  afterPosition: '0000000000000010-0000000000000020',
  throughPosition: '0000000000000090-0000000000000120',
  eventCount: 3,
  merkleRoot: ROOT_2,
  amendment: 1,
  previousMerkleRoot: ROOT_1,
  closedAt: '2026-11-27T10:00:00+05:30',
};
const amend = (data: Partial<DaySeal> = {}): AmendBusinessDay => ({
  type: 'AmendBusinessDay',
  data: seal({ ...lateSales, ...data }),
});
const amended = (data: Partial<DaySeal> = {}): BusinessDayAmended => ({
  type: 'BusinessDayAmended',
  data: seal({ ...lateSales, ...data }),
});

describe('sealing a store’s business dates (audit_day-<storeId>)', () => {
  describe('a store with no sealed date', () => {
    const given = spec(daySealDecider).given([]);

    it('seals a date’s events from the start of the store’s chained events', () => {
      given.when(close()).then([closed()]);
    });

    it('starts after the store’s last unchained event, if it has one, and follows no earlier seal', () => {
      const afterLegacy = { afterPosition: '0000000000000001-0000000000000001' };
      given.when(close(afterLegacy)).then([closed(afterLegacy)]);
      given
        .when(close({ previousMerkleRoot: ROOT_2 }))
        .thenFails('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.previousMerkleRoot');
      given.when(close({ amendment: 1 })).thenFails('AUDIT.SEAL_INCONSISTENT', 'data.amendment');
    });

    it('seals a date with no sales, which ends where it starts', () => {
      given
        .when(close({ eventCount: 0, throughPosition: null }))
        .then([closed({ eventCount: 0, throughPosition: null })]);
      given.when(close({ eventCount: 0 })).thenFails('AUDIT.SEAL_INCONSISTENT', 'data.throughPosition');
      given.when(close({ eventCount: 3, throughPosition: null })).thenFails('AUDIT.SEAL_INCONSISTENT');
    });

    it('has nothing to amend before the date is closed', () => {
      given.when(amend()).thenFails('AUDIT.DAY_NOT_SEALED', 'data.businessDate');
    });

    it('refuses a malformed seal, naming the field', () => {
      given.when(close({ merkleRoot: 'abc' })).thenFails('VALIDATION.INVALID', 'data.merkleRoot');
      given.when(close({ businessDate: '24/11/2026' })).thenFails('VALIDATION.INVALID', 'data.businessDate');
      given.when(close({ timeZone: 'Mars/Olympus' })).thenFails('VALIDATION.INVALID', 'data.timeZone');
    });
  });

  describe('after 2026-11-24 was sealed', () => {
    const given = spec(daySealDecider).given([closed()]);

    it('seals any other date, earlier or later, from the start of the log: dates are sealed in any order', () => {
      const earlier = { businessDate: '2026-11-20', merkleRoot: ROOT_3 };
      given.when(close(earlier)).then([closed(earlier)]);
      const later = { businessDate: '2026-11-25', afterPosition: null, merkleRoot: ROOT_3 };
      given.when(close(later)).then([closed(later)]);
    });

    it('refuses to close 2026-11-24 again, naming the date', () => {
      given.when(close({ merkleRoot: ROOT_2 })).thenFails('AUDIT.DAY_ALREADY_SEALED', 'data.businessDate');
    });

    it('seals the date’s late events as amendment 1, joined to the close where it ended', () => {
      given.when(amend()).then([amended()]);
    });

    it('refuses an amendment that skips or overlaps events, forgets the close’s root, or is empty', () => {
      given
        .when(amend({ afterPosition: '0000000000000011-0000000000000021' }))
        .thenFails('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.afterPosition');
      given
        .when(amend({ previousMerkleRoot: ROOT_3 }))
        .thenFails('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.previousMerkleRoot');
      given.when(amend({ amendment: 2 })).thenFails('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.amendment');
      given
        .when(amend({ eventCount: 0, throughPosition: lateSales.afterPosition }))
        .thenFails('AUDIT.NOTHING_TO_AMEND', 'data.businessDate');
    });

    it('keeps the zone the date was closed in, even after the store moved to another zone', () => {
      given.when(amend({ timeZone: 'Asia/Dubai' })).thenFails('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.timeZone');
    });

    it('refuses another store’s date on this store’s stream', () => {
      given
        .when(close({ businessDate: '2026-11-25', storeId: OTHER_STORE }))
        .thenFails('AUDIT.WRONG_STREAM', 'data.storeId');
    });
  });

  describe('after 2026-11-24 was sealed and amended once', () => {
    const given = spec(daySealDecider).given([closed(), amended()]);

    it('joins a second amendment to the first', () => {
      const second = {
        amendment: 2,
        afterPosition: lateSales.throughPosition,
        throughPosition: '0000000000000095-0000000000000130',
        eventCount: 1,
        previousMerkleRoot: ROOT_2,
        merkleRoot: ROOT_3,
      };
      given.when(amend(second)).then([amended(second)]);
      given.when(amend({ ...second, previousMerkleRoot: ROOT_1 })).thenFails('AUDIT.SEAL_NOT_CONTIGUOUS');
    });
  });
});
