import { decode } from './decode.js';
import type { ProjectionContext, SoldOrder } from './projection.js';

/**
 * The order whose sale the projector must resolve before projecting this event, or null. Only
 * events that follow a sale need it (a void, a refund, a tip adjustment), so a checkout costs no
 * read; the projector reads those orders' streams once per batch and folds them with
 * `soldOrderFrom`.
 */
export const orderToResolve = (event: { type: string; data: unknown }): string | null => {
  const decoded = decode(event);
  switch (decoded?.type) {
    case 'OrderVoided':
    case 'OrderRefunded':
    case 'TipAdjusted':
      return decoded.data.orderId;
    default:
      return null;
  }
};

/** The sale recorded on an order stream, from its events in stream order; undefined before OrderPlaced. */
export const soldOrderFrom = (orderStream: ReadonlyArray<{ type: string; data: unknown }>): SoldOrder | undefined => {
  let sold: SoldOrder | undefined;
  for (const event of orderStream) {
    const decoded = decode(event);
    if (decoded?.type === 'OrderPlaced') sold = { placed: decoded.data, tenders: [] };
    if (decoded?.type === 'PaymentTendered' && sold) sold = { ...sold, tenders: [...sold.tenders, decoded.data] };
  }
  return sold;
};

export class UnresolvedOrderError extends Error {
  override readonly name = 'UnresolvedOrderError';
  constructor(readonly orderId: string) {
    super(`order ${orderId} was not resolved: the projector must supply the sale of every order in orderToResolve`);
  }
}

/** Thrown rather than skipped: a refund projected without its sale would silently misstate tax. */
export const requireSoldOrder = (context: ProjectionContext, orderId: string): SoldOrder => {
  const sold = context.soldOrder(orderId);
  if (!sold) throw new UnresolvedOrderError(orderId);
  return sold;
};
