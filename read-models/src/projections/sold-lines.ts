import type { PricedLine } from '@possier/events';
import type { SoldOrder } from '../projection.js';

/** A refunded line with the sold line it came from. */
export type RefundedSoldLine = {
  line: PricedLine;
  quantity: number;
  amounts: { taxablePaise: number; cgstPaise: number; sgstPaise: number; igstPaise: number };
};

export class UnknownOrderLineError extends Error {
  override readonly name = 'UnknownOrderLineError';
  constructor(
    readonly orderId: string,
    readonly lineId: string,
  ) {
    super(`order ${orderId} has no line ${lineId}`);
  }
}

/** Pairs each refunded line with its sold line, which carries the item, HSN/SAC and rate. */
export const refundedSoldLines = (
  sold: SoldOrder,
  refunded: ReadonlyArray<{
    lineId: string;
    quantity: number;
    taxablePaise: number;
    cgstPaise: number;
    sgstPaise: number;
    igstPaise: number;
  }>,
): RefundedSoldLine[] =>
  refunded.map(({ lineId, quantity, ...amounts }) => {
    const line = sold.placed.lines.find((candidate) => candidate.lineId === lineId);
    if (!line) throw new UnknownOrderLineError(sold.placed.orderId, lineId);
    return { line, quantity, amounts };
  });

/** A void reverses every line in full: an order with refunds cannot be voided. */
export const voidedSoldLines = (sold: SoldOrder): RefundedSoldLine[] =>
  sold.placed.lines.map((line) => ({ line, quantity: line.quantity, amounts: line }));
