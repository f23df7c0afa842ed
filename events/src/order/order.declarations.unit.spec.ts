import { describe, expect, it } from 'vitest';
import type { CommandScope } from '../command-declaration.js';
import { DomainError } from '../errors.js';
import { accountWithBalance } from '../loyalty/loyalty-account.decider.js';
import { BRAND, id, ORG, REGISTER, STORE } from '../testing/fixtures.js';
import { MENU } from '../testing/catalog-fixtures.js';
import { CheckoutRequest } from './order.commands.js';
import { orderDecider } from './order.decider.js';
import { placeOrder, voidOrder } from './order.declarations.js';

const ORDER = id(0x0d);
const CUSTOMER = id(0xc5);
const till = { kind: 'register', orgId: ORG, brandId: BRAND, storeId: STORE, registerId: REGISTER } as const;
const store = { brandId: BRAND, timeZone: 'Asia/Kolkata', stateCode: '27' };
const scope: CommandScope = { principal: till, tenancy: undefined, store };
const rule = { pointsPer100Rupees: 5, pointValuePaise: 100, expiryDays: 30 };

const checkout = (tenders: Array<{ kind: string; amountPaise: number }>) =>
  CheckoutRequest.parse({
    orderId: ORDER,
    storeId: STORE,
    channel: 'takeaway',
    customerId: CUSTOMER,
    lines: [{ lineId: id(0x1001), itemId: Object.keys(MENU)[0], quantity: 1 }],
    tenders: tenders.map((tender, n) => ({ paymentId: id(0x2000 + n), ...tender })),
  });

describe('placeOrder, declared', () => {
  it('targets the store and the selling register: a till sells as itself when the order names none', () => {
    const data = checkout([{ kind: 'cash', amountPaise: 50_000 }]);
    expect(placeOrder.authorization).toMatchObject({ action: 'order.place' });
    const target =
      'target' in placeOrder.authorization && placeOrder.authorization.target(data, orderDecider.initialState(), till);
    expect(target).toEqual({ storeId: STORE, registerId: REGISTER });
  });

  it('asks for the catalog of every item in the store’s brand, the customer, and their points only when a tender redeems them', () => {
    const state = orderDecider.initialState();
    const target = { storeId: STORE };
    const cash = placeOrder.needs?.({ data: checkout([{ kind: 'cash', amountPaise: 50_000 }]), state, scope, target });
    expect(cash).toEqual({
      catalog: { brandId: BRAND, storeId: STORE, itemIds: [Object.keys(MENU)[0]] },
      customer: { customerId: CUSTOMER },
    });
    const points = placeOrder.needs?.({
      data: checkout([{ kind: 'loyalty', amountPaise: 5_000 }]),
      state,
      scope,
      target,
    });
    expect(points).toMatchObject({ loyalty: { brandId: BRAND, customerId: CUSTOMER } });
  });

  it('refuses, naming the tender, a redemption the customer’s points cannot cover', () => {
    const data = checkout([{ kind: 'loyalty', amountPaise: 5_000 }]);
    const command = placeOrder.command({
      data,
      state: orderDecider.initialState(),
      scope,
      target: { storeId: STORE },
      context: {
        catalog: MENU,
        customer: { customerId: CUSTOMER, status: 'active' },
        loyalty: { account: accountWithBalance(49), rule },
      },
    });
    expect(command).toBeInstanceOf(DomainError);
    expect(command).toMatchObject({ path: 'data.tenders.0.amountPaise' });
  });

  it('builds the checkout with the store’s GST state and the catalog it was given', () => {
    const data = checkout([{ kind: 'loyalty', amountPaise: 5_000 }]);
    const command = placeOrder.command({
      data,
      state: orderDecider.initialState(),
      scope,
      target: { storeId: STORE },
      context: {
        catalog: MENU,
        customer: { customerId: CUSTOMER, status: 'active' },
        loyalty: { account: accountWithBalance(50), rule },
      },
    });
    expect(command).toMatchObject({
      type: 'PlaceOrder',
      data: { registerId: REGISTER },
      context: { store: { storeId: STORE, stateCode: '27' }, catalog: MENU, customer: { status: 'active' } },
    });
  });
});

describe('voidOrder, declared', () => {
  it('acts in the order’s own store, and refuses an order that was never placed', () => {
    const authorization = voidOrder.authorization;
    if (!('target' in authorization)) throw new Error('voidOrder is authorized by target');
    const refused = authorization.target(
      { orderId: ORDER, reason: 'customer left' },
      orderDecider.initialState(),
      till,
    );
    expect(refused).toMatchObject({ code: 'ORDER.NOT_FOUND', path: 'data.orderId' });
  });
});
