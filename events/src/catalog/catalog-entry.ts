import { z } from 'zod';
import { PriceListEntry } from '../pricing.js';

/** Stock is counted in whole base units (grams, millilitres, pieces), never fractions. */
export const StockQuantity = z
  .number()
  .int({ message: 'must be a whole number of base units (grams, millilitres, pieces)' })
  .refine(Number.isSafeInteger, { message: 'must be a safe integer' });

export const RecipeComponent = z.object({
  stockItemId: z.uuid(),
  /** Base units used by one unit of the item sold. */
  quantity: StockQuantity.refine((quantity) => quantity > 0, { message: 'must be greater than zero' }),
});
export type RecipeComponent = z.infer<typeof RecipeComponent>;

/**
 * What a checkout needs to know of one catalog item at the moment of sale: its price list entry,
 * whether it may be sold, whether it is a main item or a modifier (extra cheese), and the recipe
 * that depletes stock. The server resolves it from the catalog streams; an offline register from
 * its cache; the deciders treat it as given.
 */
export const CatalogEntry = PriceListEntry.extend({
  kind: z.enum(['item', 'modifier']),
  active: z.boolean(),
  recipe: z.array(RecipeComponent),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

/** The catalog as a checkout sees it, by item id. */
export type CatalogView = Readonly<Record<string, CatalogEntry>>;
