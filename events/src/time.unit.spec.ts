import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  DEFAULT_TIME_ZONE,
  IsoDate,
  localDateAndHour,
  OffsetDateTime,
  TimeZone,
} from './time.js';
import { AT } from './testing/fixtures.js';

describe('localDateAndHour', () => {
  it('puts a UTC instant after 18:30 on the next Kolkata day, at hour 0 (not 24)', () => {
    expect(localDateAndHour('2026-11-24T18:45:00Z', 'Asia/Kolkata')).toEqual({ date: '2026-11-25', hour: 0 });
  });

  it('uses the store zone, not the offset the producer wrote', () => {
    expect(localDateAndHour('2026-11-24T23:30:00+05:30', 'Asia/Kolkata')).toEqual({ date: '2026-11-24', hour: 23 });
    expect(localDateAndHour('2026-11-24T23:30:00+05:30', 'UTC')).toEqual({ date: '2026-11-24', hour: 18 });
    // A till whose clock said UTC still sells on the Kolkata business day.
    expect(localDateAndHour('2026-11-24T20:00:00+00:00', DEFAULT_TIME_ZONE)).toEqual({ date: '2026-11-25', hour: 1 });
  });

  it('reads the fixture lunch time as 13:00 on 24 November', () => {
    expect(localDateAndHour(AT, 'Asia/Kolkata')).toEqual({ date: '2026-11-24', hour: 13 });
  });

  it('refuses something that is not a date-time', () => {
    expect(() => localDateAndHour('yesterday', 'Asia/Kolkata')).toThrow(RangeError);
  });
});

describe('TimeZone', () => {
  it('accepts IANA zones', () => {
    expect(TimeZone.safeParse('Asia/Kolkata').success).toBe(true);
    expect(TimeZone.safeParse('UTC').success).toBe(true);
    expect(TimeZone.safeParse('America/Argentina/Buenos_Aires').success).toBe(true);
    expect(TimeZone.safeParse('Etc/GMT+5').success).toBe(true);
  });

  it('rejects a zone spelled in another case, since zones are stored and compared as text', () => {
    expect(TimeZone.safeParse('asia/kolkata').success).toBe(false);
  });

  it('rejects what is not a zone', () => {
    expect(TimeZone.safeParse('Mars/Olympus').success).toBe(false);
    expect(TimeZone.safeParse('').success).toBe(false);
    expect(TimeZone.safeParse('+05:30').success).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-11-24', 30)).toBe('2026-12-24');
  });

  it('knows leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('goes back for negative days and stays for zero', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-11-24', 0)).toBe('2026-11-24');
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days, negative when the end is earlier', () => {
    expect(daysBetween('2026-11-24', '2026-12-01')).toBe(7);
    expect(daysBetween('2026-12-01', '2026-11-24')).toBe(-7);
    expect(daysBetween('2026-11-24', '2026-11-24')).toBe(0);
  });

  it('crosses years, leap or not', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('undoes addDays', () => {
    expect(daysBetween('2026-11-24', addDays('2026-11-24', 45))).toBe(45);
  });
});

describe('OffsetDateTime', () => {
  it.each([
    '2026-11-24T13:05:00+05:30',
    '2026-11-24T13:05:00Z',
    '2026-11-24T13:05:00.123+05:30',
    '2026-11-24T07:35:00-04:00',
  ])('accepts %s', (value) => {
    expect(OffsetDateTime.safeParse(value).success).toBe(true);
  });

  it.each(['2026-11-24T13:05:00', '2026-11-24', '2026-11-24 13:05:00+05:30', '2026-11-24T13:05:00+0530', 'now'])(
    'rejects %s',
    (value) => {
      expect(OffsetDateTime.safeParse(value).success).toBe(false);
    },
  );
});

describe('IsoDate', () => {
  it('accepts calendar dates, 29 February of a leap year included', () => {
    expect(IsoDate.safeParse('2026-11-24').success).toBe(true);
    expect(IsoDate.safeParse('2028-02-29').success).toBe(true);
  });

  it('rejects impossible dates, date-times and other orders', () => {
    for (const value of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-11-24T00:00:00Z', '24-11-2026', '2026-1-5']) {
      expect(IsoDate.safeParse(value).success).toBe(false);
    }
  });
});
