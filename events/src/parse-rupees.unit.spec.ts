import { DomainError } from './errors.js';
import { describe, expect, it } from 'vitest';
import { parseRupees } from './money.js';

describe('parseRupees', () => {
  it('reads whole rupees, paise and Indian digit grouping exactly', () => {
    expect(parseRupees('450', 'cash')).toBe(45_000);
    expect(parseRupees('450.5', 'cash')).toBe(45_050);
    expect(parseRupees('₹1,23,456.07', 'cash')).toBe(12_345_607);
    expect(parseRupees('0.01', 'cash')).toBe(1);
  });

  it('refuses a third decimal, a sign or words, naming the field', () => {
    for (const text of ['1.005', '-5', 'ten', '', '1e3']) {
      const parsed = parseRupees(text, 'cash');
      expect(parsed).toBeInstanceOf(DomainError);
      expect(parsed).toMatchObject({ code: 'MONEY.INVALID', path: 'cash' });
    }
  });
});
