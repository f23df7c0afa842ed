import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { HsnSacCode } from '../gst.js';
import { NonNegativePaise } from '../money.js';
import { OffsetDateTime } from '../time.js';
import { RecipeComponent } from './catalog-entry.js';
import { ItemKind } from './item.commands.js';

export const itemStreamId = (itemId: string): string => `item-${itemId}`;

/** Events carry `null`, never a missing key, for "no override": stored JSON keeps the difference visible. */
export const ItemDefined = z.object({
  type: z.literal('ItemDefined'),
  data: z.object({
    itemId: z.uuid(),
    brandId: z.uuid(),
    name: z.string().min(1),
    kind: ItemKind,
    taxCategoryId: z.uuid(),
    hsnSac: HsnSacCode.nullable(),
    unitPricePaise: NonNegativePaise,
    priceIncludesTax: z.boolean(),
    definedAt: OffsetDateTime,
  }),
});
export type ItemDefined = z.infer<typeof ItemDefined>;

export const ItemPriceChanged = z.object({
  type: z.literal('ItemPriceChanged'),
  data: z.object({
    itemId: z.uuid(),
    /** Null: the brand price, which every store without an override charges. */
    storeId: z.uuid().nullable(),
    unitPricePaise: NonNegativePaise,
    priceIncludesTax: z.boolean(),
    effectiveFrom: OffsetDateTime,
  }),
});
export type ItemPriceChanged = z.infer<typeof ItemPriceChanged>;

export const ItemTaxCategoryAssigned = z.object({
  type: z.literal('ItemTaxCategoryAssigned'),
  data: z.object({
    itemId: z.uuid(),
    taxCategoryId: z.uuid(),
    hsnSac: HsnSacCode.nullable(),
    assignedAt: OffsetDateTime,
  }),
});
export type ItemTaxCategoryAssigned = z.infer<typeof ItemTaxCategoryAssigned>;

export const RecipeSet = z.object({
  type: z.literal('RecipeSet'),
  data: z.object({
    itemId: z.uuid(),
    components: z.array(RecipeComponent),
    setAt: OffsetDateTime,
  }),
});
export type RecipeSet = z.infer<typeof RecipeSet>;

export const ItemDeactivated = z.object({
  type: z.literal('ItemDeactivated'),
  data: z.object({
    itemId: z.uuid(),
    reason: z.string().min(1),
    deactivatedAt: OffsetDateTime,
  }),
});
export type ItemDeactivated = z.infer<typeof ItemDeactivated>;

export const ItemReactivated = z.object({
  type: z.literal('ItemReactivated'),
  data: z.object({
    itemId: z.uuid(),
    reactivatedAt: OffsetDateTime,
  }),
});
export type ItemReactivated = z.infer<typeof ItemReactivated>;

export const ItemRenamed = z.object({
  type: z.literal('ItemRenamed'),
  data: z.object({
    itemId: z.uuid(),
    name: z.string().min(1),
    renamedAt: OffsetDateTime,
  }),
});
export type ItemRenamed = z.infer<typeof ItemRenamed>;

export type ItemEvent =
  | ItemDefined
  | ItemPriceChanged
  | ItemTaxCategoryAssigned
  | RecipeSet
  | ItemDeactivated
  | ItemReactivated
  | ItemRenamed;

export const itemEventDefinitions: EventDefinition[] = [
  { schema: ItemDefined, schemaVersion: 1 },
  { schema: ItemPriceChanged, schemaVersion: 1 },
  { schema: ItemTaxCategoryAssigned, schemaVersion: 1 },
  { schema: RecipeSet, schemaVersion: 1 },
  { schema: ItemDeactivated, schemaVersion: 1 },
  { schema: ItemReactivated, schemaVersion: 1 },
  { schema: ItemRenamed, schemaVersion: 1 },
];
