import { afterEach, describe, expect, it } from 'vitest';
import { localOffsetDateTime } from './local-time.js';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('occurredAt as a register records it', () => {
  it('keeps the wall-clock time and the UTC offset of the machine’s zone', () => {
    process.env.TZ = 'Asia/Kolkata';
    expect(localOffsetDateTime(new Date('2026-11-24T07:35:00.250Z'))).toBe('2026-11-24T13:05:00.250+05:30');
    process.env.TZ = 'America/St_Johns';
    expect(localOffsetDateTime(new Date('2026-11-24T07:35:00Z'))).toBe('2026-11-24T04:05:00.000-03:30');
    process.env.TZ = 'UTC';
    expect(localOffsetDateTime(new Date('2026-11-24T07:35:00Z'))).toBe('2026-11-24T07:35:00.000+00:00');
  });
});
