import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateByLargestRemainder,
  applyBasisPoints,
  divideRoundHalfUp,
  formatRupees,
  MoneyOverflowError,
  multiplyPaise,
  roundToRupee,
  sumPaise,
} from './money.js';

const RUNS = { seed: 42, numRuns: 500 };
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

const abs = (value: bigint): bigint => (value < 0n ? -value : value);
const isSafe = (value: bigint): boolean => value >= -MAX && value <= MAX;

/** Round half away from zero, written independently of money.ts: compare the remainder with half. */
const exactRoundHalfAway = (numerator: bigint, denominator: bigint): bigint => {
  const n = abs(numerator);
  const d = abs(denominator);
  const quotient = n / d;
  const rounded = 2n * (n % d) >= d ? quotient + 1n : quotient;
  return numerator < 0n !== denominator < 0n ? -rounded : rounded;
};

const safeInteger = fc.maxSafeInteger();
/** Mostly everyday amounts, sometimes anything safe, so both the common path and the edges are hit. */
const amount = fc.oneof(fc.integer({ min: -100_000_000_000, max: 100_000_000_000 }), safeInteger);
const weights = fc
  .array(fc.oneof(fc.nat({ max: 1_000_000 }), fc.constant(0), fc.maxSafeNat()), { minLength: 1, maxLength: 12 })
  .filter((list) => list.some((weight) => weight > 0));

describe('allocateByLargestRemainder, for any total and non-negative weights with a non-zero sum', () => {
  it('parts sum exactly to the total', () => {
    fc.assert(
      fc.property(amount, weights, (total, parts) => {
        const allocated = allocateByLargestRemainder(total, parts);
        expect(allocated).toHaveLength(parts.length);
        expect(allocated.reduce((sum, part) => sum + BigInt(part), 0n)).toBe(BigInt(total));
      }),
      RUNS,
    );
  });

  it('each part is within 1 paisa of its exact proportional share, and a zero weight gets 0', () => {
    fc.assert(
      fc.property(amount, weights, (total, parts) => {
        const weightSum = parts.reduce((sum, weight) => sum + BigInt(weight), 0n);
        allocateByLargestRemainder(total, parts).forEach((part, index) => {
          const weight = BigInt(parts[index] ?? 0);
          // |part − total × w / W| < 1  ⇔  |part × W − total × w| < W
          expect(abs(BigInt(part) * weightSum - BigInt(total) * weight) < weightSum).toBe(true);
          if (weight === 0n) expect(part).toBe(0);
          expect(Number.isSafeInteger(part)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('a negative total is allocated as the exact mirror of its positive', () => {
    fc.assert(
      fc.property(amount, weights, (total, parts) => {
        const mirrored = allocateByLargestRemainder(-total, parts).map((part) => -part + 0);
        expect(mirrored).toEqual(allocateByLargestRemainder(total, parts).map((part) => part + 0));
      }),
      RUNS,
    );
  });

  it('over equal weights, the spare paise go to the earliest parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 20 }), (total, count) => {
        const allocated = allocateByLargestRemainder(
          total,
          Array.from({ length: count }, () => 7),
        );
        const base = Math.floor(total / count);
        const spare = total % count;
        expect(allocated).toEqual(Array.from({ length: count }, (_, index) => (index < spare ? base + 1 : base)));
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input always gives the same parts', () => {
    fc.assert(
      fc.property(amount, weights, (total, parts) => {
        expect(allocateByLargestRemainder(total, parts)).toEqual(allocateByLargestRemainder(total, [...parts]));
      }),
      RUNS,
    );
  });
});

describe('divideRoundHalfUp', () => {
  it('equals exact rational rounding half away from zero, for any integers', () => {
    const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
    const nonZero = fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), big).filter((value) => value !== 0n);
    fc.assert(
      fc.property(big, nonZero, (numerator, denominator) => {
        const quotient = divideRoundHalfUp(numerator, denominator);
        expect(quotient).toBe(exactRoundHalfAway(numerator, denominator));
        // |q − n/d| ≤ 1/2, and at exactly 1/2 the quotient is the one further from zero.
        const twiceError = abs(2n * (numerator - quotient * denominator));
        expect(twiceError <= abs(denominator)).toBe(true);
        if (twiceError === abs(denominator)) expect(abs(quotient * denominator) > abs(numerator)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('applyBasisPoints', () => {
  const basisPoints = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: -30_000, max: 30_000 }));

  it('rounds amount × bp / 10000 half away from zero exactly, or throws MoneyOverflowError when that is unsafe', () => {
    fc.assert(
      fc.property(amount, basisPoints, (paise, bp) => {
        const exact = exactRoundHalfAway(BigInt(paise) * BigInt(bp), 10_000n);
        if (isSafe(exact)) {
          const result = applyBasisPoints(paise, bp);
          expect(Number.isSafeInteger(result)).toBe(true);
          expect(BigInt(result)).toBe(exact);
        } else {
          expect(() => applyBasisPoints(paise, bp)).toThrow(MoneyOverflowError);
        }
      }),
      RUNS,
    );
  });

  it('is odd: a negated amount gives the negated result', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 10_000 }), (paise, bp) => {
        expect(applyBasisPoints(-paise, bp)).toBe(-applyBasisPoints(paise, bp) + 0);
      }),
      RUNS,
    );
  });
});

describe('sumPaise and multiplyPaise', () => {
  it('sumPaise equals the exact sum, or throws MoneyOverflowError when that is unsafe', () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 8 }), (amounts) => {
        const exact = amounts.reduce((sum, value) => sum + BigInt(value), 0n);
        if (isSafe(exact)) expect(BigInt(sumPaise(amounts))).toBe(exact);
        else expect(() => sumPaise(amounts)).toThrow(MoneyOverflowError);
      }),
      RUNS,
    );
  });

  it('sumPaise throws MoneyOverflowError when any amount is not an integer', () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 5 }), fc.double({ noInteger: true }), (amounts, bad) => {
        expect(() => sumPaise([...amounts, bad])).toThrow(MoneyOverflowError);
      }),
      RUNS,
    );
  });

  it('multiplyPaise equals the exact product, or throws MoneyOverflowError when that is unsafe', () => {
    const quantity = fc.oneof(fc.integer({ min: -1000, max: 1000 }), safeInteger);
    fc.assert(
      fc.property(amount, quantity, (paise, count) => {
        const exact = BigInt(paise) * BigInt(count);
        if (isSafe(exact)) expect(BigInt(multiplyPaise(paise, count))).toBe(exact);
        else expect(() => multiplyPaise(paise, count)).toThrow(MoneyOverflowError);
      }),
      RUNS,
    );
  });

  it('multiplyPaise throws MoneyOverflowError for a fractional quantity', () => {
    fc.assert(
      fc.property(amount, fc.double({ noInteger: true }), (paise, quantity) => {
        expect(() => multiplyPaise(paise, quantity)).toThrow(MoneyOverflowError);
      }),
      RUNS,
    );
  });
});

describe('roundToRupee', () => {
  const headroom = Number.MAX_SAFE_INTEGER - 100;

  it('for a bill (≥ 0): round-off in −49..+50, a whole number of rupees, rounded = amount + round-off', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: headroom })), (paise) => {
        const { roundedPaise, roundOffPaise } = roundToRupee(paise);
        expect(roundOffPaise).toBeGreaterThanOrEqual(-49);
        expect(roundOffPaise).toBeLessThanOrEqual(50);
        expect(roundedPaise % 100).toBe(0);
        expect(roundedPaise).toBe(paise + roundOffPaise);
      }),
      RUNS,
    );
  });

  it('a negative amount rounds as the mirror of its positive (round-off −50..+49)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: headroom }), (paise) => {
        const positive = roundToRupee(paise);
        const negative = roundToRupee(-paise);
        expect(negative.roundedPaise).toBe(-positive.roundedPaise + 0);
        expect(negative.roundOffPaise).toBe(-positive.roundOffPaise + 0);
        expect(negative.roundedPaise).toBe(-paise + negative.roundOffPaise);
      }),
      RUNS,
    );
  });
});

describe('formatRupees', () => {
  it('groups digits the Indian way and reads back as the same number of paise', () => {
    fc.assert(
      fc.property(amount, (paise) => {
        const text = formatRupees(paise);
        expect(text).toMatch(/^−?₹(?:\d{1,3}|[1-9]\d?(?:,\d{2})*,\d{3})\.\d{2}$/);
        const digits = text.replace(/[−₹,.]/g, '');
        expect(BigInt(digits) * (paise < 0 ? -1n : 1n)).toBe(BigInt(paise));
      }),
      RUNS,
    );
  });
});
