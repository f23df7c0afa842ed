import type { STOCK_MOVEMENT_KINDS } from '../tables.js';

export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/** A row of rm_stock_movements as the period fold reads it: a signed change, or a count's quantity. */
export type DatedMovement = { kind: StockMovementKind; quantity: number };

export type StockPeriodFigures = {
  openingOnHand: number;
  received: number;
  transferredIn: number;
  transferredOut: number;
  sold: number;
  wasted: number;
  counts: number;
  countVariance: number;
  closingOnHand: number;
};

const exact = (value: number): number => {
  if (!Number.isSafeInteger(value)) throw new RangeError('stock quantity overflow');
  return value;
};

/**
 * One stock item's period, from its on hand at the opening and its movements in the order they
 * happened: a count sets on hand and records counted − on hand before it as variance; everything
 * else shifts on hand and is summed by kind. Every movement lands in exactly one figure, so
 * closing = opening + received + transferredIn − transferredOut − sold − wasted + countVariance.
 */
export const stockPeriodOf = (openingOnHand: number, movements: ReadonlyArray<DatedMovement>): StockPeriodFigures => {
  const figures: StockPeriodFigures = {
    openingOnHand,
    received: 0,
    transferredIn: 0,
    transferredOut: 0,
    sold: 0,
    wasted: 0,
    counts: 0,
    countVariance: 0,
    closingOnHand: openingOnHand,
  };
  for (const { kind, quantity } of movements) {
    if (kind === 'count') {
      figures.counts += 1;
      figures.countVariance = exact(figures.countVariance + quantity - figures.closingOnHand);
      figures.closingOnHand = quantity;
      continue;
    }
    figures.closingOnHand = exact(figures.closingOnHand + quantity);
    switch (kind) {
      case 'receipt':
        figures.received = exact(figures.received + quantity);
        break;
      case 'transfer_in':
        figures.transferredIn = exact(figures.transferredIn + quantity);
        break;
      case 'transfer_out':
        figures.transferredOut = exact(figures.transferredOut - quantity);
        break;
      case 'sale':
        figures.sold = exact(figures.sold - quantity);
        break;
      case 'waste':
        figures.wasted = exact(figures.wasted - quantity);
        break;
    }
  }
  return figures;
};
