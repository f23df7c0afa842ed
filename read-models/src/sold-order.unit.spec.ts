import { describe, expect, it } from 'vitest';
import { decode, UnreadableEventError } from './decode.js';
import { memoryContext } from './memory-context.js';
import { orderToResolve, requireSoldOrder, soldOrderFrom, UnresolvedOrderError } from './sold-order.js';
import { DUBAI_STORE, STORE, id } from './testing/fixtures.js';
import { LUNCH_CARD, LUNCH_CASH, LUNCH_ORDER, lunch, refundOnePizza, voidedDinner } from './testing/scenarios.js';

describe('decode', () => {
  it('types an event some projection reads, and parses it once however often it is asked', () => {
    const [created] = lunch().events;
    const decoded = decode(created!);
    expect(decoded?.type).toBe('StoreCreated');
    expect(decode(created!)).toBe(decoded);
  });

  it('passes over event types no projection reads', () => {
    // The audit's signed day close, say: no report is built from it.
    expect(decode({ type: 'DayClosed', data: {} })).toBeNull();
  });

  it('throws on a stored event that does not match its schema, naming the field', () => {
    expect(() => decode({ type: 'OrderVoided', data: { orderId: 'nope', reason: 'x', reversedPaise: 1 } })).toThrow(
      UnreadableEventError,
    );
    expect(() => decode({ type: 'OrderVoided', data: { orderId: id(1), reason: 'x', reversedPaise: 1.5 } })).toThrow(
      /reversedPaise/,
    );
  });
});

describe('the sold order', () => {
  it('is asked for by voids, refunds and tip adjustments only', () => {
    const ledger = voidedDinner(lunch());
    refundOnePizza(ledger);
    const asked = ledger.events.map((event) => [event.type, orderToResolve(event)]);
    expect(asked.filter(([, orderId]) => orderId !== null).map(([type]) => type)).toEqual([
      'OrderVoided',
      'OrderRefunded',
    ]);
  });

  it('folds from the order stream: the sale and its tenders in order', () => {
    const sold = soldOrderFrom(lunch().events);
    expect(sold?.placed.orderId).toBe(LUNCH_ORDER);
    expect(sold?.tenders.map((tender) => tender.paymentId)).toEqual([LUNCH_CARD, LUNCH_CASH]);
    expect(soldOrderFrom([])).toBeUndefined();
  });

  it('must be resolved before a projection needs it', () => {
    const context = memoryContext([]);
    expect(() => requireSoldOrder(context, LUNCH_ORDER)).toThrow(UnresolvedOrderError);
  });
});

describe('the in-memory context', () => {
  it('answers a store zone from StoreCreated, and Asia/Kolkata for a store it has not seen', () => {
    const context = memoryContext(lunch().events);
    expect(context.timeZoneOf(STORE)).toBe('Asia/Kolkata');
    expect(context.timeZoneOf(DUBAI_STORE)).toBe('Asia/Kolkata');
  });

  it('answers the sale of an order it has seen, the same object each time', () => {
    const context = memoryContext(lunch().events);
    expect(context.soldOrder(LUNCH_ORDER)?.tenders).toHaveLength(2);
    expect(context.soldOrder(LUNCH_ORDER)).toBe(context.soldOrder(LUNCH_ORDER));
    expect(context.soldOrder(id(0xbad))).toBeUndefined();
  });
});
