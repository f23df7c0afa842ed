import { describe, expect, it } from 'vitest';
import { utcDateTime, zonedDateTime } from './time.js';

describe('store-local and UTC times for the audit trail', () => {
  it('shows an instant on the store’s wall clock with the zone’s offset, fraction kept as recorded', () => {
    expect(zonedDateTime('2026-11-24T07:35:00.123456Z', 'Asia/Kolkata')).toBe('2026-11-24T13:05:00.123456+05:30');
    expect(zonedDateTime('2026-11-24T20:00:00Z', 'Asia/Kolkata')).toBe('2026-11-25T01:30:00+05:30');
    expect(zonedDateTime('2026-07-01T12:00:00Z', 'America/St_Johns')).toBe('2026-07-01T09:30:00-02:30');
    expect(zonedDateTime('2026-11-24T13:05:00+05:30', 'Asia/Kathmandu')).toBe('2026-11-24T13:20:00+05:45');
  });

  it('turns a producer’s offset time into UTC', () => {
    expect(utcDateTime('2026-11-24T13:05:00+05:30')).toBe('2026-11-24T07:35:00Z');
    expect(utcDateTime('2026-11-24T13:05:00.5+05:30')).toBe('2026-11-24T07:35:00.5Z');
  });

  it('refuses text that is not a time', () => {
    expect(() => zonedDateTime('yesterday', 'Asia/Kolkata')).toThrow(RangeError);
  });
});
