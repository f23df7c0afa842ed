import { declareCommand } from '../command-declaration.js';
import { DefineStockItem } from './stock-item.commands.js';
import { stockItemDecider } from './stock-item.decider.js';
import { stockItemStreamId } from './stock-item.events.js';
import { AdjustStock } from './stock.commands.js';
import { stockDecider, stockStreamId } from './stock.decider.js';

export const adjustStock = declareCommand({
  type: 'AdjustStock',
  route: { path: '/v1/stock/adjustments', summary: 'Record a stock count, waste, receipt or transfer' },
  data: AdjustStock.shape.data,
  stream: (data) => stockStreamId(data.storeId, data.stockItemId),
  decider: stockDecider,
  authorization: { action: 'stock.adjust', target: (data) => ({ storeId: data.storeId }) },
  command: ({ data }) => ({ type: 'AdjustStock' as const, data }),
});

export const defineStockItem = declareCommand({
  type: 'DefineStockItem',
  route: { path: '/v1/stock/items', summary: 'Name a stock item (an ingredient) and its base unit, or rename it' },
  data: DefineStockItem.shape.data,
  stream: (data) => stockItemStreamId(data.stockItemId),
  decider: stockItemDecider,
  // Stock items are org-wide, so naming one is an org-wide catalog decision.
  authorization: { action: 'catalog.manage', target: (data) => ({ orgId: data.orgId }) },
  command: ({ data }) => ({ type: 'DefineStockItem' as const, data }),
});
