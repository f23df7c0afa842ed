import { describe, expect, it } from 'vitest';
import {
  checkOnlineOccurredAt,
  defaultClockPolicy,
  describeDuration,
  moveDateTime,
  placeReplayedEvent,
} from './clock-policy.js';

const NOW = new Date('2026-11-24T13:05:00+05:30');
const HOUR = 3_600_000;

describe('an online command is timed by the ledger', () => {
  it('within five minutes either way its time stands', () => {
    expect(checkOnlineOccurredAt('2026-11-24T13:09:59+05:30', NOW, defaultClockPolicy)).toBeUndefined();
    expect(checkOnlineOccurredAt('2026-11-24T07:30:01Z', NOW, defaultClockPolicy)).toBeUndefined();
  });

  it.each(['1970-01-01T00:00:00Z', '2026-11-24T13:10:01+05:30', '9999-12-31T23:59:59+05:30'])(
    'dated %s it is refused, naming occurredAt and how far off it is',
    (occurredAt) => {
      const refused = checkOnlineOccurredAt(occurredAt, NOW, defaultClockPolicy);
      expect(refused?.toJSON()).toMatchObject({
        code: 'TIME.OUT_OF_WINDOW',
        path: 'occurredAt',
        reason: expect.stringMatching(/(ahead of|behind) the ledger's clock; an online command must be within 5 min/),
      });
    },
  );
});

describe('a replayed event is placed by the ledger', () => {
  it('from a till within the tolerance and the window, where the till put it', () => {
    expect(placeReplayedEvent('2026-11-24T11:00:00+05:30', 90_000, NOW, defaultClockPolicy)).toEqual({
      occurredAt: '2026-11-24T11:00:00+05:30',
      movedMs: 0,
      conflicts: [],
    });
  });

  it('from a till 3 h ahead, 3 h earlier, keeping its offset, flagged', () => {
    const placement = placeReplayedEvent(
      '2026-11-25T00:59:00+05:30',
      3 * HOUR,
      new Date('2026-11-24T22:00:00+05:30'),
      defaultClockPolicy,
    );
    expect(placement.occurredAt).toBe('2026-11-24T21:59:00.000+05:30');
    expect(placement.movedMs).toBe(-3 * HOUR);
    expect(placement.conflicts).toEqual([
      {
        kind: 'clock_skew',
        path: 'occurredAt',
        detail:
          "the till's clock was 3 h ahead of the ledger's clock; recorded at 2026-11-25T00:59:00+05:30, placed at 2026-11-24T21:59:00.000+05:30",
      },
    ]);
  });

  it('from a till 20 min behind, 20 min later', () => {
    const placement = placeReplayedEvent(
      '2026-11-24T12:40:00Z',
      -20 * 60_000,
      new Date('2026-11-24T13:05:00Z'),
      defaultClockPolicy,
    );
    expect(placement.occurredAt).toBe('2026-11-24T13:00:00.000Z');
    expect(placement.conflicts.map((conflict) => conflict.kind)).toEqual(['clock_skew']);
  });

  it('dated far ahead by a till whose clock is right, at the time the ledger received it', () => {
    const placement = placeReplayedEvent('9999-12-31T23:59:00+05:30', 0, NOW, defaultClockPolicy);
    expect(Date.parse(placement.occurredAt)).toBe(NOW.getTime());
    expect(placement.occurredAt.endsWith('+05:30')).toBe(true);
    expect(placement.conflicts).toMatchObject([
      { kind: 'outside_offline_window', detail: expect.stringMatching(/ahead/) },
    ]);
  });

  it('older than the offline window, at its own time, flagged', () => {
    const placement = placeReplayedEvent('1970-01-01T00:00:00Z', undefined, NOW, defaultClockPolicy);
    expect(placement.occurredAt).toBe('1970-01-01T00:00:00Z');
    expect(placement.conflicts).toMatchObject([
      { kind: 'outside_offline_window', detail: expect.stringMatching(/beyond the offline window of 3 days/) },
    ]);
  });

  it('within 72 h back and 5 min ahead, unflagged', () => {
    expect(placeReplayedEvent('2026-11-21T13:06:00+05:30', undefined, NOW, defaultClockPolicy).conflicts).toEqual([]);
    expect(placeReplayedEvent('2026-11-24T13:10:00+05:30', undefined, NOW, defaultClockPolicy).conflicts).toEqual([]);
  });
});

describe('times and durations in words', () => {
  it('moves a date-time keeping how its offset was written', () => {
    expect(moveDateTime('2026-11-24T13:05:00+05:30', 60_000)).toBe('2026-11-24T13:06:00.000+05:30');
    expect(moveDateTime('2026-11-24T13:05:00-03:00', -HOUR)).toBe('2026-11-24T12:05:00.000-03:00');
    expect(moveDateTime('2026-11-24T13:05:00Z', 1)).toBe('2026-11-24T13:05:00.001Z');
    expect(moveDateTime('2026-11-24T13:05:00+00:00', 1)).toBe('2026-11-24T13:05:00.001+00:00');
  });

  it('says durations as a person would', () => {
    expect(describeDuration(40_000)).toBe('40 s');
    expect(describeDuration(-12 * 60_000)).toBe('12 min');
    expect(describeDuration(3 * HOUR + 5 * 60_000)).toBe('3 h 5 min');
    expect(describeDuration(401 * 24 * HOUR)).toBe('401 days');
  });
});
