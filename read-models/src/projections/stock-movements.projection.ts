import { decode } from '../decode.js';
import { businessTimeOf } from '../business-time.js';
import type { Projection } from '../projection.js';
import { upsert } from '../row-change.js';
import { rmStockMovements } from '../tables.js';

/**
 * Each stock movement as a dated row (rm_stock_movements), for the stock report over a period.
 * The row is a function of its event alone (its id, time and position), so replaying an event
 * rewrites the same row and a rebuild equals the live table.
 *
 * A sale is dated by the order's envelope time, a count, waste, receipt or transfer by the time
 * the register recorded it; both by the store's zone (invariant 8).
 */
export const stockMovementsProjection: Projection = {
  name: 'stock_movements',
  tables: [rmStockMovements.name],
  eventTypes: ['StockDepleted', 'StockAdjusted'],
  project: (event, context) => {
    const decoded = decode(event);
    if (decoded?.type !== 'StockDepleted' && decoded?.type !== 'StockAdjusted') return [];
    const { storeId, stockItemId } = decoded.data;
    const occurredAt = decoded.type === 'StockAdjusted' ? decoded.data.occurredAt : event.occurredAt;
    const movement =
      decoded.type === 'StockDepleted'
        ? { kind: 'sale', quantity: 0 - decoded.data.quantity }
        : decoded.data.reason === 'count'
          ? { kind: 'count', quantity: decoded.data.countedQuantity }
          : { kind: decoded.data.reason, quantity: decoded.data.quantityDelta };
    return [
      upsert(
        rmStockMovements,
        { org_id: event.orgId, store_id: storeId, stock_item_id: stockItemId, event_id: event.eventId },
        {
          business_date: businessTimeOf(occurredAt, storeId, context).business_date,
          occurred_at: occurredAt,
          global_position: event.globalPosition,
          ...movement,
        },
      ),
    ];
  },
};
