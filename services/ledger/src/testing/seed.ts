import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Ledger, Response } from './ledger-harness.js';

export const AT = '2026-11-24T13:05:00+05:30';

export const ok = (response: Response): Response => {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response;
};

export type Restaurant = Awaited<ReturnType<typeof seedRestaurant>>;

/**
 * One org with a brand, a store in Maharashtra (A, two registers) and one in Karnataka (B), an
 * owner and a store-A cashier, and a small menu — created through the API itself, as an operator
 * and then the owner would.
 */
export const seedRestaurant = async (ledger: Ledger) => {
  const ids = {
    org: randomUUID(),
    brand: randomUUID(),
    storeA: randomUUID(),
    storeB: randomUUID(),
    r1: randomUUID(),
    r2: randomUUID(),
    owner: randomUUID(),
    cashierA: randomUUID(),
    food: randomUUID(),
    drinks: randomUUID(),
    pizza: randomUUID(),
    cheese: randomUUID(),
    cola: randomUUID(),
    dough: randomUUID(),
  };
  const { org, brand, storeA, storeB, r1, r2, owner, cashierA, food, drinks, pizza, cheese, cola, dough } = ids;
  const operator = await ledger.token({ kind: 'operator', operatorId: 'test' });
  ok(
    await ledger.command('/v1/organizations', operator, {
      orgId: org,
      name: 'Spice Route Hospitality',
      ownerUserId: owner,
      ownerName: 'Asha Rao',
      ownerEmail: 'asha@example.in',
    }),
  );
  const ownerToken = await ledger.token({ kind: 'user', orgId: org, userId: owner });
  ok(await ledger.command('/v1/brands', ownerToken, { orgId: org, brandId: brand, name: 'Pizza Lane' }));
  ok(
    await ledger.command('/v1/stores', ownerToken, {
      orgId: org,
      storeId: storeA,
      brandId: brand,
      name: 'Bandra',
      timeZone: 'Asia/Kolkata',
      stateCode: '27',
    }),
  );
  ok(
    await ledger.command('/v1/stores', ownerToken, {
      orgId: org,
      storeId: storeB,
      brandId: brand,
      name: 'Koramangala',
      timeZone: 'Asia/Kolkata',
      stateCode: '29',
    }),
  );
  ok(
    await ledger.command('/v1/registers', ownerToken, { orgId: org, registerId: r1, storeId: storeA, name: 'Till 1' }),
  );
  ok(
    await ledger.command('/v1/registers', ownerToken, { orgId: org, registerId: r2, storeId: storeA, name: 'Till 2' }),
  );
  ok(
    await ledger.command('/v1/users', ownerToken, {
      orgId: org,
      userId: cashierA,
      name: 'Ravi',
      email: 'ravi@example.in',
    }),
  );
  ok(
    await ledger.command(`/v1/users/${cashierA}/roles`, ownerToken, {
      orgId: org,
      userId: cashierA,
      role: 'cashier',
      scope: { level: 'store', storeId: storeA },
    }),
  );

  ok(
    await ledger.command('/v1/tax-categories', ownerToken, {
      taxCategoryId: food,
      orgId: org,
      name: 'Restaurant service',
      rateBasisPoints: 500,
      hsnSac: '996331',
      at: AT,
    }),
  );
  ok(
    await ledger.command('/v1/tax-categories', ownerToken, {
      taxCategoryId: drinks,
      orgId: org,
      name: 'Aerated drinks',
      rateBasisPoints: 1_800,
      hsnSac: '22021010',
      at: AT,
    }),
  );
  const item = (
    itemId: string,
    name: string,
    kind: string,
    taxCategoryId: string,
    unitPricePaise: number,
    priceIncludesTax: boolean,
  ) =>
    ledger.command('/v1/items', ownerToken, {
      itemId,
      brandId: brand,
      name,
      kind,
      taxCategoryId,
      unitPricePaise,
      priceIncludesTax,
      at: AT,
    });
  ok(await item(pizza, 'Margherita', 'item', food, 32_500, false));
  ok(await item(cheese, 'Extra cheese', 'modifier', food, 5_000, false));
  ok(await item(cola, 'Cola 300 ml', 'item', drinks, 6_000, true));
  ok(
    await ledger.command(`/v1/items/${pizza}/recipe`, ownerToken, {
      itemId: pizza,
      components: [{ stockItemId: dough, quantity: 250 }],
      at: AT,
    }),
  );

  return {
    ids,
    ownerToken,
    cashierToken: await ledger.token({ kind: 'user', orgId: org, userId: cashierA }),
    r1Token: await ledger.token({ kind: 'register', orgId: org, brandId: brand, storeId: storeA, registerId: r1 }),
  };
};
