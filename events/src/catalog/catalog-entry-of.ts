import type { CatalogEntry } from './catalog-entry.js';
import type { DefinedItem } from './item.decider.js';
import type { DefinedTaxCategory } from './tax-category.decider.js';

/**
 * What a checkout in `storeId` needs of one item: the store's price override if it has one, else
 * the brand price; the rate of the item's tax category; the item's own HSN/SAC, else the
 * category's. Without a store id it resolves the brand-wide entry (menus, a B2B price list).
 *
 * It resolves the state as folded, so a rate or price change with a future `effectiveFrom` is
 * already in it: callers that publish changes ahead of time must fold only up to the moment of
 * sale.
 *
 * Throws when given a category other than the item's: that is a bug in the caller's lookup, and
 * pricing with the wrong rate would be worse than failing.
 */
export const catalogEntryOf = (item: DefinedItem, taxCategory: DefinedTaxCategory, storeId?: string): CatalogEntry => {
  if (item.taxCategoryId !== taxCategory.taxCategoryId) {
    throw new Error(`item ${item.itemId} is in tax category ${item.taxCategoryId}, not ${taxCategory.taxCategoryId}`);
  }
  const price = (storeId === undefined ? undefined : item.storePrices[storeId]) ?? item.price;
  return {
    itemId: item.itemId,
    name: item.name,
    hsnSac: item.hsnSac ?? taxCategory.hsnSac,
    unitPricePaise: price.unitPricePaise,
    priceIncludesTax: price.priceIncludesTax,
    taxRateBasisPoints: taxCategory.rateBasisPoints,
    kind: item.kind,
    active: item.active,
    recipe: item.recipe,
  };
};
