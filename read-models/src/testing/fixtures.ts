import type { CatalogView } from '@possier/events';
import { COLA, EXTRA_CHEESE, id, MARGHERITA } from '@possier/events/testing';

// Ids and the menu are the ones the deciders' own specs use.
export { CHEESE, COLA, COLA_CAN, DOUGH, EXTRA_CHEESE, id, MARGHERITA } from '@possier/events/testing';

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
