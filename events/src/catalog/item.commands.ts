import { z } from 'zod';
import { HsnSacCode } from '../gst.js';
import { NonNegativePaise } from '../money.js';
import { OffsetDateTime } from '../time.js';
import { RecipeComponent } from './catalog-entry.js';

export const ItemKind = z.enum(['item', 'modifier']);
export type ItemKind = z.infer<typeof ItemKind>;

const ItemName = z.string().trim().min(1).max(120);

/** An item belongs to a brand's menu; a store may override its price (see ChangeItemPrice). */
export const DefineItem = z.object({
  type: z.literal('DefineItem'),
  data: z.object({
    itemId: z.uuid(),
    brandId: z.uuid(),
    name: ItemName,
    kind: ItemKind,
    taxCategoryId: z.uuid(),
    /** Overrides the tax category's default code; absent means the category's applies. */
    hsnSac: HsnSacCode.optional(),
    unitPricePaise: NonNegativePaise,
    priceIncludesTax: z.boolean(),
    at: OffsetDateTime,
  }),
});
export type DefineItem = z.infer<typeof DefineItem>;

export const ChangeItemPrice = z.object({
  type: z.literal('ChangeItemPrice'),
  data: z.object({
    itemId: z.uuid(),
    unitPricePaise: NonNegativePaise,
    priceIncludesTax: z.boolean(),
    effectiveFrom: OffsetDateTime,
    /** Present: the price of this item in that store only (airport outlets charge more). */
    storeId: z.uuid().optional(),
  }),
});
export type ChangeItemPrice = z.infer<typeof ChangeItemPrice>;

/**
 * States the item's whole tax classification: the category and the item's own HSN/SAC override,
 * absent meaning "the category's code". Moving a drink to another slab usually changes its code too.
 */
export const AssignTaxCategory = z.object({
  type: z.literal('AssignTaxCategory'),
  data: z.object({
    itemId: z.uuid(),
    taxCategoryId: z.uuid(),
    hsnSac: HsnSacCode.optional(),
    at: OffsetDateTime,
  }),
});
export type AssignTaxCategory = z.infer<typeof AssignTaxCategory>;

/** Replaces the whole recipe; an empty list clears it (the item then depletes no stock). */
export const SetRecipe = z.object({
  type: z.literal('SetRecipe'),
  data: z.object({
    itemId: z.uuid(),
    components: z.array(RecipeComponent).max(100),
    at: OffsetDateTime,
  }),
});
export type SetRecipe = z.infer<typeof SetRecipe>;

export const DeactivateItem = z.object({
  type: z.literal('DeactivateItem'),
  data: z.object({
    itemId: z.uuid(),
    reason: z.string().trim().min(1).max(200),
    at: OffsetDateTime,
  }),
});
export type DeactivateItem = z.infer<typeof DeactivateItem>;

export const ReactivateItem = z.object({
  type: z.literal('ReactivateItem'),
  data: z.object({
    itemId: z.uuid(),
    at: OffsetDateTime,
  }),
});
export type ReactivateItem = z.infer<typeof ReactivateItem>;

export const RenameItem = z.object({
  type: z.literal('RenameItem'),
  data: z.object({
    itemId: z.uuid(),
    name: ItemName,
    at: OffsetDateTime,
  }),
});
export type RenameItem = z.infer<typeof RenameItem>;

export const ItemCommand = z.discriminatedUnion('type', [
  DefineItem,
  ChangeItemPrice,
  AssignTaxCategory,
  SetRecipe,
  DeactivateItem,
  ReactivateItem,
  RenameItem,
]);
export type ItemCommand = z.infer<typeof ItemCommand>;
