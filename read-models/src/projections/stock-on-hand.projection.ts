import { stockMovementOf } from '@possier/events';
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
    if (decoded?.type !== 'StockDepleted' && decoded?.type !== 'StockAdjusted') return [];
    const movement = stockMovementOf(decoded);
    const key = { org_id: event.orgId, store_id: movement.storeId, stock_item_id: movement.stockItemId };
    if (movement.kind === 'shift') return [increment(rmStockOnHand, key, { on_hand: movement.quantity })];
    return [
      upsert(rmStockOnHand, key, {
        on_hand: movement.quantity,
        last_counted_quantity: movement.quantity,
        last_counted_at: decoded.type === 'StockAdjusted' ? decoded.data.occurredAt : null,
      }),
    ];
  },
};
