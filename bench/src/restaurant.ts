import { randomUUID } from 'node:crypto';
import { withOffset } from '@possier/events';
import type { Pool } from 'undici';
import type { LedgerProcess } from './processes/ledger-process.js';
import { newEventId } from './payload.js';

const AT = '2026-11-24T09:00:00+05:30';

export type Restaurant = {
  org: string;
  store: string;
  register: string;
  registerToken: string;
  /** The org's owner, who may read its reports. */
  ownerToken: string;
  menu: { pizza: string; cheese: string; garlicBread: string; cola: string };
};

/** POSTs a command as a register or user would, failing with the ledger's answer unless it is 200. */
export const command = async (http: Pool, path: string, token: string, data: unknown): Promise<unknown> => {
  const response = await http.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    // Now: the ledger owns time online and refuses a command dated outside its skew window.
    body: JSON.stringify({ commandId: newEventId(), occurredAt: withOffset(Date.now(), 330), data }),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`POST ${path}: ${response.statusCode} ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
};

/**
 * One org with a brand, a store, a register and a small menu, created through the API as an
 * operator and then the owner would: a pizza whose recipe depletes dough and cheese, garlic bread,
 * and a cola at 18 % GST.
 */
export const seedRestaurant = async (http: Pool, ledger: LedgerProcess): Promise<Restaurant> => {
  const org = randomUUID();
  const owner = randomUUID();
  const brand = randomUUID();
  const store = randomUUID();
  const register = randomUUID();
  const food = randomUUID();
  const drinks = randomUUID();
  const menu = { pizza: randomUUID(), cheese: randomUUID(), garlicBread: randomUUID(), cola: randomUUID() };
  const operator = await ledger.token({ kind: 'operator', operator: 'bench' });
  await command(http, '/v1/organizations', operator, {
    orgId: org,
    name: 'Bench Pizza Co',
    ownerUserId: owner,
    ownerName: 'Bench Owner',
    ownerEmail: 'owner@bench.example',
  });
  const ownerToken = await ledger.token({ kind: 'user', org, user: owner });
  const asOwner = (path: string, data: unknown) => command(http, path, ownerToken, data);
  await asOwner('/v1/brands', { orgId: org, brandId: brand, name: 'Bench Pizza' });
  await asOwner('/v1/stores', {
    orgId: org,
    storeId: store,
    brandId: brand,
    name: 'Bandra',
    timeZone: 'Asia/Kolkata',
    stateCode: '27',
  });
  await asOwner('/v1/registers', { orgId: org, registerId: register, storeId: store, name: 'Till 1' });
  await asOwner('/v1/tax-categories', {
    taxCategoryId: food,
    orgId: org,
    name: 'Restaurant service',
    rateBasisPoints: 500,
    hsnSac: '996331',
    at: AT,
  });
  await asOwner('/v1/tax-categories', {
    taxCategoryId: drinks,
    orgId: org,
    name: 'Aerated drinks',
    rateBasisPoints: 1_800,
    hsnSac: '22021010',
    at: AT,
  });
  const item = (itemId: string, name: string, kind: string, taxCategoryId: string, unitPricePaise: number) =>
    asOwner('/v1/items', {
      itemId,
      brandId: brand,
      name,
      kind,
      taxCategoryId,
      unitPricePaise,
      priceIncludesTax: taxCategoryId === drinks,
      at: AT,
    });
  await item(menu.pizza, 'Margherita', 'item', food, 32_500);
  await item(menu.cheese, 'Extra cheese', 'modifier', food, 5_000);
  await item(menu.garlicBread, 'Garlic bread', 'item', food, 14_500);
  await item(menu.cola, 'Cola 300 ml', 'item', drinks, 6_000);
  await asOwner(`/v1/items/${menu.pizza}/recipe`, {
    itemId: menu.pizza,
    components: [
      { stockItemId: randomUUID(), quantity: 250 },
      { stockItemId: randomUUID(), quantity: 80 },
    ],
    at: AT,
  });
  const registerToken = await ledger.token({ kind: 'register', org, brand, store, register });
  return { org, store, register, registerToken, ownerToken, menu };
};

/**
 * A checkout as a till sends it: three lines (two pizzas with extra cheese, garlic bread, a cola),
 * split between card and cash with change; the pizzas' recipe depletes stock.
 */
export const checkoutBody = (restaurant: Restaurant) => ({
  orderId: newEventId(),
  storeId: restaurant.store,
  channel: 'dine_in',
  lines: [
    { lineId: randomUUID(), itemId: restaurant.menu.pizza, quantity: 2, modifierIds: [restaurant.menu.cheese] },
    { lineId: randomUUID(), itemId: restaurant.menu.garlicBread, quantity: 1 },
    { lineId: randomUUID(), itemId: restaurant.menu.cola, quantity: 1 },
  ],
  tenders: [
    { paymentId: randomUUID(), kind: 'card', amountPaise: 50_000 },
    { paymentId: randomUUID(), kind: 'cash', amountPaise: 100_000 },
  ],
});
