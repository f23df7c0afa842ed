import { z } from 'zod';
import { Uuid } from '../ids.js';
import { OffsetDateTime } from '../time.js';

/** The base unit every quantity of a stock item counts in: recipes, counts, receipts, waste. */
export const StockUnit = z.enum(['g', 'ml', 'piece']);
export type StockUnit = z.infer<typeof StockUnit>;

/**
 * Names an ingredient the org keeps in stock ("Pizza dough", counted in g), the way an owner sets
 * it up before writing recipes or counting. Stock items are org-wide: every store and brand that
 * uses the id means the same ingredient. Sent again with another name, it renames the item; the
 * unit is fixed once given, since every quantity already recorded counts in it.
 */
export const DefineStockItem = z.object({
  type: z.literal('DefineStockItem'),
  data: z.object({
    stockItemId: Uuid,
    /** The org the item belongs to: naming one is an org-wide decision, checked against the caller's scope. */
    orgId: Uuid,
    name: z.string().trim().min(1, { message: 'must name the ingredient' }).max(100),
    unit: StockUnit,
    at: OffsetDateTime,
  }),
});
export type DefineStockItem = z.infer<typeof DefineStockItem>;

export const StockItemCommand = z.discriminatedUnion('type', [DefineStockItem]);
export type StockItemCommand = z.infer<typeof StockItemCommand>;
