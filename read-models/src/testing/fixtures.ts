import type { CatalogEntry, CatalogView } from '@possier/events';

/** Fixed, readable ids: UUIDv7-shaped, the last block a counter so a failing row says which. */
export const id = (n: number): string => `0193a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export const ORG = id(0x0a);
export const BRAND = id(0x0b);
/** In Maharashtra (GST state 27), on Asia/Kolkata. */
export const STORE = id(0x5a);
/** In Dubai's zone, to show that the store's zone, not India's, dates its sales. */
export const DUBAI_STORE = id(0x5d);
export const REGISTER = id(0x7e);
export const CASHIER = id(0xca);
export const MANAGER = id(0xcb);
export const OWNER = id(0xce);
export const STORE_STATE = '27';

export const DOUGH = id(0xd0);
export const CHEESE = id(0xc0);
export const COLA_CAN = id(0xcc);

/** ₹325.00 before 5 % GST, charged on top. */
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

/** A packaged drink at its MRP of ₹60.00, 18 % GST included. */
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

/** The org's tax categories: restaurant service at 5 % under SAC 996331, aerated drinks at 18 %. */
export const FOOD_TAX = { taxCategoryId: id(0xf1), name: 'Restaurant service', rateBasisPoints: 500, hsnSac: '996331' };
export const DRINKS_TAX = {
  taxCategoryId: id(0xf2),
  name: 'Aerated drinks',
  rateBasisPoints: 1_800,
  hsnSac: '22021010',
};

export const MENU: CatalogView = Object.fromEntries(
  [MARGHERITA, EXTRA_CHEESE, COLA].map((entry) => [entry.itemId, entry]),
);

export const storeContext = (storeId: string = STORE) => ({
  store: { storeId, stateCode: STORE_STATE },
  catalog: MENU,
});

/** A B2B customer registered in Karnataka (29): an inter-state supply from a Maharashtra store. */
export const CORPORATE_CUSTOMER = {
  customerId: id(0xc05),
  legalName: 'Acme Foods Private Limited',
  gstin: '29AAPFU0939F1ZR',
  stateCode: '29',
};
