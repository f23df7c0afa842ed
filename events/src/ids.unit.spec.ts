import { describe, expect, it } from 'vitest';
import { isUuidV7, mintUuidV7, Uuid, UuidV7 } from './ids.js';
import { id } from './testing/fixtures.js';

/** 24 November 2026, 13:05 in Kolkata, as the register's clock would give it. */
const MSECS = Date.parse('2026-11-24T07:35:00Z');
const RANDOM = Uint8Array.from({ length: 16 }, (_, index) => index);
const UUID_V4 = '9b2c0e4e-6d7a-4f5b-8c9d-0e1f2a3b4c5d';

describe('mintUuidV7', () => {
  it('is deterministic for a given clock reading and random bytes, so a decision replays identically', () => {
    expect(mintUuidV7({ msecs: MSECS, random: RANDOM })).toBe('01a20c7a-bca0-7060-9c20-260b0c0d0e0f');
    expect(mintUuidV7({ msecs: MSECS, random: RANDOM })).toBe(
      mintUuidV7({ msecs: MSECS, random: Uint8Array.from(RANDOM) }),
    );
  });

  it('puts the milliseconds in the first 48 bits and marks version 7 with the RFC variant', () => {
    const uuid = mintUuidV7({ msecs: MSECS, random: RANDOM });
    expect(uuid.replaceAll('-', '').slice(0, 12)).toBe(MSECS.toString(16).padStart(12, '0'));
    expect(uuid.charAt(14)).toBe('7');
    expect('89ab').toContain(uuid.charAt(19));
    expect(isUuidV7(uuid)).toBe(true);
  });

  it('sorts by time: a later millisecond sorts after, whatever the random bytes', () => {
    const earlier = mintUuidV7({ msecs: MSECS, random: new Uint8Array(16).fill(0xff) });
    const later = mintUuidV7({ msecs: MSECS + 1, random: new Uint8Array(16) });
    expect(earlier < later).toBe(true);
    const hourly = [3, 1, 2].map((hours) => mintUuidV7({ msecs: MSECS + hours * 3_600_000, random: RANDOM }));
    expect([...hourly].sort()).toEqual([hourly[1], hourly[2], hourly[0]]);
  });

  it('refuses fewer than 16 random bytes', () => {
    expect(() => mintUuidV7({ msecs: MSECS, random: new Uint8Array(15) })).toThrow(RangeError);
  });

  it('refuses a time that cannot be a UUIDv7 timestamp', () => {
    for (const msecs of [Number.NaN, -1, 1.5, 2 ** 48]) {
      expect(() => mintUuidV7({ msecs, random: RANDOM })).toThrow(RangeError);
    }
  });
});

describe('isUuidV7 and the id schemas', () => {
  it('tells a v7 from other UUIDs and from garbage', () => {
    expect(isUuidV7(id(1))).toBe(true);
    expect(isUuidV7(UUID_V4)).toBe(false);
    expect(isUuidV7('not-a-uuid')).toBe(false);
    expect(isUuidV7('')).toBe(false);
  });

  it('UuidV7 accepts only v7; Uuid accepts any version', () => {
    expect(UuidV7.safeParse(id(1)).success).toBe(true);
    expect(UuidV7.safeParse(UUID_V4).success).toBe(false);
    expect(Uuid.safeParse(UUID_V4).success).toBe(true);
    expect(Uuid.safeParse(id(1)).success).toBe(true);
    expect(Uuid.safeParse('0193a000-0000-7000-8000').success).toBe(false);
  });
});
