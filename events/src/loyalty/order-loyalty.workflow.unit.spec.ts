import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import type { PlaceOrder } from '../order/order.commands.js';
import { orderDecider, type OrderState } from '../order/order.decider.js';
import { COLA, STORE_CONTEXT } from '../testing/catalog-fixtures.js';
import { BRAND, id, REGISTER, STORE } from '../testing/fixtures.js';
import { loyaltyAccountDecider, loyaltyBalance } from './loyalty-account.decider.js';
import type { LoyaltyRule } from './loyalty.commands.js';
import { orderLoyaltyReactions, type OrderEventSource } from './order-loyalty.workflow.js';

/*
 * Order → loyalty, given / when / then: given the order's events so far, when an order decision
 * produces more, then these account commands follow. The last cases run the commands through the
 * account decider, to show what the customer ends up with.
 */

const CUSTOMER = id(0xc0);
const ORDER = id(0x0001);
const rule: LoyaltyRule = { pointsPer100Rupees: 5, pointValuePaise: 100, expiryDays: 30 };
const facts = { customerId: CUSTOMER, brandId: BRAND, timeZone: 'Asia/Kolkata', mode: 'online' as const, rule };
/** 23:30 in Mumbai is 18:00 UTC: the business date is the store's. */
const LATE_EVENING = '2026-11-24T18:00:00.000Z';

const checkout = (tenders: PlaceOrder['data']['tenders']): PlaceOrder => ({
  type: 'PlaceOrder',
  data: {
    orderId: ORDER,
    storeId: STORE,
    registerId: REGISTER,
    shiftId: null,
    channel: 'takeaway',
    customerId: CUSTOMER,
    lines: [{ lineId: id(0x1001), itemId: COLA.itemId, quantity: 10, modifierIds: [] }],
    tenders,
  },
  context: { ...STORE_CONTEXT, customer: { customerId: CUSTOMER, status: 'active' } },
});

/** The decider's events as the host stores them: with ids and a time. */
const stored = (events: ReadonlyArray<{ type: string; data: unknown }>, first: number): OrderEventSource[] =>
  events.map((event, index) => ({ ...event, eventId: id(0x9000 + first + index), occurredAt: LATE_EVENING }));

const decided = <Event>(decision: Event[] | DomainError): Event[] => {
  if (decision instanceof DomainError) throw decision;
  return decision;
};

const sale = (tenders: PlaceOrder['data']['tenders']) => {
  const events = decided(orderDecider.decide(checkout(tenders), orderDecider.initialState()));
  const state = events.reduce(orderDecider.evolve, orderDecider.initialState() as OrderState);
  return { events: stored(events, 0), state };
};

describe('order loyalty: a sale', () => {
  it('to a customer settles once on their account with the brand, on the store’s business date', () => {
    const { events } = sale([{ paymentId: id(0x2001), kind: 'cash', amountPaise: 1_000_000, tipPaise: 0 }]);
    const reactions = orderLoyaltyReactions(events, facts);
    expect(reactions).toHaveLength(1);
    expect(reactions[0]).toMatchObject({
      sourceEventId: events[0]?.eventId,
      purpose: 'loyalty-settle',
      command: { type: 'SettleOrderLoyalty', data: { orderId: ORDER, mode: 'online', businessDate: '2026-11-24' } },
    });
  });

  it('redeems each loyalty tender the decision produced, naming the tender', () => {
    const { events } = sale([
      { paymentId: id(0x2001), kind: 'loyalty', amountPaise: 5_000, tipPaise: 0 },
      { paymentId: id(0x2002), kind: 'cash', amountPaise: 1_000_000, tipPaise: 0 },
    ]);
    const [settle] = orderLoyaltyReactions(events, facts);
    expect(settle?.command.type === 'SettleOrderLoyalty' && settle.command.data.redemptions).toEqual([
      { paymentId: id(0x2001), amountPaise: 5_000, path: 'data.tenders.0.amountPaise' },
    ]);
  });

  it('to no customer, or in no brand, is nothing to the loyalty programme', () => {
    const { events } = sale([{ paymentId: id(0x2001), kind: 'cash', amountPaise: 1_000_000, tipPaise: 0 }]);
    expect(orderLoyaltyReactions(events, { ...facts, customerId: undefined })).toEqual([]);
    expect(orderLoyaltyReactions(events, { ...facts, brandId: null })).toEqual([]);
  });
});

describe('order loyalty: a placed sale to a customer', () => {
  const given = sale([{ paymentId: id(0x2001), kind: 'cash', amountPaise: 1_000_000, tipPaise: 0 }]);

  it('when voided, reverses everything, to every tender, keyed by the void', () => {
    const voided = stored(
      decided(orderDecider.decide({ type: 'VoidOrder', data: { orderId: ORDER, reason: 'wrong table' } }, given.state)),
      100,
    );
    const reactions = orderLoyaltyReactions(voided, facts);
    expect(reactions).toEqual([
      expect.objectContaining({
        sourceEventId: voided[0]?.eventId,
        purpose: 'loyalty-reverse',
        command: expect.objectContaining({
          type: 'ReverseOrderLoyalty',
          data: expect.objectContaining({ refundId: voided[0]?.eventId, toLoyaltyTender: true, completesRefund: true }),
        }),
      }),
    ]);
  });

  it('when refunded in full, reverses by the refund’s own id; the account ends where it began', () => {
    const refunded = stored(
      decided(
        orderDecider.decide(
          {
            type: 'RefundOrder',
            data: { scope: 'full', orderId: ORDER, refundId: id(0x7001), reason: 'cold', tender: { kind: 'cash' } },
          },
          given.state,
        ),
      ),
      200,
    );
    const [reverse] = orderLoyaltyReactions(refunded, facts);
    expect(reverse?.command.data).toMatchObject({
      refundId: id(0x7001),
      toLoyaltyTender: false,
      completesRefund: true,
    });

    const [settle] = orderLoyaltyReactions(given.events, facts);
    const apply = (state: ReturnType<typeof loyaltyAccountDecider.initialState>, command: unknown) =>
      decided(loyaltyAccountDecider.decide(command as never, state)).reduce(loyaltyAccountDecider.evolve, state);
    const afterSale = apply(loyaltyAccountDecider.initialState(), settle?.command);
    expect(loyaltyBalance(afterSale)).toBeGreaterThan(0);
    expect(loyaltyBalance(apply(afterSale, reverse?.command))).toBe(0);
  });

  it('when only tipped, asks nothing of the account', () => {
    expect(orderLoyaltyReactions(stored([{ type: 'TipAdjusted', data: {} }], 300), facts)).toEqual([]);
  });
});
