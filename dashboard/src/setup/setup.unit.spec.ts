import { sha256 } from '@noble/hashes/sha2.js';
import type { CatalogListing } from '@possier/events';
import { describe, expect, it } from 'vitest';
import { menuCommands } from '@possier/events';
import { judgeMenu } from './menu-import';

const ORG = '01900000-0000-7000-8000-0000000000f1';
const BRAND = '01900000-0000-7000-8000-0000000000b1';
const FOOD = {
  taxCategoryId: '01900000-0000-7000-8000-000000000001',
  name: 'Food 5%',
  rateBasisPoints: 500,
  hsnSac: '996331',
};
const DOSA = {
  itemId: '01900000-0000-7000-8000-0000000000a1',
  brandId: BRAND,
  name: 'Masala Dosa',
  kind: 'item' as const,
  taxCategoryId: FOOD.taxCategoryId,
  hsnSac: null,
  unitPricePaise: 12_000,
  priceIncludesTax: false,
  active: true,
};
const catalog: CatalogListing = { taxCategories: [FOOD], items: [DOSA] };
const AT = '2026-11-24T13:05:00+05:30';

describe('judging a menu file in the page', () => {
  it('has no plan while any row is bad, and names each bad row’s line', () => {
    const judged = judgeMenu('name,price,tax category\nIdli,60,Food 5%\nVada,sixty,Food 5%\n', catalog, BRAND, false);
    expect(judged).toEqual({
      kind: 'invalid',
      errors: [{ line: 3, field: 'price', reason: '"sixty" is not an amount in rupees like 450 or 450.50' }],
    });
  });

  it('plans only what differs from the brand’s menu', () => {
    const judged = judgeMenu(
      'name,price,tax category\nMasala Dosa,120,Food 5%\nIdli,60,Food 5%\n',
      catalog,
      BRAND,
      false,
    );
    expect(judged.kind === 'plan' && judged.plan.changes.map((change) => [change.action, change.row.name])).toEqual([
      ['add', 'Idli'],
    ]);
  });
});

describe('the commands of an import', () => {
  const ids = { orgId: ORG, brandId: BRAND, sha256 };
  const judged = judgeMenu(
    'name,price,tax category,hsn\nMasala Dosa,130,Food 5%,\nIdli,60,Food 5%,996332\n',
    catalog,
    BRAND,
    true,
  );
  const [price, add] = judged.kind === 'plan' ? judged.plan.changes : [];

  it('defines a new item under the id its name gives, with its price and code, or else sets them', () => {
    const { commands, ifDefined } = menuCommands(add!, ids, true, AT);
    expect(commands).toEqual([
      {
        name: 'defineItem',
        data: {
          itemId: expect.any(String),
          brandId: BRAND,
          name: 'Idli',
          kind: 'item',
          taxCategoryId: FOOD.taxCategoryId,
          hsnSac: '996332',
          unitPricePaise: 6_000,
          priceIncludesTax: true,
          at: AT,
        },
      },
    ]);
    expect(ifDefined.map((command) => command.name)).toEqual(['changeItemPrice', 'assignTaxCategory']);
    expect(ifDefined[0]?.data.itemId).toBe(commands[0]?.data.itemId);
  });

  it('changes the price of an item already on the menu, by its id', () => {
    expect(menuCommands(price!, ids, true, AT).commands).toEqual([
      {
        name: 'changeItemPrice',
        data: { itemId: DOSA.itemId, unitPricePaise: 13_000, priceIncludesTax: true, effectiveFrom: AT },
      },
    ]);
  });
});
