import type { TokenService } from '@possier/ledger';
import { demoApi, indiaTime } from './demo-api.js';
import { DEMO, DEMO_USERS } from './demo-ids.js';
import { demoId } from './demo-ids.js';
import type { MenuEntry } from './pizza-day.js';

/** Dough per pizza, in grams, by size. */
const DOUGH_GRAMS: Record<string, number> = { S: 150, M: 220, L: 300, XL: 380, XXL: 450 };

export const pizzaItemId = (key: string): string => demoId(`item:${key}`);

/**
 * Spice Route Hospitality: Pizza Lane (Bandra and Andheri in Maharashtra, Koramangala in Karnataka:
 * another state, so interstate supplies there carry IGST) and Chai Corner (Andheri), their
 * registers, a user for every role, two GST categories, the pizza menu with dough recipes and a
 * small chai menu — created through the API, as an operator and then the owner would.
 */
export const createDemoTenant = async (url: string, tokens: TokenService, menu: ReadonlyArray<MenuEntry>) => {
  const api = demoApi(url);
  const operator = await tokens.sign({ kind: 'operator', operatorId: 'demo' });
  const owner = DEMO_USERS[0] as (typeof DEMO_USERS)[number];
  await api.command('/v1/organizations', operator, {
    orgId: DEMO.org,
    name: 'Spice Route Hospitality',
    ownerUserId: owner.userId,
    ownerName: owner.name,
    ownerEmail: 'asha@example.in',
  });
  const ownerToken = await tokens.sign({ kind: 'user', orgId: DEMO.org, userId: owner.userId });
  const org = DEMO.org;
  await api.command('/v1/brands', ownerToken, { orgId: org, brandId: DEMO.pizzaBrand, name: 'Pizza Lane' });
  await api.command('/v1/brands', ownerToken, { orgId: org, brandId: DEMO.chaiBrand, name: 'Chai Corner' });
  const stores = [
    { storeId: DEMO.bandra, brandId: DEMO.pizzaBrand, name: 'Pizza Lane Bandra', stateCode: '27' },
    { storeId: DEMO.koramangala, brandId: DEMO.pizzaBrand, name: 'Pizza Lane Koramangala', stateCode: '29' },
    { storeId: DEMO.andheri, brandId: DEMO.chaiBrand, name: 'Chai Corner Andheri', stateCode: '27' },
  ];
  for (const store of stores) {
    await api.command('/v1/stores', ownerToken, { orgId: org, ...store, timeZone: 'Asia/Kolkata' });
  }
  const registers = [
    { registerId: DEMO.bandraTill1, storeId: DEMO.bandra, name: 'Till 1' },
    { registerId: DEMO.bandraTill2, storeId: DEMO.bandra, name: 'Till 2' },
    { registerId: DEMO.koramangalaTill1, storeId: DEMO.koramangala, name: 'Till 1' },
    { registerId: DEMO.andheriTill1, storeId: DEMO.andheri, name: 'Till 1' },
  ];
  for (const register of registers) await api.command('/v1/registers', ownerToken, { orgId: org, ...register });
  for (const user of DEMO_USERS.slice(1)) {
    await api.command('/v1/users', ownerToken, {
      orgId: org,
      userId: user.userId,
      name: user.name,
      email: `${user.name.split(' ')[0]?.toLowerCase()}@example.in`,
    });
    await api.command(`/v1/users/${user.userId}/roles`, ownerToken, {
      orgId: org,
      userId: user.userId,
      role: user.role,
      scope: user.scope,
    });
  }

  const at = indiaTime(new Date(Date.UTC(2026, 0, 1)));
  await api.command('/v1/tax-categories', ownerToken, {
    taxCategoryId: DEMO.food,
    orgId: org,
    name: 'Restaurant service',
    rateBasisPoints: 500,
    hsnSac: '996331',
    at,
  });
  await api.command('/v1/tax-categories', ownerToken, {
    taxCategoryId: DEMO.drinks,
    orgId: org,
    name: 'Aerated drinks',
    rateBasisPoints: 1_800,
    hsnSac: '22021010',
    at,
  });
  // Named before the recipes use them, so the stock report reads "Pizza dough", not an id.
  for (const [stockItemId, name] of [
    [DEMO.dough, 'Pizza dough'],
    [DEMO.chaiLeaf, 'Assam chai leaf'],
  ] as const) {
    await api.command('/v1/stock/items', ownerToken, { stockItemId, orgId: org, name, unit: 'g', at });
  }
  for (const entry of menu) {
    const itemId = pizzaItemId(entry.key);
    await api.command('/v1/items', ownerToken, {
      itemId,
      brandId: DEMO.pizzaBrand,
      name: entry.name,
      kind: 'item',
      taxCategoryId: DEMO.food,
      unitPricePaise: entry.unitPricePaise,
      priceIncludesTax: false,
      at,
    });
    await api.command(`/v1/items/${itemId}/recipe`, ownerToken, {
      itemId,
      components: [{ stockItemId: DEMO.dough, quantity: DOUGH_GRAMS[entry.size] ?? 250 }],
      at,
    });
  }
  const chaiMenu = [
    { key: 'masala-chai', name: 'Masala chai', tax: DEMO.food, unitPricePaise: 4_000, priceIncludesTax: true },
    { key: 'samosa', name: 'Samosa', tax: DEMO.food, unitPricePaise: 3_000, priceIncludesTax: true },
    { key: 'cola', name: 'Cola 300 ml', tax: DEMO.drinks, unitPricePaise: 6_000, priceIncludesTax: true },
  ];
  for (const item of chaiMenu) {
    await api.command('/v1/items', ownerToken, {
      itemId: demoId(`item:${item.key}`),
      brandId: DEMO.chaiBrand,
      name: item.name,
      kind: 'item',
      taxCategoryId: item.tax,
      unitPricePaise: item.unitPricePaise,
      priceIncludesTax: item.priceIncludesTax,
      at,
    });
  }
  await api.command(`/v1/items/${demoId('item:masala-chai')}/recipe`, ownerToken, {
    itemId: demoId('item:masala-chai'),
    components: [{ stockItemId: DEMO.chaiLeaf, quantity: 5 }],
    at,
  });
};
