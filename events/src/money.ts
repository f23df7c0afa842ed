import { z } from 'zod';
import { domainError, type DomainError } from './errors.js';

/**
 * Money is an integer number of paise (1 rupee = 100 paise), held in a JS number.
 *
 * Every amount that crosses a boundary (a command, an event, a stored row) is checked with
 * `Number.isSafeInteger`, so arithmetic on it is exact. Anything that multiplies or divides goes
 * through BigInt here: `amount × basisPoints` can pass 2^53 long before the amount itself does.
 * No float ever touches an amount; a ratio is always a pair of integers.
 */
export type Paise = number;

export const PAISE_PER_RUPEE = 100;
/** 10,000 basis points = 100 %. Rates and percentages are integer basis points (18 % = 1800). */
export const BASIS_POINTS = 10_000;

export const Paise = z
  .number({ error: 'must be a number of paise' })
  .refine(Number.isSafeInteger, { message: 'must be a safe integer number of paise (no fractions)' });
export const NonNegativePaise = Paise.refine((value) => value >= 0, { message: 'must not be negative' });
export const PositivePaise = Paise.refine((value) => value > 0, { message: 'must be greater than zero' });

export const BasisPoints = z
  .number()
  .int({ message: 'must be a whole number of basis points' })
  .min(0, { message: 'must not be negative' })
  .max(BASIS_POINTS, { message: 'must not exceed 10000 (100 %)' });

export class MoneyOverflowError extends Error {
  override readonly name = 'MoneyOverflowError';
}

/** Throws when a result leaves the safe-integer range: that is a bug or an absurd input, never a sale. */
export const assertSafePaise = (value: number | bigint, what = 'amount'): Paise => {
  const asNumber = typeof value === 'bigint' ? Number(value) : value;
  if (!Number.isSafeInteger(asNumber) || (typeof value === 'bigint' && BigInt(asNumber) !== value)) {
    throw new MoneyOverflowError(`${what} is not a safe integer number of paise: ${String(value)}`);
  }
  return asNumber;
};

/** Validates an amount at a command boundary, as a value instead of a throw. */
export const checkPaise = (
  value: number,
  path: string,
  options: { min?: number; max?: number } = {},
): DomainError | undefined => {
  if (!Number.isSafeInteger(value)) {
    return domainError('MONEY.NOT_INTEGER_PAISE', path, 'must be a safe integer number of paise');
  }
  if (options.min !== undefined && value < options.min) {
    return domainError('MONEY.TOO_SMALL', path, `must be at least ${formatRupees(options.min)}`);
  }
  if (options.max !== undefined && value > options.max) {
    return domainError('MONEY.TOO_LARGE', path, `must be at most ${formatRupees(options.max)}`);
  }
  return undefined;
};

export const sumPaise = (amounts: Iterable<Paise>): Paise => {
  let total = 0n;
  for (const amount of amounts) total += BigInt(assertSafePaise(amount));
  return assertSafePaise(total, 'sum');
};

export const multiplyPaise = (amount: Paise, quantity: number): Paise => {
  if (!Number.isSafeInteger(quantity)) throw new MoneyOverflowError(`quantity is not an integer: ${quantity}`);
  return assertSafePaise(BigInt(assertSafePaise(amount)) * BigInt(quantity), 'product');
};

/**
 * Integer division rounding half away from zero — the rounding printed on Indian tax invoices
 * ("rounded off to the nearest paisa"; 0.5 paisa goes up). Exact for any integers.
 */
export const divideRoundHalfUp = (numerator: bigint, denominator: bigint): bigint => {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
};

/** `amount × basisPoints / 10,000`, rounded half up to the paisa. 18 % of ₹10.01 (1001 p) is 180 p. */
export const applyBasisPoints = (amount: Paise, basisPoints: number): Paise =>
  assertSafePaise(
    divideRoundHalfUp(BigInt(assertSafePaise(amount)) * BigInt(basisPoints), BigInt(BASIS_POINTS)),
    'percentage',
  );

/**
 * Splits `total` across parts in proportion to `weights` by the largest-remainder method, so the
 * parts always sum to exactly `total` — the way an order-level discount or service charge is
 * spread over the lines it applies to.
 *
 * Each part first gets `floor(total × weight / Σweights)`; the paise left over go one each to the
 * parts with the largest remainders, ties to the earlier part (so the result is deterministic and
 * does not depend on sort stability). Zero total weight spreads nothing: all parts are 0 unless
 * the total is 0 too, which callers must refuse before calling.
 *
 * Example: ₹1.00 (100 p) over three equal lines is [34, 33, 33].
 */
export const allocateByLargestRemainder = (total: Paise, weights: ReadonlyArray<number>): Paise[] => {
  assertSafePaise(total, 'allocation total');
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero amount over no parts');
    return [];
  }
  let weightSum = 0n;
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) throw new RangeError(`invalid weight ${weight}`);
    weightSum += BigInt(weight);
  }
  if (weightSum === 0n) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero amount over zero weights');
    return weights.map(() => 0);
  }
  const negative = total < 0;
  const magnitude = BigInt(negative ? -total : total);
  const floors: bigint[] = [];
  const remainders: Array<{ index: number; remainder: bigint }> = [];
  let allocated = 0n;
  weights.forEach((weight, index) => {
    const scaled = magnitude * BigInt(weight);
    const share = scaled / weightSum;
    floors.push(share);
    remainders.push({ index, remainder: scaled % weightSum });
    allocated += share;
  });
  let leftover = magnitude - allocated;
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    floors[index] = (floors[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return floors.map((part) => assertSafePaise(negative ? -part : part, 'allocated part'));
};

/**
 * Rounds a bill to the whole rupee, half up, as restaurants print it: ₹1,234.49 → ₹1,234 and
 * ₹1,234.50 → ₹1,235. The difference is the bill's explicit round-off line, between −49 and +50 paise.
 */
export const roundToRupee = (amount: Paise): { roundedPaise: Paise; roundOffPaise: Paise } => {
  const rupees = divideRoundHalfUp(BigInt(assertSafePaise(amount)), BigInt(PAISE_PER_RUPEE));
  const roundedPaise = assertSafePaise(rupees * BigInt(PAISE_PER_RUPEE), 'rounded total');
  return { roundedPaise, roundOffPaise: roundedPaise - amount };
};

/** `₹1,23,456.78` — Indian digit grouping, for messages and receipts. */
export const formatRupees = (amount: Paise): string => {
  const negative = amount < 0;
  const magnitude = Math.abs(assertSafePaise(amount));
  const rupees = Math.trunc(magnitude / PAISE_PER_RUPEE).toString();
  const paise = (magnitude % PAISE_PER_RUPEE).toString().padStart(2, '0');
  const lastThree = rupees.slice(-3);
  const rest = rupees.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}₹${rest ? `${rest},` : ''}${lastThree}.${paise}`;
};

/**
 * Rupees as a person types them (`450`, `450.5`, `1,250.00`, `₹1,23,456`) to integer paise, by
 * the digits and never through a float. Refuses a third decimal, a sign or anything else with the
 * reason.
 */
export const parseRupees = (text: string, path: string): Paise | DomainError => {
  const match = /^(\d{1,3}(?:,\d{2,3})*|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/^₹/, ''));
  if (!match) return domainError('MONEY.INVALID', path, `"${text}" is not an amount in rupees like 450 or 450.50`);
  const rupees = Number.parseInt((match[1] as string).replace(/,/g, ''), 10);
  const paise = Number.parseInt((match[2] ?? '0').padEnd(2, '0'), 10);
  const total = rupees * 100 + paise;
  if (!Number.isSafeInteger(total)) return domainError('MONEY.INVALID', path, 'is too large');
  return total;
};
