import type { CatalogEntry } from '@possier/events';
import {
  BRAND,
  CASHIER,
  COLA,
  DRINKS_TAX,
  EXTRA_CHEESE,
  FOOD_TAX,
  MARGHERITA,
  OWNER,
  ORG,
  REGISTER,
  STORE,
  STORE_STATE,
} from './fixtures.js';
import { createTestLedger, type TestLedger } from './ledger.js';

export const SET_UP = '2026-11-01T10:00:00+05:30';

/**
 * The org as its operator and owner set it up through the tenancy decider: Spice Route with its
 * owner, the Pizza Lane brand, the Bandra store (as `withStore` has it), its till, and a cashier
 * granted the cashier role at Bandra.
 */
export const openedOrg = (ledger: TestLedger = createTestLedger(), at = SET_UP): TestLedger => {
  const command = (type: string, data: Record<string, unknown>) =>
    ledger.tenancy({ type, data: { orgId: ORG, ...data } }, at);
  command('CreateOrganization', {
    name: 'Spice Route Hospitality',
    ownerUserId: OWNER,
    ownerName: 'Asha Rao',
    ownerEmail: 'asha@example.in',
  });
  command('CreateBrand', { brandId: BRAND, name: 'Pizza Lane' });
  command('CreateStore', {
    storeId: STORE,
    brandId: BRAND,
    name: 'Bandra',
    timeZone: 'Asia/Kolkata',
    stateCode: STORE_STATE,
  });
  command('CreateRegister', { registerId: REGISTER, storeId: STORE, name: 'Till 1' });
  command('AddUser', { userId: CASHIER, name: 'Ravi Kumar', email: 'ravi@example.in' });
  command('GrantRole', { userId: CASHIER, role: 'cashier', scope: { level: 'store', storeId: STORE } });
  return ledger;
};

/** Defines a fixture's item in the brand at its brand price, with its recipe when it has one. */
export const defineItem = (ledger: TestLedger, entry: CatalogEntry, taxCategoryId: string, at = SET_UP) => {
  const { itemId, name, kind, unitPricePaise, priceIncludesTax, recipe } = entry;
  ledger.item(
    itemId,
    {
      type: 'DefineItem',
      data: { itemId, brandId: BRAND, name, kind, taxCategoryId, unitPricePaise, priceIncludesTax, at },
    },
    at,
  );
  if (recipe.length > 0) ledger.item(itemId, { type: 'SetRecipe', data: { itemId, components: recipe, at } }, at);
};

/** The tax categories and the menu the sales fixtures (MENU) are priced from. */
export const withMenu = (ledger: TestLedger, at = SET_UP): TestLedger => {
  for (const category of [FOOD_TAX, DRINKS_TAX]) {
    ledger.taxCategory(
      category.taxCategoryId,
      { type: 'DefineTaxCategory', data: { ...category, orgId: ORG, at } },
      at,
    );
  }
  defineItem(ledger, MARGHERITA, FOOD_TAX.taxCategoryId, at);
  defineItem(ledger, EXTRA_CHEESE, FOOD_TAX.taxCategoryId, at);
  defineItem(ledger, COLA, DRINKS_TAX.taxCategoryId, at);
  return ledger;
};
