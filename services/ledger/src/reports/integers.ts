import { assertSafePaise } from '@possier/events';

type Stored = bigint | number | string | null | undefined;

export class UnsafeIntegerError extends Error {
  override readonly name = 'UnsafeIntegerError';
}

/**
 * A sum or column read back from PostgreSQL as an exact JS number. Money columns are `bigint`
 * (Prisma hands them over as BigInt, a raw `::text` sum as a string); one that no longer fits a
 * safe integer is a fault to surface, never a figure to round. A sum over no rows is 0.
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
export const nullablePaiseOf = (value: bigint | null, what?: string): number | null =>
  value === null ? null : paiseOf(value, what);

/** A `date` column as its calendar date: Prisma reads it as midnight UTC of that date. */
export const isoDateOf = (date: Date): string => date.toISOString().slice(0, 10);

/** A period's bounds as a filter on a `date` column, both ends included. */
export const dateRange = (from: string, to: string) => ({
  gte: new Date(`${from}T00:00:00Z`),
  lte: new Date(`${to}T00:00:00Z`),
});
