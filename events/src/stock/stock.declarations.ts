import { declareCommand } from '../command-declaration.js';
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
