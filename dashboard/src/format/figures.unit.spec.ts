import { describe, expect, it } from 'vitest';
import { count, hourLabel, localTime, percent } from './figures';

describe('figures', () => {
  it('groups counts the Indian way', () => {
    expect(count(123_456)).toBe('1,23,456');
    expect(count(-250)).toBe('-250');
    expect(count(0)).toBe('0');
  });

  it('prints basis points as a percentage without float artefacts', () => {
    expect(percent(1_800)).toBe('18%');
    expect(percent(1_250)).toBe('12.5%');
    expect(percent(500)).toBe('5%');
    expect(percent(5)).toBe('0.05%');
    expect(percent(0)).toBe('0%');
  });

  it('labels hours on a 24-hour clock', () => {
    expect(hourLabel(9)).toBe('09:00');
    expect(hourLabel(23)).toBe('23:00');
  });

  it('reads an instant on the store’s clock, not the machine’s', () => {
    expect(localTime('2026-11-24T17:40:00.000Z', 'Asia/Kolkata')).toBe('24 Nov 2026, 23:10');
    expect(localTime('2026-11-24T17:40:00.000Z', 'UTC')).toBe('24 Nov 2026, 17:40');
  });
});
