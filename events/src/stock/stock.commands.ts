import { z } from 'zod';
import { Uuid } from '../ids.js';
import { OffsetDateTime } from '../time.js';

/**
 * Quantities are only checked to be numbers here: the decider applies the quantity rules, so a
 * zero, negative or fractional figure is refused with a stock code (`STOCK.INVALID_QUANTITY`)
 * the register can show, not a generic validation error.
 */
const Quantity = z.number({ error: 'must be a number of base units' });

const Adjustment = z.object({
  stockItemId: Uuid,
  storeId: Uuid,
  /** Minted by the register; a retry carries the same id and changes nothing. */
  adjustmentId: Uuid,
  occurredAt: OffsetDateTime,
});

const transfer = <Reason extends 'transfer_in' | 'transfer_out'>(reason: Reason) =>
  Adjustment.extend({
    reason: z.literal(reason),
    quantity: Quantity,
    counterpartStoreId: Uuid,
    /** The same id on both sides, so the sending and the receiving store can be matched. */
    transferId: Uuid,
  });

export const AdjustStock = z.object({
  type: z.literal('AdjustStock'),
  data: z.discriminatedUnion('reason', [
    /** The physical count; the decider cannot know on-hand, so a read model computes the variance. */
    Adjustment.extend({ reason: z.literal('count'), countedQuantity: Quantity }),
    Adjustment.extend({
      reason: z.literal('waste'),
      quantity: Quantity,
      note: z.string().trim().min(1, { message: 'must say why the stock was wasted' }).max(500),
    }),
    Adjustment.extend({
      reason: z.literal('receipt'),
      quantity: Quantity,
      supplierReference: z.string().trim().min(1).max(100).optional(),
    }),
    transfer('transfer_out'),
    transfer('transfer_in'),
  ]),
});
export type AdjustStock = z.infer<typeof AdjustStock>;

export const StockCommand = z.discriminatedUnion('type', [AdjustStock]);
export type StockCommand = z.infer<typeof StockCommand>;
