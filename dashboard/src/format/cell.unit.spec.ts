import { describe, expect, it } from 'vitest';
import { cellText } from './cell';

describe('cellText', () => {
  it('prints each kind of figure as the page shows it', () => {
    expect(cellText(8_480_000, 'paise')).toBe('₹84,800.00');
    expect(cellText(-1_800, 'paise')).toBe('−₹18.00');
    expect(cellText(123_456, 'count')).toBe('1,23,456');
    expect(cellText(1_800, 'rate')).toBe('18%');
    expect(cellText('22021010', 'text')).toBe('22021010');
  });

  it('leaves a figure not known yet blank rather than zero', () => {
    expect(cellText(null, 'paise')).toBe('');
    expect(cellText(undefined, 'count')).toBe('');
  });
});
