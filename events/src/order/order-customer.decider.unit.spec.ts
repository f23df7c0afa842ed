import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { COLA, STORE_CONTEXT } from '../testing/catalog-fixtures.js';
import { spec } from '../testing/decider-spec.js';
import { id, REGISTER, STORE } from '../testing/fixtures.js';
import type { PlaceOrder } from './order.commands.js';
import { orderDecider } from './order.decider.js';

const CUSTOMER = id(0xc0);

const checkout = (customerId: string | undefined, customer?: PlaceOrder['context']['customer']): PlaceOrder => ({
  type: 'PlaceOrder',
  data: {
    orderId: id(0x0001),
    storeId: STORE,
    registerId: REGISTER,
    shiftId: null,
    channel: 'takeaway',
    lines: [{ lineId: id(0x1001), itemId: COLA.itemId, quantity: 1, modifierIds: [] }],
    tenders: [{ paymentId: id(0x2002), kind: 'cash', amountPaise: 100_000, tipPaise: 0 }],
    ...(customerId === undefined ? {} : { customerId }),
  },
  context: { ...STORE_CONTEXT, ...(customer === undefined ? {} : { customer }) },
});

describe('order: checkout to a customer', () => {
  it('records the customer on the order when the org has them', () => {
    spec(orderDecider)
      .given([])
      .when(checkout(CUSTOMER, { customerId: CUSTOMER, status: 'active' }))
      .thenEvents(([placed]) => {
        expect(placed?.type).toBe('OrderPlaced');
        expect(placed?.data).toMatchObject({ customerId: CUSTOMER });
      });
  });

  it('leaves an order without a customer as it was', () => {
    const decision = orderDecider.decide(checkout(undefined), orderDecider.initialState());
    if (decision instanceof DomainError) throw decision;
    expect(decision[0]?.data).not.toHaveProperty('customerId');
  });

  it('refuses a customer the caller could not find in the org, naming the field', () => {
    spec(orderDecider).given([]).when(checkout(CUSTOMER)).thenFails('ORDER.UNKNOWN_CUSTOMER', 'data.customerId');
    spec(orderDecider)
      .given([])
      .when(checkout(CUSTOMER, { customerId: id(0xc2), status: 'active' }))
      .thenFails('ORDER.UNKNOWN_CUSTOMER', 'data.customerId');
  });

  it('refuses a customer who has been erased', () => {
    spec(orderDecider)
      .given([])
      .when(checkout(CUSTOMER, { customerId: CUSTOMER, status: 'forgotten' }))
      .thenFails('ORDER.CUSTOMER_FORGOTTEN', 'data.customerId');
  });

  it('refuses a loyalty tender on an order with no customer, naming the tender', () => {
    const command = checkout(undefined);
    const tenders = [
      { paymentId: id(0x2003), kind: 'loyalty' as const, amountPaise: 100, tipPaise: 0 },
      ...command.data.tenders,
    ];
    spec(orderDecider)
      .given([])
      .when({ ...command, data: { ...command.data, tenders } })
      .thenFails('ORDER.LOYALTY_NEEDS_CUSTOMER', 'data.tenders.0.kind');
  });

  it('gives no change from points: a loyalty tender above what is payable is refused like a card', () => {
    const command = checkout(CUSTOMER, { customerId: CUSTOMER, status: 'active' });
    const tenders = [{ paymentId: id(0x2003), kind: 'loyalty' as const, amountPaise: 100_000, tipPaise: 0 }];
    spec(orderDecider)
      .given([])
      .when({ ...command, data: { ...command.data, tenders } })
      .thenFails('PAYMENT.NON_CASH_EXCEEDS_PAYABLE');
  });
});
