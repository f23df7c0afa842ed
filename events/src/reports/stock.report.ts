import { z } from 'zod';
import { Uuid } from '../ids.js';
import { balanceOrPeriodQuery, Count, reportHeader, ReportPeriod } from './period.js';

/**
 * Without dates, stock on hand now; with `from` and `to` (store-local business dates, both
 * included), each item's opening on hand, what was received, sold, wasted and transferred, the
 * variance its counts found, and its closing on hand.
 */
export const StockQuery = balanceOrPeriodQuery();
export type StockQuery = z.infer<typeof StockQuery>;

/**
 * On hand in base units (grams, millilitres, pieces): the last count plus what was received and
 * less what was sold or wasted since. Negative means more was sold than the record says was
 * there — a missed receipt or a count to redo — and is flagged.
 */
export const StockRow = z.object({
  storeId: Uuid,
  stockItemId: Uuid,
  /** What the org named the item (DefineStockItem); null until it is named. */
  stockItemName: z.string().nullable(),
  /** The base unit its quantities count in; null until the item is named. */
  unit: z.string().nullable(),
  onHand: Count,
  negative: z.boolean(),
  lastCountedQuantity: Count.nullable(),
  /** ISO 8601, UTC. */
  lastCountedAt: z.string().nullable(),
});
export type StockRow = z.infer<typeof StockRow>;

/**
 * One stock item of one store over a period, in base units. The figures add up:
 * closing = opening + received + transferredIn − transferredOut − sold − wasted + countVariance.
 * A count sets on hand to what was counted; its variance is counted − on hand just before it
 * (negative: stock missing). Movements are taken in the order they happened (their recorded time,
 * then log order), so a sale made offline before a count counts before it. No cost is recorded
 * with receipts, so the figures are quantities, not values.
 */
export const StockPeriodRow = z.object({
  storeId: Uuid,
  stockItemId: Uuid,
  stockItemName: z.string().nullable(),
  unit: z.string().nullable(),
  openingOnHand: Count,
  received: Count,
  transferredIn: Count,
  transferredOut: Count,
  sold: Count,
  wasted: Count,
  counts: Count,
  countVariance: Count,
  closingOnHand: Count,
  negative: z.boolean(),
});
export type StockPeriodRow = z.infer<typeof StockPeriodRow>;

/** A replayed offline sale that took a stock item below zero: why a balance is negative, and who sold it. */
export const StockConflictRow = z.object({
  storeId: Uuid,
  stockItemId: Uuid,
  stockItemName: z.string().nullable(),
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
  /** The period asked for, or null for the balance now. */
  period: ReportPeriod,
  /** The balance now (empty for a period): negative balances first, then by store and stock item name. */
  rows: z.array(StockRow),
  /** Each item's movements over the period (empty for the balance now), by store and stock item name. */
  movements: z.array(StockPeriodRow),
  /** Items below zero now, or at the close of the period. */
  negativeItems: Count,
  /** Offline sales that sold stock the records said was not there, newest first. */
  conflicts: z.array(StockConflictRow),
});
export type StockReport = z.infer<typeof StockReport>;
