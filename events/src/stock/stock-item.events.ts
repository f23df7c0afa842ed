import { z } from 'zod';
import { Uuid } from '../ids.js';
import { OffsetDateTime } from '../time.js';
import { StockUnit } from './stock-item.commands.js';

export const StockItemDefined = z.object({
  type: z.literal('StockItemDefined'),
  data: z.object({ stockItemId: Uuid, name: z.string().min(1), unit: StockUnit, definedAt: OffsetDateTime }),
});
export type StockItemDefined = z.infer<typeof StockItemDefined>;

export const StockItemRenamed = z.object({
  type: z.literal('StockItemRenamed'),
  data: z.object({ stockItemId: Uuid, name: z.string().min(1), renamedAt: OffsetDateTime }),
});
export type StockItemRenamed = z.infer<typeof StockItemRenamed>;

export type StockItemEvent = StockItemDefined | StockItemRenamed;

/** One stream per stock item of an org (the store keys streams by org as well). */
export const stockItemStreamId = (stockItemId: string): string => `stock_item-${stockItemId}`;
