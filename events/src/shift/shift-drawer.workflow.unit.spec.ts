import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider.js';
import { DomainError } from '../errors.js';
import type { PlaceOrder, RefundOrder, VoidOrder } from '../order/order.commands.js';
import { isSoldOrder, orderDecider, type OrderState } from '../order/order.decider.js';
import { COLA, STORE_CONTEXT } from '../testing/catalog-fixtures.js';
import { AT, CASHIER, LATER, REGISTER, STORE, id } from '../testing/fixtures.js';
import { shiftDecider, shiftStreamId } from './shift.decider.js';
import type { ShiftEvent } from './shift.events.js';
import { orderDrawerFacts, shiftDrawerReactions } from './shift-drawer.workflow.js';

/*
 * Order → shift drawer, given / when / then: given the order's events so far, when an order
 * decision produces more, then these drawer commands follow. The last cases run them through
 * the shift decider and close the drawer, to show what the count is held against.
 */

const SHIFT = id(0x5f);
const LATER_SHIFT = id(0x60);
const ORDER = id(0x0001);
const NO_FACTS = { shiftId: null, cashTenderedPaise: 0, changeGivenPaise: 0 };

const decided = <Event>(decision: Event[] | DomainError): Event[] => {
  if (decision instanceof DomainError) throw decision;
  return decision;
};

/** The decider's events as the host stores them: with ids. */
const stored = (events: ReadonlyArray<{ type: string; data: unknown }>, first: number) =>
  events.map((event, index) => ({ ...event, eventId: id(0x9000 + first + index) }));

/** Ten colas (₹600.00) sold on a shift, with these tenders. */
const sale = (tenders: PlaceOrder['data']['tenders'], shiftId: string | null = SHIFT) => {
  const command: PlaceOrder = {
    type: 'PlaceOrder',
    data: {
      orderId: ORDER,
      storeId: STORE,
      registerId: REGISTER,
      shiftId,
      channel: 'takeaway',
      lines: [{ lineId: id(0x1001), itemId: COLA.itemId, quantity: 10, modifierIds: [] }],
      tenders,
    },
    context: STORE_CONTEXT,
  };
  const events = decided(orderDecider.decide(command, orderDecider.initialState()));
  return {
    events: stored(events, 0),
    state: events.reduce(orderDecider.evolve, orderDecider.initialState() as OrderState),
  };
};

const cash = (amountPaise: number) => ({ paymentId: id(0x2001), kind: 'cash' as const, amountPaise, tipPaise: 0 });
const card = (amountPaise: number) => ({ paymentId: id(0x2002), kind: 'card' as const, amountPaise, tipPaise: 0 });

const after = (state: OrderState, command: VoidOrder | RefundOrder) => {
  const events = decided(orderDecider.decide(command, state));
  return { events: stored(events, 100), state: events.reduce(orderDecider.evolve, state) };
};

describe('shift drawer: a sale', () => {
  it('puts its cash and change into the drawer of the shift it was sold on', () => {
    const { events, state } = sale([cash(200_000)]);
    const payable = isSoldOrder(state) ? state.totals.payablePaise : 0;
    expect(shiftDrawerReactions(events, NO_FACTS)).toEqual([
      {
        sourceEventId: events[0]?.eventId,
        purpose: 'drawer-cash',
        streamId: shiftStreamId(SHIFT),
        command: {
          type: 'RecordDrawerCash',
          data: {
            shiftId: SHIFT,
            orderId: ORDER,
            sourceEventId: events[0]?.eventId,
            movement: 'sale',
            cashTenderedPaise: 200_000,
            changeGivenPaise: 200_000 - payable,
            cashRefundedPaise: 0,
          },
        },
      },
    ]);
  });

  it('counts only the cash part of a split tender', () => {
    const { events } = sale([card(40_000), cash(50_000)]);
    expect(shiftDrawerReactions(events, NO_FACTS)[0]?.command.data).toMatchObject({
      cashTenderedPaise: 50_000,
      movement: 'sale',
    });
  });

  it('paid by card alone, or sold on no shift, moves no drawer', () => {
    expect(shiftDrawerReactions(sale([card(60_000)]).events, NO_FACTS)).toEqual([]);
    expect(shiftDrawerReactions(sale([cash(200_000)], null).events, NO_FACTS)).toEqual([]);
  });
});

describe('shift drawer: a void', () => {
  it("takes the sale's cash and change back out of the drawer the sale went into", () => {
    const placed = sale([cash(200_000)]);
    const facts = orderDrawerFacts(placed.state);
    const { events } = after(placed.state, { type: 'VoidOrder', data: { orderId: ORDER, reason: 'wrong table' } });
    const [reaction] = shiftDrawerReactions(events, facts);
    expect(reaction?.streamId).toBe(shiftStreamId(SHIFT));
    expect(reaction?.command.data).toMatchObject({
      movement: 'void',
      cashTenderedPaise: facts.cashTenderedPaise,
      changeGivenPaise: facts.changeGivenPaise,
    });
  });

  it('of a card sale moves no drawer', () => {
    const placed = sale([card(60_000)]);
    const { events } = after(placed.state, { type: 'VoidOrder', data: { orderId: ORDER, reason: 'wrong table' } });
    expect(shiftDrawerReactions(events, orderDrawerFacts(placed.state))).toEqual([]);
  });
});

describe('shift drawer: a refund', () => {
  const refund = (tender: 'cash' | 'card', shiftId?: string): RefundOrder => ({
    type: 'RefundOrder',
    data: {
      orderId: ORDER,
      refundId: id(0x3001),
      reason: 'cold',
      tender: { kind: tender },
      scope: 'lines',
      lines: [{ lineId: id(0x1001), quantity: 2 }],
      ...(shiftId === undefined ? {} : { shiftId }),
    },
  });

  it('in cash leaves the drawer of the shift the refund names, which may be a later one', () => {
    const placed = sale([cash(200_000)]);
    const { events } = after(placed.state, refund('cash', LATER_SHIFT));
    const refunded = events[0]?.data as { refundPaise: number };
    const [reaction] = shiftDrawerReactions(events, orderDrawerFacts(placed.state));
    expect(reaction?.streamId).toBe(shiftStreamId(LATER_SHIFT));
    expect(reaction?.command.data).toMatchObject({ movement: 'refund', cashRefundedPaise: refunded.refundPaise });
  });

  it('from the office (naming no shift) or to a card moves no drawer', () => {
    const placed = sale([cash(200_000)]);
    expect(shiftDrawerReactions(after(placed.state, refund('cash')).events, NO_FACTS)).toEqual([]);
    const byCard = sale([card(60_000)]);
    expect(shiftDrawerReactions(after(byCard.state, refund('card', SHIFT)).events, NO_FACTS)).toEqual([]);
  });
});

describe('shift drawer: the close', () => {
  it('is held against the cash of the sales that stand: a voided sale counts for nothing', () => {
    const opened: ShiftEvent = {
      type: 'ShiftOpened',
      data: {
        shiftId: SHIFT,
        storeId: STORE,
        registerId: REGISTER,
        openedBy: CASHIER,
        floatPaise: 100_000,
        openedAt: AT,
      },
    };
    const placed = sale([cash(200_000)]);
    const voided = after(placed.state, { type: 'VoidOrder', data: { orderId: ORDER, reason: 'wrong table' } });
    const reactions = [
      ...shiftDrawerReactions(placed.events, NO_FACTS),
      ...shiftDrawerReactions(voided.events, orderDrawerFacts(placed.state)),
    ];
    const events: ShiftEvent[] = [opened];
    for (const reaction of reactions) {
      events.push(...decided(shiftDecider.decide(reaction.command, foldEvents(shiftDecider, events))));
    }
    const close = decided(
      shiftDecider.decide(
        { type: 'CloseShift', data: { shiftId: SHIFT, countedCashPaise: 100_000, closedAt: LATER, closedBy: CASHIER } },
        foldEvents(shiftDecider, events),
      ),
    );
    expect(close[0]).toMatchObject({
      type: 'ShiftClosed',
      data: {
        cashTakings: { cashSalesPaise: 0, changeGivenPaise: 0, cashRefundsPaise: 0 },
        expectedCashPaise: 100_000,
        variancePaise: 0,
      },
    });
  });
});
