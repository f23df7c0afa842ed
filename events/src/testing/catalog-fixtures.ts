import type { CatalogEntry, CatalogView } from '../catalog/catalog-entry.js';
import { id, STORE } from './fixtures.js';

/** A small restaurant menu with GST categories and recipes, priced in paise. */
export const DOUGH = id(0xd0);
export const CHEESE = id(0xc0);
export const COLA_CAN = id(0xcc);

export const MARGHERITA: CatalogEntry = {
  itemId: id(0x101),
  name: 'Margherita',
  hsnSac: '996331',
  unitPricePaise: 32_500,
  priceIncludesTax: false,
  taxRateBasisPoints: 500,
  kind: 'item',
  active: true,
  recipe: [
    { stockItemId: DOUGH, quantity: 250 },
    { stockItemId: CHEESE, quantity: 100 },
  ],
};

export const EXTRA_CHEESE: CatalogEntry = {
  itemId: id(0x201),
  name: 'Extra cheese',
  hsnSac: '996331',
  unitPricePaise: 5_000,
  priceIncludesTax: false,
  taxRateBasisPoints: 500,
  kind: 'modifier',
  active: true,
  recipe: [{ stockItemId: CHEESE, quantity: 50 }],
};

/** Packaged drinks are sold at MRP, tax included, at 18 %. */
export const COLA: CatalogEntry = {
  itemId: id(0x102),
  name: 'Cola 300 ml',
  hsnSac: '22021010',
  unitPricePaise: 6_000,
  priceIncludesTax: true,
  taxRateBasisPoints: 1_800,
  kind: 'item',
  active: true,
  recipe: [{ stockItemId: COLA_CAN, quantity: 1 }],
};

export const SEASONAL: CatalogEntry = { ...MARGHERITA, itemId: id(0x103), name: 'Mango pizza', active: false };

export const MENU: CatalogView = Object.fromEntries(
  [MARGHERITA, EXTRA_CHEESE, COLA, SEASONAL].map((entry) => [entry.itemId, entry]),
);

/** Maharashtra: the store's GST registration state. */
export const STORE_STATE = '27';
export const STORE_CONTEXT = { store: { storeId: STORE, stateCode: STORE_STATE }, catalog: MENU };
