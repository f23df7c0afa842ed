import { describe, expect, it } from 'vitest';
import {
  allocateByLargestRemainder,
  applyBasisPoints,
  assertSafePaise,
  BasisPoints,
  checkPaise,
  divideRoundHalfUp,
  formatRupees,
  MoneyOverflowError,
  multiplyPaise,
  NonNegativePaise,
  Paise,
  PositivePaise,
  roundToRupee,
  sumPaise,
} from './money.js';

const MAX = Number.MAX_SAFE_INTEGER;

describe('allocateByLargestRemainder', () => {
  it('splits ₹1.00 over three equal lines as 34, 33, 33: the spare paisa goes to the earliest tie', () => {
    expect(allocateByLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });

  it('gives the spare paise to the largest remainders, not the largest parts', () => {
    // 10 × 1/3 = 3.33 and 10 × 2/3 = 6.67: floors 3 + 6, the leftover paisa goes to the .67.
    expect(allocateByLargestRemainder(10, [1, 2])).toEqual([3, 7]);
    // 9596 over [81800, 14155]: floors 8180 (rem .43) + 1415 (rem .57), the paisa goes to the smaller line.
    expect(allocateByLargestRemainder(9596, [81_800, 14_155])).toEqual([8180, 1416]);
  });

  it('breaks ties by position, whatever the weights look like', () => {
    expect(allocateByLargestRemainder(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocateByLargestRemainder(5, [2, 2, 2, 2])).toEqual([2, 1, 1, 1]);
  });

  it('mirrors a negative total exactly, so a refund is spread like the sale was', () => {
    expect(allocateByLargestRemainder(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocateByLargestRemainder(-10, [1, 2])).toEqual([-3, -7]);
  });

  it('gives nothing to a zero weight', () => {
    expect(allocateByLargestRemainder(3, [1, 0, 1])).toEqual([2, 0, 1]);
  });

  it('spreads a zero total as zeros, even over zero weights', () => {
    expect(allocateByLargestRemainder(0, [5, 7])).toEqual([0, 0]);
    expect(allocateByLargestRemainder(0, [0, 0])).toEqual([0, 0]);
    expect(allocateByLargestRemainder(0, [])).toEqual([]);
  });

  it('is exact for totals and weights near the safe-integer limit', () => {
    const parts = allocateByLargestRemainder(MAX, [MAX, MAX, 1]);
    expect(parts.reduce((sum, part) => sum + BigInt(part), 0n)).toBe(BigInt(MAX));
  });

  it('refuses a non-zero total over zero weights: there is nothing to weigh it by', () => {
    expect(() => allocateByLargestRemainder(1, [0, 0])).toThrow(RangeError);
  });

  it('refuses a non-zero total over no parts', () => {
    expect(() => allocateByLargestRemainder(1, [])).toThrow(RangeError);
  });

  it('refuses negative, fractional and unsafe weights', () => {
    expect(() => allocateByLargestRemainder(10, [1, -1])).toThrow(/invalid weight -1/);
    expect(() => allocateByLargestRemainder(10, [1, 0.5])).toThrow(RangeError);
    expect(() => allocateByLargestRemainder(10, [1, MAX + 1])).toThrow(RangeError);
  });

  it('refuses a total that is not a safe integer', () => {
    expect(() => allocateByLargestRemainder(1.5, [1])).toThrow(MoneyOverflowError);
  });
});

describe('divideRoundHalfUp', () => {
  it('rounds halves away from zero, in every sign combination', () => {
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfUp(5n, -2n)).toBe(-3n);
    expect(divideRoundHalfUp(-5n, -2n)).toBe(3n);
  });

  it('rounds below a half down and above a half up', () => {
    expect(divideRoundHalfUp(4n, 3n)).toBe(1n);
    expect(divideRoundHalfUp(5n, 3n)).toBe(2n);
    expect(divideRoundHalfUp(-4n, 3n)).toBe(-1n);
    expect(divideRoundHalfUp(-5n, 3n)).toBe(-2n);
    expect(divideRoundHalfUp(0n, 7n)).toBe(0n);
    expect(divideRoundHalfUp(12n, 4n)).toBe(3n);
  });

  it('refuses to divide by zero', () => {
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe('applyBasisPoints', () => {
  it('takes 18 % of ₹10.01 as 180 p (180.18 rounds down)', () => {
    expect(applyBasisPoints(1001, 1800)).toBe(180);
  });

  it('rounds half a paisa away from zero', () => {
    expect(applyBasisPoints(1, 5000)).toBe(1);
    expect(applyBasisPoints(3, 5000)).toBe(2);
    expect(applyBasisPoints(-1, 5000)).toBe(-1);
    expect(applyBasisPoints(-3, 5000)).toBe(-2);
    expect(applyBasisPoints(9999, 500)).toBe(500);
  });

  it('handles 0 % and 100 %', () => {
    expect(applyBasisPoints(12_345, 0)).toBe(0);
    expect(applyBasisPoints(12_345, 10_000)).toBe(12_345);
  });

  it('stays exact when amount × basis points passes 2^53 but the result does not', () => {
    expect(applyBasisPoints(MAX, 10_000)).toBe(MAX);
    expect(applyBasisPoints(MAX, 5000)).toBe(4_503_599_627_370_496);
  });

  it('throws MoneyOverflowError when the result leaves the safe range', () => {
    expect(() => applyBasisPoints(MAX, 10_001)).toThrow(MoneyOverflowError);
    expect(() => applyBasisPoints(-MAX, 10_001)).toThrow(MoneyOverflowError);
  });

  it('throws MoneyOverflowError for an amount that is not a safe integer', () => {
    expect(() => applyBasisPoints(10.5, 100)).toThrow(MoneyOverflowError);
    expect(() => applyBasisPoints(MAX + 1, 100)).toThrow(MoneyOverflowError);
  });
});

describe('sumPaise', () => {
  it('sums amounts, and nothing to 0', () => {
    expect(sumPaise([34_900, 6000, -745])).toBe(40_155);
    expect(sumPaise([])).toBe(0);
  });

  it('accepts any iterable', () => {
    expect(sumPaise(new Set([1, 2, 3]))).toBe(6);
  });

  it('does not care that a running sum passes the safe range when the total is back inside it', () => {
    expect(sumPaise([MAX, 1, -1])).toBe(MAX);
  });

  it('throws MoneyOverflowError when the total leaves the safe range', () => {
    expect(() => sumPaise([MAX, 1])).toThrow(MoneyOverflowError);
    expect(() => sumPaise([-MAX, -1])).toThrow(MoneyOverflowError);
  });

  it('throws MoneyOverflowError for a fraction, NaN or infinity', () => {
    expect(() => sumPaise([1, 0.5])).toThrow(MoneyOverflowError);
    expect(() => sumPaise([Number.NaN])).toThrow(MoneyOverflowError);
    expect(() => sumPaise([Number.POSITIVE_INFINITY])).toThrow(MoneyOverflowError);
  });
});

describe('multiplyPaise', () => {
  it('multiplies an amount by a quantity', () => {
    expect(multiplyPaise(40_900, 2)).toBe(81_800);
    expect(multiplyPaise(-745, 3)).toBe(-2235);
    expect(multiplyPaise(40_900, 0)).toBe(0);
  });

  it('throws MoneyOverflowError when the product leaves the safe range', () => {
    expect(() => multiplyPaise(MAX, 2)).toThrow(MoneyOverflowError);
    expect(() => multiplyPaise(2 ** 27, 2 ** 26)).toThrow(MoneyOverflowError);
  });

  it('throws MoneyOverflowError for a fractional amount or quantity', () => {
    expect(() => multiplyPaise(100, 1.5)).toThrow(MoneyOverflowError);
    expect(() => multiplyPaise(100.5, 2)).toThrow(MoneyOverflowError);
  });
});

describe('assertSafePaise', () => {
  it('returns a safe number or bigint as a number', () => {
    expect(assertSafePaise(42)).toBe(42);
    expect(assertSafePaise(BigInt(MAX))).toBe(MAX);
    expect(assertSafePaise(-7n)).toBe(-7);
  });

  it('names what overflowed', () => {
    expect(() => assertSafePaise(BigInt(MAX) + 2n, 'grand total')).toThrow(/grand total is not a safe integer/);
  });
});

describe('roundToRupee', () => {
  it('rounds 49 paise and less down, with a negative round-off', () => {
    expect(roundToRupee(123_449)).toEqual({ roundedPaise: 123_400, roundOffPaise: -49 });
  });

  it('rounds 50 paise and more up, with a positive round-off', () => {
    expect(roundToRupee(123_450)).toEqual({ roundedPaise: 123_500, roundOffPaise: 50 });
    expect(roundToRupee(54_699)).toEqual({ roundedPaise: 54_700, roundOffPaise: 1 });
  });

  it('leaves whole rupees alone', () => {
    expect(roundToRupee(0)).toEqual({ roundedPaise: 0, roundOffPaise: 0 });
    expect(roundToRupee(100)).toEqual({ roundedPaise: 100, roundOffPaise: 0 });
  });

  it('rounds a negative amount as the mirror of the positive one (−₹1.50 → −₹2)', () => {
    // So a full refund of a bill returns what the bill charged; its round-off is then −50..+49.
    expect(roundToRupee(-150)).toEqual({ roundedPaise: -200, roundOffPaise: -50 });
    expect(roundToRupee(-149)).toEqual({ roundedPaise: -100, roundOffPaise: 49 });
  });

  it('throws MoneyOverflowError when rounding up would leave the safe range', () => {
    expect(() => roundToRupee(MAX)).toThrow(MoneyOverflowError);
  });
});

describe('formatRupees', () => {
  it('groups the rupees the Indian way: thousands, then lakhs and crores by twos', () => {
    expect(formatRupees(12_345_678)).toBe('₹1,23,456.78');
    expect(formatRupees(1_000_000_000)).toBe('₹1,00,00,000.00');
    expect(formatRupees(123_456_789_012)).toBe('₹1,23,45,67,890.12');
  });

  it('writes small amounts without grouping and always two paise digits', () => {
    expect(formatRupees(5)).toBe('₹0.05');
    expect(formatRupees(0)).toBe('₹0.00');
    expect(formatRupees(99_999)).toBe('₹999.99');
    expect(formatRupees(100_000)).toBe('₹1,000.00');
  });

  it('puts a minus sign before the rupee sign for negative amounts', () => {
    expect(formatRupees(-123_450)).toBe('−₹1,234.50');
    expect(formatRupees(-5)).toBe('−₹0.05');
  });

  it('refuses an amount that is not a safe integer', () => {
    expect(() => formatRupees(1.5)).toThrow(MoneyOverflowError);
  });
});

describe('checkPaise', () => {
  it('accepts a safe integer within the bounds', () => {
    expect(checkPaise(500, 'data.amountPaise', { min: 1, max: 1000 })).toBeUndefined();
    expect(checkPaise(-500, 'data.amountPaise')).toBeUndefined();
  });

  it('reports a fraction or an unsafe number as MONEY.NOT_INTEGER_PAISE at the path', () => {
    expect(checkPaise(10.5, 'data.amountPaise')).toMatchObject({
      code: 'MONEY.NOT_INTEGER_PAISE',
      path: 'data.amountPaise',
    });
    expect(checkPaise(MAX + 1, 'data.amountPaise')).toMatchObject({ code: 'MONEY.NOT_INTEGER_PAISE' });
    expect(checkPaise(Number.NaN, 'data.amountPaise')).toMatchObject({ code: 'MONEY.NOT_INTEGER_PAISE' });
  });

  it('reports an amount below min as MONEY.TOO_SMALL and above max as MONEY.TOO_LARGE', () => {
    expect(checkPaise(0, 'data.amountPaise', { min: 1 })).toMatchObject({
      code: 'MONEY.TOO_SMALL',
      path: 'data.amountPaise',
      reason: 'must be at least ₹0.01',
    });
    expect(checkPaise(1001, 'data.tenders.0.amountPaise', { max: 1000 })).toMatchObject({
      code: 'MONEY.TOO_LARGE',
      path: 'data.tenders.0.amountPaise',
      reason: 'must be at most ₹10.00',
    });
  });
});

describe('schemas', () => {
  it('Paise accepts safe integers of any sign and refuses fractions, unsafe numbers and strings', () => {
    expect(Paise.safeParse(-1).success).toBe(true);
    expect(Paise.safeParse(MAX).success).toBe(true);
    expect(Paise.safeParse(1.5).success).toBe(false);
    expect(Paise.safeParse(MAX + 1).success).toBe(false);
    expect(Paise.safeParse('100').success).toBe(false);
  });

  it('NonNegativePaise accepts 0 but not −1; PositivePaise accepts 1 but not 0', () => {
    expect(NonNegativePaise.safeParse(0).success).toBe(true);
    expect(NonNegativePaise.safeParse(-1).success).toBe(false);
    expect(PositivePaise.safeParse(1).success).toBe(true);
    expect(PositivePaise.safeParse(0).success).toBe(false);
  });

  it('BasisPoints is a whole number from 0 to 10000', () => {
    expect(BasisPoints.safeParse(0).success).toBe(true);
    expect(BasisPoints.safeParse(10_000).success).toBe(true);
    expect(BasisPoints.safeParse(10_001).success).toBe(false);
    expect(BasisPoints.safeParse(-1).success).toBe(false);
    expect(BasisPoints.safeParse(2.5).success).toBe(false);
  });
});
