import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { COLA, EXTRA_CHEESE, MARGHERITA, MENU, STORE_CONTEXT } from '../testing/catalog-fixtures.js';
import { id, REGISTER, STORE } from '../testing/fixtures.js';
import { catalogConflictsOf, stockConflictOf } from './offline-conflict.js';
import { orderDecider } from './order.decider.js';
import type { OrderPlaced } from './order.events.js';

/** A sale decided offline with the menu the register had cached. */
const soldOffline = (): OrderPlaced['data'] => {
  const decision = orderDecider.decide(
    {
      type: 'PlaceOrder',
      data: {
        orderId: id(0x900),
        storeId: STORE,
        registerId: REGISTER,
        shiftId: null,
        channel: 'takeaway',
        lines: [
          { lineId: id(0x901), itemId: MARGHERITA.itemId, quantity: 2, modifierIds: [EXTRA_CHEESE.itemId] },
          { lineId: id(0x902), itemId: COLA.itemId, quantity: 1, modifierIds: [] },
        ],
        tenders: [{ paymentId: id(0x903), kind: 'cash', amountPaise: 500_000, tipPaise: 0 }],
      },
      context: STORE_CONTEXT,
    },
    orderDecider.initialState(),
  );
  if (decision instanceof DomainError) throw decision;
  return (decision.find((event) => event.type === 'OrderPlaced') as OrderPlaced).data;
};

describe('conflicts of a sale decided offline', () => {
  it('finds none when the catalog is as the register had it', () => {
    expect(catalogConflictsOf(soldOffline(), MENU)).toEqual([]);
  });

  it('names a price, a tax rate and a modifier price changed since, with what was charged and what holds now', () => {
    const changed = {
      ...MENU,
      [MARGHERITA.itemId]: {
        ...MARGHERITA,
        unitPricePaise: MARGHERITA.unitPricePaise + 2_500,
        taxRateBasisPoints: 1_200,
      },
      [EXTRA_CHEESE.itemId]: { ...EXTRA_CHEESE, unitPricePaise: 6_000 },
    };
    expect(catalogConflictsOf(soldOffline(), changed)).toEqual([
      expect.objectContaining({
        kind: 'price_changed',
        path: 'data.lines.0.unitPricePaise',
        detail: 'Margherita was sold at ₹325.00; the price is now ₹350.00',
        recorded: MARGHERITA.unitPricePaise,
        current: MARGHERITA.unitPricePaise + 2_500,
      }),
      expect.objectContaining({ kind: 'price_changed', path: 'data.lines.0.taxRateBasisPoints', current: 1_200 }),
      expect.objectContaining({
        kind: 'price_changed',
        path: 'data.lines.0.modifiers.0.unitPricePaise',
        detail: 'Extra cheese was sold at ₹50.00; the price is now ₹60.00',
        current: 6_000,
      }),
    ]);
  });

  it('names an item deactivated or gone, and a modifier no longer sold', () => {
    const { [COLA.itemId]: _gone, ...withoutCola } = MENU;
    const changed = { ...withoutCola, [EXTRA_CHEESE.itemId]: { ...EXTRA_CHEESE, active: false } };
    expect(catalogConflictsOf(soldOffline(), changed)).toEqual([
      expect.objectContaining({
        kind: 'item_inactive',
        path: 'data.lines.0.modifiers.0.itemId',
        itemId: EXTRA_CHEESE.itemId,
      }),
      expect.objectContaining({ kind: 'item_inactive', path: 'data.lines.1.itemId', itemId: COLA.itemId }),
    ]);
    const inactive = { ...MENU, [MARGHERITA.itemId]: { ...MARGHERITA, active: false } };
    expect(catalogConflictsOf(soldOffline(), inactive)).toEqual([
      expect.objectContaining({
        kind: 'item_inactive',
        path: 'data.lines.0.itemId',
        detail: 'Margherita is no longer sold',
      }),
    ]);
  });

  it('flags a depletion only when it leaves less than nothing on hand', () => {
    const depletion = { stockItemId: id(0xd0), quantity: 750 };
    expect(stockConflictOf(depletion, 0, 'data.quantity')).toBeUndefined();
    expect(stockConflictOf(depletion, -500, 'data.quantity')).toEqual({
      kind: 'stock_negative',
      path: 'data.quantity',
      detail: 'selling 750 units left -500 on hand',
      stockItemId: id(0xd0),
      onHandAfter: -500,
    });
  });
});
