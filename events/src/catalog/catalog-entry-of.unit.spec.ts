import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider.js';
import { AT, BRAND, id, LATER, ORG, OTHER_STORE, STORE } from '../testing/fixtures.js';
import { CatalogEntry } from './catalog-entry.js';
import { catalogEntryOf } from './catalog-entry-of.js';
import { catalogEventDefinitions } from './catalog-event-definitions.js';
import { itemDecider, type DefinedItem } from './item.decider.js';
import type { ItemEvent } from './item.events.js';
import { taxCategoryDecider, type DefinedTaxCategory } from './tax-category.decider.js';
import type { TaxCategoryEvent } from './tax-category.events.js';

const ITEM = id(0x1701);
const TAX_CATEGORY = id(0x7c1);
const PANEER = id(0x5701);

const categoryDefined: TaxCategoryEvent = {
  type: 'TaxCategoryDefined',
  data: {
    taxCategoryId: TAX_CATEGORY,
    orgId: ORG,
    name: 'Restaurant service',
    rateBasisPoints: 500,
    hsnSac: '996331',
    definedAt: AT,
  },
};

const itemDefined: ItemEvent = {
  type: 'ItemDefined',
  data: {
    itemId: ITEM,
    brandId: BRAND,
    name: 'Paneer tikka',
    kind: 'item',
    taxCategoryId: TAX_CATEGORY,
    hsnSac: null,
    unitPricePaise: 28_000,
    priceIncludesTax: false,
    definedAt: AT,
  },
};

const storePrice: ItemEvent = {
  type: 'ItemPriceChanged',
  data: { itemId: ITEM, storeId: STORE, unitPricePaise: 33_600, priceIncludesTax: true, effectiveFrom: LATER },
};

const foldItem = (events: ItemEvent[]): DefinedItem => {
  const state = foldEvents(itemDecider, events);
  if (state.status !== 'defined') throw new Error('item not defined');
  return state;
};

const foldCategory = (events: TaxCategoryEvent[]): DefinedTaxCategory => {
  const state = foldEvents(taxCategoryDecider, events);
  if (state.status !== 'defined') throw new Error('tax category not defined');
  return state;
};

const category = foldCategory([categoryDefined]);

describe('catalogEntryOf', () => {
  it('resolves the brand price, the category rate and code, active, with no recipe', () => {
    const entry = catalogEntryOf(foldItem([itemDefined]), category);
    expect(entry).toEqual({
      itemId: ITEM,
      name: 'Paneer tikka',
      hsnSac: '996331',
      unitPricePaise: 28_000,
      priceIncludesTax: false,
      taxRateBasisPoints: 500,
      kind: 'item',
      active: true,
      recipe: [],
    });
    expect(CatalogEntry.safeParse(entry).success).toBe(true);
  });

  it("uses a store's override in that store, and the brand price elsewhere", () => {
    const item = foldItem([itemDefined, storePrice]);
    expect(catalogEntryOf(item, category, STORE)).toMatchObject({ unitPricePaise: 33_600, priceIncludesTax: true });
    expect(catalogEntryOf(item, category, OTHER_STORE)).toMatchObject({
      unitPricePaise: 28_000,
      priceIncludesTax: false,
    });
    expect(catalogEntryOf(item, category)).toMatchObject({ unitPricePaise: 28_000, priceIncludesTax: false });
  });

  it("prefers the item's HSN/SAC over its category's", () => {
    const item = foldItem([{ ...itemDefined, data: { ...itemDefined.data, hsnSac: '21069099' } }]);
    expect(catalogEntryOf(item, category).hsnSac).toBe('21069099');
  });

  it("follows a change of the category's rate", () => {
    const changed = foldCategory([
      categoryDefined,
      {
        type: 'TaxRateChanged',
        data: {
          taxCategoryId: TAX_CATEGORY,
          previousRateBasisPoints: 500,
          rateBasisPoints: 1800,
          effectiveFrom: LATER,
          reason: 'notified',
        },
      },
    ]);
    expect(catalogEntryOf(foldItem([itemDefined]), changed).taxRateBasisPoints).toBe(1800);
  });

  it('carries the kind, the recipe and an inactive flag', () => {
    const item = foldItem([
      { ...itemDefined, data: { ...itemDefined.data, kind: 'modifier' } },
      { type: 'RecipeSet', data: { itemId: ITEM, components: [{ stockItemId: PANEER, quantity: 40 }], setAt: LATER } },
      { type: 'ItemDeactivated', data: { itemId: ITEM, reason: 'out of season', deactivatedAt: LATER } },
      { type: 'ItemRenamed', data: { itemId: ITEM, name: 'Extra paneer', renamedAt: LATER } },
    ]);
    expect(catalogEntryOf(item, category)).toMatchObject({
      name: 'Extra paneer',
      kind: 'modifier',
      active: false,
      recipe: [{ stockItemId: PANEER, quantity: 40 }],
    });
  });

  it('refuses to price an item with a tax category it is not in', () => {
    const other = foldCategory([{ ...categoryDefined, data: { ...categoryDefined.data, taxCategoryId: id(0x7c9) } }]);
    expect(() => catalogEntryOf(foldItem([itemDefined]), other)).toThrow(/tax category/);
  });
});

describe('catalogEventDefinitions', () => {
  it('lists every catalog event once, at schema version 1', () => {
    expect(catalogEventDefinitions.map((definition) => definition.schema.shape.type.value).sort()).toEqual([
      'ItemDeactivated',
      'ItemDefined',
      'ItemPriceChanged',
      'ItemReactivated',
      'ItemRenamed',
      'ItemTaxCategoryAssigned',
      'RecipeSet',
      'TaxCategoryDefined',
      'TaxRateChanged',
    ]);
    expect(catalogEventDefinitions.every((definition) => definition.schemaVersion === 1)).toBe(true);
  });
});
