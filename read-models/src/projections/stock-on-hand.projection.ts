import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { increment, upsert } from '../row-change.js';
import { rmStockOnHand } from '../tables.js';

/**
 * Stock on hand per store and stock item, in base units: sales deplete it (StockDepleted on the
 * order streams), adjustments add their signed delta, and a count sets it to what was counted.
 *
 * Caveat: on hand is the last count plus whatever is projected after it, in log order. A sale
 * made offline before a count but replayed after it is subtracted from a count that already saw
 * it missing. Telling the two apart needs the sale's time against the count's, a comparison of
 * rows a pure change cannot make; the count's own row keeps `last_counted_at` for a report that
 * wants to flag it.
 */
export const stockOnHandProjection: Projection = {
  name: 'stock_on_hand',
  tables: [rmStockOnHand.name],
  eventTypes: ['StockDepleted', 'StockAdjusted'],
  project: (event) => {
    const decoded = decode(event);
    switch (decoded?.type) {
      case 'StockDepleted': {
        const { storeId, stockItemId, quantity } = decoded.data;
        return [
          increment(
            rmStockOnHand,
            { org_id: event.orgId, store_id: storeId, stock_item_id: stockItemId },
            { on_hand: -quantity },
          ),
        ];
      }
      case 'StockAdjusted': {
        const { data } = decoded;
        const key = { org_id: event.orgId, store_id: data.storeId, stock_item_id: data.stockItemId };
        return data.reason === 'count'
          ? [
              upsert(rmStockOnHand, key, {
                on_hand: data.countedQuantity,
                last_counted_quantity: data.countedQuantity,
                last_counted_at: data.occurredAt,
              }),
            ]
          : [increment(rmStockOnHand, key, { on_hand: data.quantityDelta })];
      }
      default:
        return [];
    }
  },
};
