import { z } from 'zod';
import { StockQuantity } from '../catalog/catalog-entry.js';
import { Uuid } from '../ids.js';
import { OffsetDateTime } from '../time.js';

const Adjustment = z.object({
  stockItemId: Uuid,
  storeId: Uuid,
  adjustmentId: Uuid,
  occurredAt: OffsetDateTime,
});

const Decrease = StockQuantity.refine((quantity) => quantity < 0, { message: 'must be negative: it removes stock' });
const Increase = StockQuantity.refine((quantity) => quantity > 0, { message: 'must be positive: it adds stock' });

const transfer = <Reason extends 'transfer_in' | 'transfer_out'>(reason: Reason, quantityDelta: typeof Decrease) =>
  Adjustment.extend({ reason: z.literal(reason), quantityDelta, counterpartStoreId: Uuid, transferId: Uuid }).refine(
    (data) => data.counterpartStoreId !== data.storeId,
    { message: 'must be another store than storeId', path: ['counterpartStoreId'] },
  );

/**
 * Stock changed by hand: counted, wasted, received or transferred. Depletion by sales is a
 * separate event on the order's stream (`StockDepleted`), so on hand is a read model's fold of
 * both. A count records the counted figure, not a delta: only the read model, which sees the
 * depletions, can tell the variance.
 */
export const StockAdjusted = z.object({
  type: z.literal('StockAdjusted'),
  data: z.discriminatedUnion('reason', [
    Adjustment.extend({
      reason: z.literal('count'),
      countedQuantity: StockQuantity.refine((quantity) => quantity >= 0, { message: 'must not be negative' }),
    }),
    Adjustment.extend({ reason: z.literal('waste'), quantityDelta: Decrease, note: z.string().min(1).max(500) }),
    Adjustment.extend({
      reason: z.literal('receipt'),
      quantityDelta: Increase,
      supplierReference: z.string().min(1).max(100).optional(),
    }),
    transfer('transfer_out', Decrease),
    transfer('transfer_in', Increase),
  ]),
});
export type StockAdjusted = z.infer<typeof StockAdjusted>;

/** The events of a `stock-<storeId>-<stockItemId>` stream. */
export type StockEvent = StockAdjusted;
