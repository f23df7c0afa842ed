import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { deleteRows, update, upsert, type RowChange } from '../row-change.js';
import { rmItemStorePrices, rmItems, rmRecipeComponents, rmTaxCategories } from '../tables.js';

/**
 * The catalog as it stands: tax categories, items at their brand price, store price overrides and
 * recipes. Rows are keyed on the envelope's org (item events do not repeat it in their data), the
 * one row-level security checks them against.
 *
 * A price or rate change with a future `effectiveFrom` is in force here as soon as it is recorded,
 * as it is in the deciders' state (see `catalogEntryOf`); the row says from when it applies.
 */
export const catalogProjection: Projection = {
  name: 'catalog',
  tables: [rmTaxCategories.name, rmItems.name, rmItemStorePrices.name, rmRecipeComponents.name],
  eventTypes: [
    'TaxCategoryDefined',
    'TaxRateChanged',
    'ItemDefined',
    'ItemPriceChanged',
    'ItemTaxCategoryAssigned',
    'RecipeSet',
    'ItemDeactivated',
    'ItemReactivated',
    'ItemRenamed',
  ],
  project: (event): RowChange[] => {
    const decoded = decode(event);
    const org_id = event.orgId;
    switch (decoded?.type) {
      case 'TaxCategoryDefined': {
        const { taxCategoryId, name, rateBasisPoints, hsnSac, definedAt } = decoded.data;
        return [
          upsert(
            rmTaxCategories,
            { org_id, tax_category_id: taxCategoryId },
            { name, rate_bp: rateBasisPoints, hsn_sac: hsnSac, rate_effective_from: definedAt },
          ),
        ];
      }
      case 'TaxRateChanged': {
        const { taxCategoryId, rateBasisPoints, effectiveFrom } = decoded.data;
        return [
          update(
            rmTaxCategories,
            { org_id, tax_category_id: taxCategoryId },
            { rate_bp: rateBasisPoints, rate_effective_from: effectiveFrom },
          ),
        ];
      }
      case 'ItemDefined': {
        const { itemId, brandId, name, kind, taxCategoryId, hsnSac, unitPricePaise, priceIncludesTax, definedAt } =
          decoded.data;
        return [
          upsert(
            rmItems,
            { org_id, item_id: itemId },
            {
              brand_id: brandId,
              name,
              kind,
              tax_category_id: taxCategoryId,
              hsn_sac: hsnSac,
              unit_price_paise: unitPricePaise,
              price_includes_tax: priceIncludesTax,
              price_effective_from: definedAt,
              active: true,
            },
          ),
        ];
      }
      case 'ItemPriceChanged': {
        const { itemId, storeId, unitPricePaise, priceIncludesTax, effectiveFrom } = decoded.data;
        const price = {
          unit_price_paise: unitPricePaise,
          price_includes_tax: priceIncludesTax,
          price_effective_from: effectiveFrom,
        };
        return storeId === null
          ? [update(rmItems, { org_id, item_id: itemId }, price)]
          : [upsert(rmItemStorePrices, { org_id, item_id: itemId, store_id: storeId }, price)];
      }
      case 'ItemTaxCategoryAssigned': {
        const { itemId, taxCategoryId, hsnSac } = decoded.data;
        return [update(rmItems, { org_id, item_id: itemId }, { tax_category_id: taxCategoryId, hsn_sac: hsnSac })];
      }
      case 'RecipeSet': {
        const { itemId, components } = decoded.data;
        return [
          deleteRows(rmRecipeComponents, { org_id, item_id: itemId }),
          ...components.map((component, position) =>
            upsert(
              rmRecipeComponents,
              { org_id, item_id: itemId, stock_item_id: component.stockItemId },
              { position, quantity: component.quantity },
            ),
          ),
        ];
      }
      case 'ItemDeactivated':
        return [update(rmItems, { org_id, item_id: decoded.data.itemId }, { active: false })];
      case 'ItemReactivated':
        return [update(rmItems, { org_id, item_id: decoded.data.itemId }, { active: true })];
      case 'ItemRenamed':
        return [update(rmItems, { org_id, item_id: decoded.data.itemId }, { name: decoded.data.name })];
      default:
        return [];
    }
  },
};
