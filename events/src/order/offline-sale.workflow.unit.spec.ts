import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { CHEESE, DOUGH, MARGHERITA, MENU, STORE_CONTEXT } from '../testing/catalog-fixtures.js';
import { id, REGISTER, STORE } from '../testing/fixtures.js';
import { judgeOfflineSales, offlineJudgementNeeds } from './offline-sale.workflow.js';
import { orderDecider } from './order.decider.js';

/*
 * Offline sale → judgement, given / when / then: given the catalog and stock on hand as the
 * server holds them after a replayed batch is stored, when the batch's sale decisions are judged,
 * then these conflicts are found and recorded beside the sales — which stand either way.
 */

/** A register's offline sale of `pizzas` margheritas, as its decision's events with their ids. */
const soldOffline = (n: number, pizzas: number) => {
  const decision = orderDecider.decide(
    {
      type: 'PlaceOrder',
      data: {
        orderId: id(0x900 + n),
        storeId: STORE,
        registerId: REGISTER,
        shiftId: null,
        channel: 'takeaway',
        lines: [{ lineId: id(0x1000 + n), itemId: MARGHERITA.itemId, quantity: pizzas, modifierIds: [] }],
        tenders: [{ paymentId: id(0x2000 + n), kind: 'cash', amountPaise: 2_000_000, tipPaise: 0 }],
      },
      context: STORE_CONTEXT,
    },
    orderDecider.initialState(),
  );
  if (decision instanceof DomainError) throw decision;
  return decision.map((event, index) => ({ ...event, eventId: id(0x3000 + n * 16 + index) }));
};

const placedOf = (decision: ReturnType<typeof soldOffline>) =>
  decision.find((event) => event.type === 'OrderPlaced') as { eventId: string };
const depletionOf = (decision: ReturnType<typeof soldOffline>) =>
  decision.find((event) => event.type === 'StockDepleted' && event.data.stockItemId === DOUGH) as {
    eventId: string;
    data: { quantity: number };
  };

describe('offline sale judgement', () => {
  it('asks for the catalog of every item sold and the stock of every item depleted, once each', () => {
    const batch = [soldOffline(1, 2), soldOffline(2, 1)];
    expect(offlineJudgementNeeds(batch)).toEqual({ itemIds: [MARGHERITA.itemId], stockItemIds: [DOUGH, CHEESE] });
  });

  it('finds nothing when the catalog and stock are as the register had them', () => {
    const judgement = judgeOfflineSales([soldOffline(1, 2)], {
      catalog: MENU,
      onHandAfterBatch: new Map([[DOUGH, 10_000]]),
    });
    expect(judgement.records).toEqual([]);
    expect(judgement.conflictsByEvent.size).toBe(0);
  });

  it('records a price changed since on the sale, naming what was charged and what holds now', () => {
    const sale = soldOffline(1, 1);
    const repriced = { ...MENU, [MARGHERITA.itemId]: { ...MARGHERITA, unitPricePaise: 35_000 } };
    const { records } = judgeOfflineSales([sale], { catalog: repriced, onHandAfterBatch: new Map() });
    expect(records).toEqual([
      {
        placedEventId: placedOf(sale).eventId,
        recorded: expect.objectContaining({
          type: 'OfflineConflictRecorded',
          data: expect.objectContaining({
            placedEventId: placedOf(sale).eventId,
            conflicts: [expect.objectContaining({ kind: 'price_changed', recorded: 32_500, current: 35_000 })],
          }),
        }),
      },
    ]);
  });

  it('judges each sale by what was left after it: only the sales that took stock below zero conflict', () => {
    const [first, second] = [soldOffline(1, 1), soldOffline(2, 1)];
    const perPizza = depletionOf(first).data.quantity;
    // After both sales, half a pizza's dough short: the first sale still had enough, the second did not.
    const onHandAfterBatch = new Map([[DOUGH, -Math.floor(perPizza / 2)]]);
    const { conflictsByEvent, records } = judgeOfflineSales([first, second], { catalog: MENU, onHandAfterBatch });
    expect(conflictsByEvent.get(depletionOf(first).eventId)).toBeUndefined();
    expect(conflictsByEvent.get(depletionOf(second).eventId)).toEqual([
      expect.objectContaining({ kind: 'stock_negative', stockItemId: DOUGH, onHandAfter: -Math.floor(perPizza / 2) }),
    ]);
    expect(records.map((record) => record.placedEventId)).toEqual([placedOf(second).eventId]);
  });

  it('records a conflict found elsewhere (a loyalty shortfall) with the sale’s own', () => {
    const sale = soldOffline(1, 1);
    const shortfall = { kind: 'loyalty_shortfall' as const, path: 'data.customerId', detail: 'points spent elsewhere' };
    const { records } = judgeOfflineSales([sale], {
      catalog: MENU,
      onHandAfterBatch: new Map(),
      found: new Map([[placedOf(sale).eventId, [shortfall]]]),
    });
    expect(records[0]?.recorded.data.conflicts).toEqual([shortfall]);
  });
});
