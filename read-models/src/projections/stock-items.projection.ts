import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { update, upsert } from '../row-change.js';
import { rmStockItems } from '../tables.js';

/** Stock item names, so the stock report shows "Pizza dough", not an id. */
export const stockItemsProjection: Projection = {
  name: 'stock_items',
  tables: [rmStockItems.name],
  eventTypes: ['StockItemDefined', 'StockItemRenamed'],
  project: (event) => {
    const decoded = decode(event);
    if (decoded?.type === 'StockItemDefined') {
      const { stockItemId, name, unit } = decoded.data;
      return [upsert(rmStockItems, { org_id: event.orgId, stock_item_id: stockItemId }, { name, unit })];
    }
    if (decoded?.type === 'StockItemRenamed') {
      const { stockItemId, name } = decoded.data;
      return [update(rmStockItems, { org_id: event.orgId, stock_item_id: stockItemId }, { name })];
    }
    return [];
  },
};
