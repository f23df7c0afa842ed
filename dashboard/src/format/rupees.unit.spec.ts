import { describe, expect, it } from 'vitest';
import { rupees, rupeesCompact } from './rupees';

describe('rupees', () => {
  it('prints integer paise as rupees with Indian digit grouping and two decimals', () => {
    expect(rupees(12_345_600)).toBe('₹1,23,456.00');
    expect(rupees(12_345_678)).toBe('₹1,23,456.78');
    expect(rupees(1_234_567_890_12)).toBe('₹1,23,45,67,890.12');
    expect(rupees(5)).toBe('₹0.05');
    expect(rupees(0)).toBe('₹0.00');
    expect(rupees(-1_800)).toBe('−₹18.00');
  });

  it('refuses an amount that is not a safe integer of paise rather than printing a rounded one', () => {
    expect(() => rupees(10.5)).toThrow();
    expect(() => rupees(Number.MAX_SAFE_INTEGER + 2)).toThrow();
  });
});

describe('rupeesCompact', () => {
  it('prints whole rupees below a lakh, rounded half up', () => {
    expect(rupeesCompact(0)).toBe('₹0');
    expect(rupeesCompact(4_500_000)).toBe('₹45,000');
    expect(rupeesCompact(149)).toBe('₹1');
    expect(rupeesCompact(150)).toBe('₹2');
    expect(rupeesCompact(9_999_949)).toBe('₹99,999');
  });

  it('prints lakhs and crores with at most two decimals, trailing zeros dropped', () => {
    expect(rupeesCompact(10_000_000)).toBe('₹1 L');
    expect(rupeesCompact(123_450_000)).toBe('₹12.35 L');
    expect(rupeesCompact(123_000_000)).toBe('₹12.3 L');
    expect(rupeesCompact(999_999_999)).toBe('₹100 L');
    expect(rupeesCompact(1_000_000_000)).toBe('₹1 Cr');
    expect(rupeesCompact(12_000_000_000)).toBe('₹12 Cr');
    expect(rupeesCompact(1_234_567_000_00)).toBe('₹123.46 Cr');
  });

  it('marks negative amounts with a minus sign before the rupee sign', () => {
    expect(rupeesCompact(-4_500_000)).toBe('−₹45,000');
    expect(rupeesCompact(-123_450_000)).toBe('−₹12.35 L');
  });
});
