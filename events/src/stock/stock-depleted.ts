import { z } from 'zod';
import type { CatalogView } from '../catalog/catalog-entry.js';
import { StockQuantity } from '../catalog/catalog-entry.js';
import { ImportMarker } from '../sales-import/import-marker.js';

/**
 * A sale used up stock by its recipes. Appended in the same commit as the order it belongs to (on
 * the order's stream), one event per stock item, so stock on hand is the sum of adjustments and
 * depletions and a checkout's effect on stock is as atomic as the checkout itself.
 */
export const StockDepleted = z.object({
  type: z.literal('StockDepleted'),
  data: z.object({
    orderId: z.uuid(),
    storeId: z.uuid(),
    stockItemId: z.uuid(),
    /** Base units used; positive. A refund that restocks records a StockAdjusted receipt instead. */
    quantity: StockQuantity.refine((quantity) => quantity > 0, { message: 'must be greater than zero' }),
    lineIds: z.array(z.uuid()).min(1),
    /** Set when the event came with an import of past sales (sales-import/), not from a till. */
    imported: ImportMarker.optional(),
  }),
});
export type StockDepleted = z.infer<typeof StockDepleted>;

export type SoldLine = { lineId: string; itemId: string; modifierIds: ReadonlyArray<string>; quantity: number };

/**
 * The depletion of a set of sold lines: quantity × recipe of the item and of each modifier,
 * summed per stock item, in order of first use so the result is deterministic. Items without a
 * recipe (a service, an open-priced item) deplete nothing.
 */
export const depletionOf = (
  sold: { orderId: string; storeId: string; lines: ReadonlyArray<SoldLine> },
  catalog: CatalogView,
): StockDepleted[] => {
  const used = new Map<string, { quantity: number; lineIds: string[] }>();
  for (const line of sold.lines) {
    for (const itemId of [line.itemId, ...line.modifierIds]) {
      for (const component of catalog[itemId]?.recipe ?? []) {
        const entry = used.get(component.stockItemId) ?? { quantity: 0, lineIds: [] };
        entry.quantity += component.quantity * line.quantity;
        if (!Number.isSafeInteger(entry.quantity)) throw new RangeError('stock quantity overflow');
        if (!entry.lineIds.includes(line.lineId)) entry.lineIds.push(line.lineId);
        used.set(component.stockItemId, entry);
      }
    }
  }
  return [...used].map(([stockItemId, { quantity, lineIds }]) => ({
    type: 'StockDepleted',
    data: { orderId: sold.orderId, storeId: sold.storeId, stockItemId, quantity, lineIds },
  }));
};
