import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, type Ledger } from '../testing/ledger-harness.js';
import { eventually } from '../testing/read-side.js';
import { addUser } from '../testing/report-scenario.js';
import { AT, ok, seedRestaurant, type Restaurant } from '../testing/seed.js';

let ledger: Ledger;
let shop: Restaurant;
let other: Restaurant;

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
  other = await seedRestaurant(ledger);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('GET /v1/org', () => {
  it("answers an owner their org's tree and people by name, and nothing of another org", async () => {
    const { ids } = shop;
    const org = ok(await ledger.get('/v1/org', shop.ownerToken)).body;
    expect(org).toMatchObject({ orgId: ids.org, name: 'Spice Route Hospitality' });
    expect(org.brands).toEqual([{ brandId: ids.brand, name: 'Pizza Lane' }]);
    expect(org.stores).toContainEqual({
      storeId: ids.storeB,
      brandId: ids.brand,
      name: 'Koramangala',
      timeZone: 'Asia/Kolkata',
      stateCode: '29',
      gstin: null,
    });
    expect(org.registers).toContainEqual({ registerId: ids.r2, storeId: ids.storeA, name: 'Till 2', status: 'active' });
    expect(org.users).toContainEqual({
      userId: ids.cashierA,
      name: 'Ravi',
      email: 'ravi@example.in',
      status: 'active',
      roles: [{ role: 'cashier', level: 'store', scopeId: ids.storeA }],
    });
    const ids2 = JSON.stringify(ok(await ledger.get('/v1/org', other.ownerToken)).body);
    for (const id of Object.values(ids)) expect(ids2).not.toContain(id);
  });

  it('refuses a cashier, a register and an operator', async () => {
    const operator = await ledger.token({ kind: 'operator', operatorId: 'test' });
    for (const token of [shop.cashierToken, shop.r1Token, operator]) {
      const refused = await ledger.get('/v1/org', token);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('AUTH.FORBIDDEN');
    }
  });
});

describe('GET /v1/catalog', () => {
  it('answers the tax categories and items as the log says now, a price changed a moment ago included', async () => {
    const { ids } = shop;
    ok(
      await ledger.command(`/v1/items/${ids.cola}/price`, shop.ownerToken, {
        itemId: ids.cola,
        unitPricePaise: 6_500,
        priceIncludesTax: true,
        effectiveFrom: AT,
      }),
    );
    // The global log is read below the oldest open transaction, anywhere on the server.
    let catalog: { taxCategories: unknown[]; items: Array<{ itemId: string; unitPricePaise: number }> } = {
      taxCategories: [],
      items: [],
    };
    await eventually(async () => {
      catalog = ok(await ledger.get('/v1/catalog', shop.ownerToken)).body;
      expect(catalog.items.find((item) => item.itemId === ids.cola)?.unitPricePaise).toBe(6_500);
    });
    expect(catalog.taxCategories).toContainEqual({
      taxCategoryId: ids.drinks,
      name: 'Aerated drinks',
      rateBasisPoints: 1_800,
      hsnSac: '22021010',
    });
    expect(catalog.items).toContainEqual({
      itemId: ids.cola,
      brandId: ids.brand,
      name: 'Cola 300 ml',
      kind: 'item',
      taxCategoryId: ids.drinks,
      hsnSac: null,
      unitPricePaise: 6_500,
      priceIncludesTax: true,
      active: true,
    });
    expect(catalog.items).toHaveLength(3);
    const theirs = JSON.stringify(ok(await ledger.get('/v1/catalog', other.ownerToken)).body);
    expect(theirs).not.toContain(ids.cola);
  });

  it("answers a brand manager their brand's items only, and refuses a brand they do not manage", async () => {
    const { ids } = shop;
    const second = randomUUID();
    ok(await ledger.command('/v1/brands', shop.ownerToken, { orgId: ids.org, brandId: second, name: 'Chai Corner' }));
    ok(
      await ledger.command('/v1/items', shop.ownerToken, {
        itemId: randomUUID(),
        brandId: second,
        name: 'Masala chai',
        kind: 'item',
        taxCategoryId: ids.food,
        unitPricePaise: 4_000,
        priceIncludesTax: true,
        at: AT,
      }),
    );
    const manager = await addUser(ledger, shop, 'Meera', [
      { role: 'brand_manager', scope: { level: 'brand', brandId: second } },
    ]);
    await eventually(async () => {
      const mine = ok(await ledger.get('/v1/catalog', manager.token)).body;
      expect(mine.items.map((item: { name: string }) => item.name)).toEqual(['Masala chai']);
      expect(mine.taxCategories).toHaveLength(2);
    });
    const refused = await ledger.get(`/v1/catalog?brandId=${ids.brand}`, manager.token);
    expect(refused.status).toBe(403);
    const cashier = await ledger.get('/v1/catalog', shop.cashierToken);
    expect(cashier.status).toBe(403);
    const unknown = await ledger.get('/v1/catalog?store=x', shop.ownerToken);
    expect(unknown.status).toBe(400);
  });
});
