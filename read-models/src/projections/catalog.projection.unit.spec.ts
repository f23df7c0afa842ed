import { describe, expect, it } from 'vitest';
import { memoryContext } from '../memory-context.js';
import { applyChanges, rowsOf } from '../memory-tables.js';
import { rmItemStorePrices, rmItems, rmRecipeComponents, rmTaxCategories } from '../tables.js';
import { fold } from '../testing/fold.js';
import {
  BRAND,
  CHEESE,
  COLA,
  COLA_CAN,
  DOUGH,
  DRINKS_TAX,
  DUBAI_STORE,
  EXTRA_CHEESE,
  FOOD_TAX,
  MARGHERITA,
  ORG,
  STORE,
  id,
} from '../testing/fixtures.js';
import { createTestLedger, type TestLedger } from '../testing/ledger.js';
import { SET_UP, withMenu } from '../testing/org-setup.js';
import { catalogProjection } from './catalog.projection.js';

const LATER = '2026-11-20T22:00:00+05:30';
const TOMORROW = '2026-11-21T00:00:00+05:30';
const TOMATO = id(0xd1);

const menu = () => withMenu(createTestLedger());
const tablesOf = (ledger: TestLedger) => fold([catalogProjection], ledger.events);
const change = (ledger: TestLedger, itemId: string, type: string, data: Record<string, unknown>) =>
  ledger.item(itemId, { type, data: { itemId, ...data } }, LATER);

const margherita = {
  org_id: ORG,
  item_id: MARGHERITA.itemId,
  brand_id: BRAND,
  name: 'Margherita',
  kind: 'item',
  tax_category_id: FOOD_TAX.taxCategoryId,
  hsn_sac: null,
  unit_price_paise: 32_500,
  price_includes_tax: false,
  price_effective_from: SET_UP,
  active: true,
};

const cola = {
  ...margherita,
  item_id: COLA.itemId,
  name: 'Cola 300 ml',
  tax_category_id: DRINKS_TAX.taxCategoryId,
  unit_price_paise: 6_000,
  price_includes_tax: true,
};
const extraCheese = {
  ...margherita,
  item_id: EXTRA_CHEESE.itemId,
  name: 'Extra cheese',
  kind: 'modifier',
  unit_price_paise: 5_000,
};

describe('catalog projection', () => {
  describe('given the menu defined', () => {
    const tables = tablesOf(menu());

    it('records each tax category with its rate, code and since when the rate applies', () => {
      expect(rowsOf(tables, rmTaxCategories)).toEqual([
        {
          org_id: ORG,
          tax_category_id: FOOD_TAX.taxCategoryId,
          name: 'Restaurant service',
          rate_bp: 500,
          hsn_sac: '996331',
          rate_effective_from: SET_UP,
        },
        {
          org_id: ORG,
          tax_category_id: DRINKS_TAX.taxCategoryId,
          name: 'Aerated drinks',
          rate_bp: 1_800,
          hsn_sac: '22021010',
          rate_effective_from: SET_UP,
        },
      ]);
    });

    it('records each item active at its brand price, with no HSN/SAC of its own and no store price', () => {
      expect(rowsOf(tables, rmItems)).toEqual([
        margherita,
        {
          ...margherita,
          item_id: COLA.itemId,
          name: 'Cola 300 ml',
          tax_category_id: DRINKS_TAX.taxCategoryId,
          unit_price_paise: 6_000,
          price_includes_tax: true,
        },
        {
          ...margherita,
          item_id: EXTRA_CHEESE.itemId,
          name: 'Extra cheese',
          kind: 'modifier',
          unit_price_paise: 5_000,
        },
      ]);
      expect(rowsOf(tables, rmItemStorePrices)).toEqual([]);
    });

    it('records each recipe in its own order', () => {
      expect(rowsOf(tables, rmRecipeComponents)).toEqual([
        { org_id: ORG, item_id: MARGHERITA.itemId, stock_item_id: CHEESE, position: 1, quantity: 100 },
        { org_id: ORG, item_id: MARGHERITA.itemId, stock_item_id: DOUGH, position: 0, quantity: 250 },
        { org_id: ORG, item_id: COLA.itemId, stock_item_id: COLA_CAN, position: 0, quantity: 1 },
        { org_id: ORG, item_id: EXTRA_CHEESE.itemId, stock_item_id: CHEESE, position: 0, quantity: 50 },
      ]);
    });
  });

  describe('given a price change', () => {
    it('a brand price moves the item’s own price and writes no store price', () => {
      const ledger = menu();
      change(ledger, MARGHERITA.itemId, 'ChangeItemPrice', {
        unitPricePaise: 34_500,
        priceIncludesTax: false,
        effectiveFrom: TOMORROW,
      });
      const tables = tablesOf(ledger);
      expect(rowsOf(tables, rmItems)[0]).toEqual({
        ...margherita,
        unit_price_paise: 34_500,
        price_effective_from: TOMORROW,
      });
      expect(rowsOf(tables, rmItemStorePrices)).toEqual([]);
    });

    it('a store price is that store’s alone and leaves the brand price as it was', () => {
      const ledger = menu();
      change(ledger, MARGHERITA.itemId, 'ChangeItemPrice', {
        unitPricePaise: 39_900,
        priceIncludesTax: true,
        effectiveFrom: TOMORROW,
        storeId: DUBAI_STORE,
      });
      change(ledger, MARGHERITA.itemId, 'ChangeItemPrice', {
        unitPricePaise: 35_000,
        priceIncludesTax: false,
        effectiveFrom: TOMORROW,
        storeId: STORE,
      });
      change(ledger, MARGHERITA.itemId, 'ChangeItemPrice', {
        unitPricePaise: 36_000,
        priceIncludesTax: false,
        effectiveFrom: '2026-12-01T00:00:00+05:30',
        storeId: STORE,
      });
      const tables = tablesOf(ledger);
      expect(rowsOf(tables, rmItems)[0]).toEqual(margherita);
      expect(rowsOf(tables, rmItemStorePrices)).toEqual([
        {
          org_id: ORG,
          item_id: MARGHERITA.itemId,
          store_id: STORE,
          unit_price_paise: 36_000,
          price_includes_tax: false,
          price_effective_from: '2026-12-01T00:00:00+05:30',
        },
        {
          org_id: ORG,
          item_id: MARGHERITA.itemId,
          store_id: DUBAI_STORE,
          unit_price_paise: 39_900,
          price_includes_tax: true,
          price_effective_from: TOMORROW,
        },
      ]);
    });
  });

  describe('given an item taken off the menu', () => {
    it('keeps its row, inactive, and a reactivation makes it sellable again', () => {
      const ledger = menu();
      change(ledger, EXTRA_CHEESE.itemId, 'DeactivateItem', { reason: 'out of mozzarella', at: LATER });
      const item = () => rowsOf(tablesOf(ledger), rmItems).find((row) => row.item_id === EXTRA_CHEESE.itemId);
      expect(item()).toEqual({ ...extraCheese, active: false });
      change(ledger, EXTRA_CHEESE.itemId, 'ReactivateItem', { at: TOMORROW });
      expect(item()).toEqual(extraCheese);
    });
  });

  describe('given a recipe set again', () => {
    it('replaces the whole recipe: a component left out is gone, one kept takes its new quantity', () => {
      const ledger = menu();
      change(ledger, MARGHERITA.itemId, 'SetRecipe', {
        components: [
          { stockItemId: TOMATO, quantity: 80 },
          { stockItemId: DOUGH, quantity: 230 },
        ],
        at: LATER,
      });
      expect(rowsOf(tablesOf(ledger), rmRecipeComponents).filter((row) => row.item_id === MARGHERITA.itemId)).toEqual([
        { org_id: ORG, item_id: MARGHERITA.itemId, stock_item_id: DOUGH, position: 1, quantity: 230 },
        { org_id: ORG, item_id: MARGHERITA.itemId, stock_item_id: TOMATO, position: 0, quantity: 80 },
      ]);
    });

    it('projecting the same RecipeSet again changes nothing, as a replay must not', () => {
      const ledger = menu();
      const [recipeSet] = change(ledger, MARGHERITA.itemId, 'SetRecipe', {
        components: [{ stockItemId: TOMATO, quantity: 80 }],
        at: LATER,
      });
      const tables = tablesOf(ledger);
      const before = rowsOf(tables, rmRecipeComponents);
      applyChanges(tables, catalogProjection.project(recipeSet!, memoryContext(ledger.events)));
      expect(rowsOf(tables, rmRecipeComponents)).toEqual(before);
    });

    it('an empty recipe clears the item’s rows and no other item’s', () => {
      const ledger = menu();
      change(ledger, MARGHERITA.itemId, 'SetRecipe', { components: [], at: LATER });
      expect(rowsOf(tablesOf(ledger), rmRecipeComponents).map((row) => [row.item_id, row.stock_item_id])).toEqual([
        [COLA.itemId, COLA_CAN],
        [EXTRA_CHEESE.itemId, CHEESE],
      ]);
    });
  });

  describe('given the item reclassified and renamed', () => {
    it('records the new category, the item’s own HSN/SAC and the new name', () => {
      const ledger = menu();
      change(ledger, COLA.itemId, 'AssignTaxCategory', {
        taxCategoryId: FOOD_TAX.taxCategoryId,
        hsnSac: '22021090',
        at: LATER,
      });
      change(ledger, COLA.itemId, 'RenameItem', { name: 'Cola 330 ml', at: LATER });
      expect(rowsOf(tablesOf(ledger), rmItems).find((row) => row.item_id === COLA.itemId)).toEqual({
        ...cola,
        name: 'Cola 330 ml',
        tax_category_id: FOOD_TAX.taxCategoryId,
        hsn_sac: '22021090',
      });
    });

    it('assigning it back without a code of its own returns it to its category’s code', () => {
      const ledger = menu();
      change(ledger, COLA.itemId, 'AssignTaxCategory', {
        taxCategoryId: DRINKS_TAX.taxCategoryId,
        hsnSac: '22021090',
        at: LATER,
      });
      change(ledger, COLA.itemId, 'AssignTaxCategory', { taxCategoryId: DRINKS_TAX.taxCategoryId, at: TOMORROW });
      expect(rowsOf(tablesOf(ledger), rmItems).find((row) => row.item_id === COLA.itemId)).toEqual(cola);
    });
  });

  describe('given a GST slab change', () => {
    it('records the new rate and from when it applies, leaving the code', () => {
      const ledger = menu();
      const DECEMBER = '2026-12-01T00:00:00+05:30';
      ledger.taxCategory(
        DRINKS_TAX.taxCategoryId,
        {
          type: 'ChangeTaxRate',
          data: {
            taxCategoryId: DRINKS_TAX.taxCategoryId,
            rateBasisPoints: 2_800,
            effectiveFrom: DECEMBER,
            reason: 'aerated drinks moved to the 28 % slab',
          },
        },
        LATER,
      );
      expect(rowsOf(tablesOf(ledger), rmTaxCategories)[1]).toEqual({
        org_id: ORG,
        tax_category_id: DRINKS_TAX.taxCategoryId,
        name: 'Aerated drinks',
        rate_bp: 2_800,
        hsn_sac: '22021010',
        rate_effective_from: DECEMBER,
      });
    });
  });
});
