import { z } from 'zod';
import { Uuid } from '../ids.js';
import { balanceQuery, Count, reportHeader } from './period.js';

/**
 * Stock on hand is a balance now, not a period's figure, so the query names no dates: a period
 * is refused with the reason (below), any other unknown parameter by name.
 */
export const StockQuery = balanceQuery(
  "stock on hand is each item's balance now: the read models keep the balance and its last count, not dated receipts, sales and waste, so there is no period to report",
);
export type StockQuery = z.infer<typeof StockQuery>;

/**
 * On hand in base units (grams, millilitres, pieces): the last count plus what was received and
 * less what was sold or wasted since. Negative means more was sold than the record says was
 * there — a missed receipt or a count to redo — and is flagged.
 */
export const StockRow = z.object({
  storeId: Uuid,
  stockItemId: Uuid,
  onHand: Count,
  negative: z.boolean(),
  lastCountedQuantity: Count.nullable(),
  /** ISO 8601, UTC. */
  lastCountedAt: z.string().nullable(),
});
export type StockRow = z.infer<typeof StockRow>;

/** A replayed offline sale that took a stock item below zero: why a balance is negative, and who sold it. */
export const StockConflictRow = z.object({
  storeId: Uuid,
  stockItemId: Uuid,
  orderId: Uuid,
  registerId: Uuid.nullable(),
  onHandAfter: z.number().int(),
  detail: z.string(),
  /** ISO 8601, UTC: when the ledger judged the replayed sale. */
  recordedAt: z.string(),
});
export type StockConflictRow = z.infer<typeof StockConflictRow>;

export const StockReport = z.object({
  ...reportHeader('stock'),
  /** Negative balances first, then by store and stock item. */
  rows: z.array(StockRow),
  negativeItems: Count,
  /** Offline sales that sold stock the records said was not there, newest first. */
  conflicts: z.array(StockConflictRow),
});
export type StockReport = z.infer<typeof StockReport>;
