import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { STORE_CONTEXT, MARGHERITA, COLA, EXTRA_CHEESE } from '../testing/catalog-fixtures.js';
import { id, REGISTER, STORE } from '../testing/fixtures.js';
import { orderDecider } from './order.decider.js';
import type { OrderPlaced } from './order.events.js';
import { verifyOrderPlaced } from './verify-placed.js';

const placed = (): OrderPlaced => {
  const decision = orderDecider.decide(
    {
      type: 'PlaceOrder',
      data: {
        orderId: id(1),
        storeId: STORE,
        registerId: REGISTER,
        shiftId: null,
        channel: 'dine_in',
        lines: [
          {
            lineId: id(2),
            itemId: MARGHERITA.itemId,
            quantity: 3,
            modifierIds: [EXTRA_CHEESE.itemId],
            discount: { kind: 'percent', basisPoints: 1_500, reason: 'happy hour' },
          },
          { lineId: id(3), itemId: COLA.itemId, quantity: 2, modifierIds: [] },
        ],
        orderDiscount: { kind: 'amount', amountPaise: 2_500, reason: 'voucher' },
        serviceCharge: { basisPoints: 750 },
        tenders: [{ paymentId: id(4), kind: 'cash', amountPaise: 200_000, tipPaise: 0 }],
      },
      context: STORE_CONTEXT,
    },
    orderDecider.initialState(),
  );
  if (decision instanceof DomainError) throw decision;
  return decision[0] as OrderPlaced;
};

describe('re-pricing an order decided elsewhere', () => {
  it('accepts an order exactly as the shared decider priced it, discounts and service charge included', () => {
    expect(verifyOrderPlaced(placed().data)).toBeUndefined();
  });

  it('refuses an edited payable, line total or tax split, naming the field', () => {
    const order = placed().data;
    expect(
      verifyOrderPlaced({ ...order, totals: { ...order.totals, payablePaise: order.totals.payablePaise - 100 } }),
    ).toMatchObject({
      code: 'ORDER.TOTAL_MISMATCH',
      path: 'data.totals.payablePaise',
    });
    const lines = order.lines.map((line, index) =>
      index === 1 ? { ...line, cgstPaise: line.cgstPaise + 1, sgstPaise: line.sgstPaise - 1 } : line,
    );
    expect(verifyOrderPlaced({ ...order, lines })).toMatchObject({ path: 'data.lines.1.cgstPaise' });
    const cheaper = order.lines.map((line, index) =>
      index === 0 ? { ...line, unitPricePaise: line.unitPricePaise - 1_000 } : line,
    );
    expect(verifyOrderPlaced({ ...order, lines: cheaper })).toMatchObject({ path: 'data.lines.0.grossPaise' });
  });

  it('refuses change that does not follow from what was tendered', () => {
    const order = placed().data;
    expect(verifyOrderPlaced({ ...order, changePaise: order.changePaise + 100 })).toMatchObject({
      code: 'ORDER.TENDERS_INCONSISTENT',
    });
    expect(verifyOrderPlaced({ ...order, tenderedPaise: order.totals.payablePaise - 1, changePaise: 0 })).toMatchObject(
      {
        code: 'ORDER.TENDERS_INCONSISTENT',
      },
    );
  });
});
