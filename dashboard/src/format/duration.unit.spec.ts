import { describe, expect, it } from 'vitest';
import { duration } from './duration';

describe('duration', () => {
  it('reads at a glance at every scale, from milliseconds to days', () => {
    expect(duration(0)).toBe('0 ms');
    expect(duration(850)).toBe('850 ms');
    expect(duration(4_200)).toBe('4.2 s');
    expect(duration(185_000)).toBe('3 min 5 s');
    expect(duration(7_380_000)).toBe('2 h 3 min');
    expect(duration(90_000_000)).toBe('1 d 1 h');
  });
});
