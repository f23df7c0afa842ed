import type { CommandName } from '../command-declarations.js';
import { menuItemId, type MenuChange, type Sha256 } from './menu-plan.js';

/** One command of an import, as the API takes it. */
export type MenuCommand = { name: CommandName; data: Record<string, unknown> };

/**
 * The commands one change takes. A new item's id comes from its name (`menuItemId`), so an item
 * defined a moment ago and not yet listed is named alike; `ifDefined` are the commands to send
 * instead when the ledger answers that it is defined already (each a no-op when it holds).
 */
export const menuCommands = (
  change: MenuChange,
  ids: { orgId: string; brandId: string; sha256: Sha256 },
  priceIncludesTax: boolean,
  at: string,
): { commands: MenuCommand[]; ifDefined: MenuCommand[] } => {
  const { row } = change;
  const hsnSac = row.hsnSac === undefined ? {} : { hsnSac: row.hsnSac };
  const price = (itemId: string): MenuCommand => ({
    name: 'changeItemPrice',
    data: { itemId, unitPricePaise: row.pricePaise, priceIncludesTax, effectiveFrom: at },
  });
  const tax = (itemId: string): MenuCommand => ({
    name: 'assignTaxCategory',
    data: { itemId, taxCategoryId: row.taxCategory.taxCategoryId, ...hsnSac, at },
  });
  switch (change.action) {
    case 'add': {
      const itemId = menuItemId(ids.sha256, ids.orgId, ids.brandId, row.name);
      const define: MenuCommand = {
        name: 'defineItem',
        data: {
          itemId,
          brandId: ids.brandId,
          name: row.name,
          kind: 'item',
          taxCategoryId: row.taxCategory.taxCategoryId,
          ...hsnSac,
          unitPricePaise: row.pricePaise,
          priceIncludesTax,
          at,
        },
      };
      return { commands: [define], ifDefined: [price(itemId), tax(itemId)] };
    }
    case 'price':
      return { commands: [price(change.item.itemId)], ifDefined: [] };
    case 'tax':
      return { commands: [tax(change.item.itemId)], ifDefined: [] };
  }
};
