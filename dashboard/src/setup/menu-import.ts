import { planMenu, readMenuCsv, type CatalogListing, type MenuPlan, type RowError } from '@possier/events';

/** What a menu file would do to a brand's menu: every bad row, or the plan (nothing is sent for either). */
export type MenuJudgement = { kind: 'invalid'; errors: RowError[] } | { kind: 'plan'; plan: MenuPlan };

/**
 * Reads the file against the org's tax categories and plans it against the brand's menu — the
 * same reading and planning as `possier menu import`. A file with any bad row has no plan.
 */
export const judgeMenu = (
  text: string,
  catalog: CatalogListing,
  brandId: string,
  priceIncludesTax: boolean,
): MenuJudgement => {
  const { rows, errors } = readMenuCsv(text, catalog.taxCategories);
  if (errors.length > 0) return { kind: 'invalid', errors };
  const items = catalog.items.filter((item) => item.brandId === brandId);
  return { kind: 'plan', plan: planMenu(rows, items, catalog.taxCategories, priceIncludesTax) };
};
