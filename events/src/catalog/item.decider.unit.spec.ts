import { describe, expect, it } from 'vitest';
import { spec } from '../testing/decider-spec.js';
import { AT, BRAND, id, LATER, STORE } from '../testing/fixtures.js';
import type {
  AssignTaxCategory,
  ChangeItemPrice,
  DeactivateItem,
  DefineItem,
  ReactivateItem,
  RenameItem,
  SetRecipe,
} from './item.commands.js';
import { itemDecider } from './item.decider.js';
import {
  itemStreamId,
  type ItemDeactivated,
  type ItemDefined,
  type ItemPriceChanged,
  type ItemTaxCategoryAssigned,
  type RecipeSet,
} from './item.events.js';

const ITEM = id(0x1701);
const RESTAURANT_SERVICE = id(0x7c1);
const PACKAGED_DRINKS = id(0x7c2);
const PANEER = id(0x5701);
const BUTTER = id(0x5702);

const define: DefineItem = {
  type: 'DefineItem',
  data: {
    itemId: ITEM,
    brandId: BRAND,
    name: 'Paneer tikka',
    kind: 'item',
    taxCategoryId: RESTAURANT_SERVICE,
    unitPricePaise: 28_000,
    priceIncludesTax: false,
    at: AT,
  },
};

const defined: ItemDefined = {
  type: 'ItemDefined',
  data: {
    itemId: ITEM,
    brandId: BRAND,
    name: 'Paneer tikka',
    kind: 'item',
    taxCategoryId: RESTAURANT_SERVICE,
    hsnSac: null,
    unitPricePaise: 28_000,
    priceIncludesTax: false,
    definedAt: AT,
  },
};

const changePrice = (unitPricePaise: number, storeId?: string): ChangeItemPrice => ({
  type: 'ChangeItemPrice',
  data: {
    itemId: ITEM,
    unitPricePaise,
    priceIncludesTax: false,
    effectiveFrom: LATER,
    ...(storeId ? { storeId } : {}),
  },
});

const priceChanged = (unitPricePaise: number, storeId: string | null = null): ItemPriceChanged => ({
  type: 'ItemPriceChanged',
  data: { itemId: ITEM, storeId, unitPricePaise, priceIncludesTax: false, effectiveFrom: LATER },
});

const assign = (taxCategoryId: string, hsnSac?: string): AssignTaxCategory => ({
  type: 'AssignTaxCategory',
  data: { itemId: ITEM, taxCategoryId, ...(hsnSac ? { hsnSac } : {}), at: LATER },
});

const assigned: ItemTaxCategoryAssigned = {
  type: 'ItemTaxCategoryAssigned',
  data: { itemId: ITEM, taxCategoryId: PACKAGED_DRINKS, hsnSac: '22021010', assignedAt: LATER },
};

const recipe = [
  { stockItemId: PANEER, quantity: 180 },
  { stockItemId: BUTTER, quantity: 15 },
];

const setRecipe = (components: SetRecipe['data']['components']): SetRecipe => ({
  type: 'SetRecipe',
  data: { itemId: ITEM, components, at: LATER },
});

const recipeSet: RecipeSet = { type: 'RecipeSet', data: { itemId: ITEM, components: recipe, setAt: LATER } };

const deactivate: DeactivateItem = {
  type: 'DeactivateItem',
  data: { itemId: ITEM, reason: 'seasonal menu', at: LATER },
};
const deactivated: ItemDeactivated = {
  type: 'ItemDeactivated',
  data: { itemId: ITEM, reason: 'seasonal menu', deactivatedAt: LATER },
};
const reactivate: ReactivateItem = { type: 'ReactivateItem', data: { itemId: ITEM, at: LATER } };
const rename = (name: string): RenameItem => ({ type: 'RenameItem', data: { itemId: ITEM, name, at: LATER } });

const item = spec(itemDecider);

describe('item stream id', () => {
  it('is item-<itemId>', () => {
    expect(itemStreamId(ITEM)).toBe(`item-${ITEM}`);
  });
});

describe('item: none', () => {
  it('is defined, active, with no recipe and no HSN/SAC override', () => {
    item.given([]).when(define).then([defined]);
  });

  it('records an HSN/SAC override given at definition', () => {
    item
      .given([])
      .when({ ...define, data: { ...define.data, hsnSac: '21069099' } })
      .then([{ ...defined, data: { ...defined.data, hsnSac: '21069099' } }]);
  });

  it('may be defined as a modifier at a price of zero', () => {
    item
      .given([])
      .when({ ...define, data: { ...define.data, kind: 'modifier', unitPricePaise: 0 } })
      .then([{ ...defined, data: { ...defined.data, kind: 'modifier', unitPricePaise: 0 } }]);
  });

  it('refuses a negative price', () => {
    item
      .given([])
      .when({ ...define, data: { ...define.data, unitPricePaise: -1 } })
      .thenFails('VALIDATION.INVALID', 'data.unitPricePaise');
  });

  it('refuses a price in fractions of a paisa', () => {
    item
      .given([])
      .when({ ...define, data: { ...define.data, unitPricePaise: 280.5 } })
      .thenFails('VALIDATION.INVALID', 'data.unitPricePaise');
  });

  it('refuses a kind other than item or modifier', () => {
    item
      .given([])
      .when({ ...define, data: { ...define.data, kind: 'combo' } } as never)
      .thenFails('VALIDATION.INVALID', 'data.kind');
  });

  it.each([
    ['ChangeItemPrice', changePrice(30_000)],
    ['AssignTaxCategory', assign(PACKAGED_DRINKS)],
    ['SetRecipe', setRecipe(recipe)],
    ['DeactivateItem', deactivate],
    ['ReactivateItem', reactivate],
    ['RenameItem', rename('Paneer tikka (8 pc)')],
  ])('refuses %s before the item is defined', (_name, command) => {
    item.given([]).when(command).thenFails('CATALOG.ITEM_NOT_DEFINED', 'data.itemId');
  });
});

describe('item: defined and active', () => {
  it('refuses a second definition', () => {
    item.given([defined]).when(define).thenFails('CATALOG.ITEM_ALREADY_DEFINED', 'data.itemId');
  });

  describe('price', () => {
    it('changes the brand price', () => {
      item
        .given([defined])
        .when(changePrice(30_000))
        .then([priceChanged(30_000)]);
    });

    it('records a switch to a tax-inclusive price even at the same amount', () => {
      item
        .given([defined])
        .when({ ...changePrice(28_000), data: { ...changePrice(28_000).data, priceIncludesTax: true } })
        .then([{ ...priceChanged(28_000), data: { ...priceChanged(28_000).data, priceIncludesTax: true } }]);
    });

    it('treats a change to the brand price already in force as a no-op', () => {
      item.given([defined]).when(changePrice(28_000)).then([]);
    });

    it('overrides the price in one store', () => {
      item
        .given([defined])
        .when(changePrice(32_000, STORE))
        .then([priceChanged(32_000, STORE)]);
    });

    it('records a store price equal to the brand price when the store had none, pinning it', () => {
      item
        .given([defined])
        .when(changePrice(28_000, STORE))
        .then([priceChanged(28_000, STORE)]);
    });

    it("treats a change to the store's price already in force as a no-op", () => {
      item
        .given([defined, priceChanged(32_000, STORE)])
        .when(changePrice(32_000, STORE))
        .then([]);
    });

    it('keeps store overrides when the brand price changes', () => {
      item
        .given([defined, priceChanged(32_000, STORE), priceChanged(30_000)])
        .when(changePrice(32_000, STORE))
        .thenEvents((events, state) => {
          expect(events).toEqual([]);
          expect(state).toMatchObject({
            price: { unitPricePaise: 30_000, priceIncludesTax: false },
            storePrices: { [STORE]: { unitPricePaise: 32_000, priceIncludesTax: false } },
          });
        });
    });

    it('refuses a store id that is not a UUID', () => {
      item.given([defined]).when(changePrice(32_000, 'store-1')).thenFails('VALIDATION.INVALID', 'data.storeId');
    });
  });

  describe('tax category', () => {
    it('assigns another category with its own HSN/SAC', () => {
      item.given([defined]).when(assign(PACKAGED_DRINKS, '22021010')).then([assigned]);
    });

    it('clears the HSN/SAC override when the assignment gives none', () => {
      item
        .given([defined, assigned])
        .when(assign(PACKAGED_DRINKS))
        .then([{ ...assigned, data: { ...assigned.data, hsnSac: null } }]);
    });

    it('treats the same category and override as a no-op', () => {
      item.given([defined]).when(assign(RESTAURANT_SERVICE)).then([]);
      item.given([defined, assigned]).when(assign(PACKAGED_DRINKS, '22021010')).then([]);
    });
  });

  describe('recipe', () => {
    it('sets the recipe', () => {
      item.given([defined]).when(setRecipe(recipe)).then([recipeSet]);
    });

    it('clears the recipe with an empty list', () => {
      item
        .given([defined, recipeSet])
        .when(setRecipe([]))
        .then([{ type: 'RecipeSet', data: { itemId: ITEM, components: [], setAt: LATER } }]);
    });

    it('treats the recipe already set as a no-op', () => {
      item.given([defined, recipeSet]).when(setRecipe(recipe)).then([]);
      item.given([defined]).when(setRecipe([])).then([]);
    });

    it('records a changed quantity of a component', () => {
      const components = [{ stockItemId: PANEER, quantity: 200 }, recipe[1]!];
      item
        .given([defined, recipeSet])
        .when(setRecipe(components))
        .then([{ type: 'RecipeSet', data: { itemId: ITEM, components, setAt: LATER } }]);
    });

    it('refuses a stock item listed twice, naming the second occurrence', () => {
      item
        .given([defined])
        .when(setRecipe([...recipe, { stockItemId: PANEER, quantity: 20 }]))
        .thenFails('CATALOG.DUPLICATE_RECIPE_COMPONENT', 'data.components.2.stockItemId');
    });

    it('refuses a component with no quantity', () => {
      item
        .given([defined])
        .when(setRecipe([{ stockItemId: PANEER, quantity: 0 }]))
        .thenFails('VALIDATION.INVALID', 'data.components.0.quantity');
    });

    it('refuses a fractional quantity', () => {
      item
        .given([defined])
        .when(setRecipe([{ stockItemId: PANEER, quantity: 1.5 }]))
        .thenFails('VALIDATION.INVALID', 'data.components.0.quantity');
    });
  });

  describe('activity and name', () => {
    it('is deactivated with a reason', () => {
      item.given([defined]).when(deactivate).then([deactivated]);
    });

    it('refuses a deactivation without a reason', () => {
      item
        .given([defined])
        .when({ ...deactivate, data: { ...deactivate.data, reason: '' } })
        .thenFails('VALIDATION.INVALID', 'data.reason');
    });

    it('refuses a reactivation of an active item', () => {
      item.given([defined]).when(reactivate).thenFails('CATALOG.ITEM_ALREADY_ACTIVE', 'data.itemId');
    });

    it('is renamed', () => {
      item
        .given([defined])
        .when(rename('Paneer tikka (8 pc)'))
        .then([{ type: 'ItemRenamed', data: { itemId: ITEM, name: 'Paneer tikka (8 pc)', renamedAt: LATER } }]);
    });

    it('treats a rename to the current name as a no-op', () => {
      item.given([defined]).when(rename(' Paneer tikka ')).then([]);
    });
  });
});

describe('item: defined and inactive', () => {
  it('refuses a second deactivation', () => {
    item.given([defined, deactivated]).when(deactivate).thenFails('CATALOG.ITEM_ALREADY_INACTIVE', 'data.itemId');
  });

  it('is reactivated', () => {
    item
      .given([defined, deactivated])
      .when(reactivate)
      .then([{ type: 'ItemReactivated', data: { itemId: ITEM, reactivatedAt: LATER } }]);
  });

  it('can still change price, so a menu is ready before relaunch', () => {
    item
      .given([defined, deactivated])
      .when(changePrice(30_000))
      .then([priceChanged(30_000)]);
  });

  it('can still be renamed, reassigned and given a recipe', () => {
    item
      .given([defined, deactivated])
      .when(rename('Paneer tikka (8 pc)'))
      .thenEvents((events) => expect(events).toHaveLength(1));
    item.given([defined, deactivated]).when(assign(PACKAGED_DRINKS, '22021010')).then([assigned]);
    item.given([defined, deactivated]).when(setRecipe(recipe)).then([recipeSet]);
  });

  it('is active again after reactivation', () => {
    item
      .given([defined, deactivated, { type: 'ItemReactivated', data: { itemId: ITEM, reactivatedAt: LATER } }])
      .when(deactivate)
      .then([deactivated]);
  });
});
