import { assertSafePaise } from '@possier/events';

type Stored = bigint | number | string | null | undefined;

export class UnsafeIntegerError extends Error {
  override readonly name = 'UnsafeIntegerError';
}

/**
 * A sum or column read back from PostgreSQL as an exact JS number. Money columns are `bigint` and
 * a sum of them is `numeric`, both selected as text; one that no longer fits a safe integer is a
 * fault to surface, never a figure to round. A sum over no rows (null) is 0.
 */
export const paiseOf = (value: Stored, what = 'amount'): number => assertSafePaise(BigInt(value ?? 0), what);

/** Counts and quantities, checked the same way. */
export const countOf = (value: Stored, what = 'count'): number => {
  const exact = BigInt(value ?? 0);
  const asNumber = Number(exact);
  if (!Number.isSafeInteger(asNumber)) throw new UnsafeIntegerError(`${what} is not a safe integer: ${exact}`);
  return asNumber;
};

/** A nullable column: null stays null. */
export const nullablePaiseOf = (value: string | null, what?: string): number | null =>
  value === null ? null : paiseOf(value, what);

/** A nullable count: null stays null. */
export const nullableCountOf = (value: string | null, what?: string): number | null =>
  value === null ? null : countOf(value, what);
