import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider.js';
import { spec } from '../testing/decider-spec.js';
import { AT, LATER, OTHER_STORE, STORE, id } from '../testing/fixtures.js';
import type { AdjustStock } from './stock.commands.js';
import { stockDecider, stockEventDefinitions, stockStreamId } from './stock.decider.js';
import { StockAdjusted } from './stock.events.js';

const RICE = id(0x100);
const OIL = id(0x101);
const TRANSFER = id(0x300);

const adjustment = (n: number) => ({ stockItemId: RICE, storeId: STORE, adjustmentId: id(0x200 + n), occurredAt: AT });

const count = (n: number, countedQuantity: number): AdjustStock => ({
  type: 'AdjustStock',
  data: { ...adjustment(n), reason: 'count', countedQuantity },
});
const waste = (n: number, quantity: number, note = 'spilled during prep'): AdjustStock => ({
  type: 'AdjustStock',
  data: { ...adjustment(n), reason: 'waste', quantity, note },
});
const receipt = (n: number, quantity: number, supplierReference?: string): AdjustStock => ({
  type: 'AdjustStock',
  data: { ...adjustment(n), reason: 'receipt', quantity, ...(supplierReference && { supplierReference }) },
});
const transfer = (
  n: number,
  reason: 'transfer_in' | 'transfer_out',
  quantity: number,
  transferId = TRANSFER,
): AdjustStock => ({
  type: 'AdjustStock',
  data: { ...adjustment(n), reason, quantity, counterpartStoreId: OTHER_STORE, transferId },
});

const counted = (n: number, countedQuantity: number): StockAdjusted => ({
  type: 'StockAdjusted',
  data: { ...adjustment(n), reason: 'count', countedQuantity },
});
const wasted = (n: number, quantity: number): StockAdjusted => ({
  type: 'StockAdjusted',
  data: { ...adjustment(n), reason: 'waste', quantityDelta: -quantity, note: 'spilled during prep' },
});
const received = (n: number, quantity: number): StockAdjusted => ({
  type: 'StockAdjusted',
  data: { ...adjustment(n), reason: 'receipt', quantityDelta: quantity },
});
const transferred = (
  n: number,
  reason: 'transfer_in' | 'transfer_out',
  quantity: number,
  transferId = TRANSFER,
): StockAdjusted => ({
  type: 'StockAdjusted',
  data: {
    ...adjustment(n),
    reason,
    quantityDelta: reason === 'transfer_out' ? -quantity : quantity,
    counterpartStoreId: OTHER_STORE,
    transferId,
  },
});

describe('stock stream id', () => {
  it('names one stream per stock item per store', () => {
    expect(stockStreamId(STORE, RICE)).toBe(`stock-${STORE}-${RICE}`);
    expect(stockStreamId(OTHER_STORE, RICE)).not.toBe(stockStreamId(STORE, RICE));
  });
});

describe('stock item that is untracked (no events)', () => {
  const given = spec(stockDecider).given([]);

  it('records a physical count as the counted figure, not a delta', () => {
    given.when(count(1, 5000)).then([counted(1, 5000)]);
  });

  it('accepts a count of zero: the shelf can be empty', () => {
    given.when(count(1, 0)).then([counted(1, 0)]);
  });

  it('records waste as a negative delta with its note', () => {
    given.when(waste(1, 250)).then([wasted(1, 250)]);
  });

  it('records a receipt as a positive delta, with the supplier reference when given', () => {
    given.when(receipt(1, 10_000)).then([received(1, 10_000)]);
    given.when(receipt(1, 10_000, 'INV-2026-118')).thenEvents(([event]) => {
      expect(event?.data).toMatchObject({ quantityDelta: 10_000, supplierReference: 'INV-2026-118' });
    });
  });

  it('records a transfer out as a negative delta and a transfer in as a positive one', () => {
    given.when(transfer(1, 'transfer_out', 700)).then([transferred(1, 'transfer_out', 700)]);
    given.when(transfer(1, 'transfer_in', 700)).then([transferred(1, 'transfer_in', 700)]);
  });

  it('emits only events that pass their own schema', () => {
    for (const command of [
      count(1, 3),
      waste(1, 2),
      receipt(1, 4, 'PO-1'),
      transfer(1, 'transfer_out', 5),
      transfer(1, 'transfer_in', 5),
    ]) {
      given.when(command).thenEvents(([event]) => expect(StockAdjusted.safeParse(event).success).toBe(true));
    }
  });

  it.each([
    ['zero', 0],
    ['negative', -5],
    ['fractional', 1.5],
    ['unsafe', Number.MAX_SAFE_INTEGER + 1],
  ])('refuses a %s quantity', (_, quantity) => {
    given.when(waste(1, quantity)).thenFails('STOCK.INVALID_QUANTITY', 'data.quantity');
    given.when(receipt(1, quantity)).thenFails('STOCK.INVALID_QUANTITY', 'data.quantity');
    given.when(transfer(1, 'transfer_out', quantity)).thenFails('STOCK.INVALID_QUANTITY', 'data.quantity');
    given.when(transfer(1, 'transfer_in', quantity)).thenFails('STOCK.INVALID_QUANTITY', 'data.quantity');
  });

  it.each([
    ['negative', -1],
    ['fractional', 0.5],
    ['unsafe', 2 ** 53],
  ])('refuses a %s count', (_, countedQuantity) => {
    given.when(count(1, countedQuantity)).thenFails('STOCK.INVALID_QUANTITY', 'data.countedQuantity');
  });

  it('refuses a transfer whose counterpart is the store itself', () => {
    const toItself: AdjustStock = {
      type: 'AdjustStock',
      data: { ...adjustment(1), reason: 'transfer_out', quantity: 10, counterpartStoreId: STORE, transferId: TRANSFER },
    };
    given.when(toItself).thenFails('STOCK.TRANSFER_TO_SAME_STORE', 'data.counterpartStoreId');
  });

  it('refuses waste without a note saying why', () => {
    given.when(waste(1, 10, '   ')).thenFails('VALIDATION.INVALID', 'data.note');
  });

  it('refuses an unknown reason, naming the field', () => {
    const unknown = {
      type: 'AdjustStock',
      data: { ...adjustment(1), reason: 'theft', quantity: 1 },
    } as unknown as AdjustStock;
    given.when(unknown).thenFails('VALIDATION.INVALID', 'data.reason');
  });

  it('refuses a malformed command from an untrusted caller, naming the field', () => {
    const command = count(1, 1);
    given
      .when({ ...command, data: { ...command.data, occurredAt: '2026-11-24 13:05' } })
      .thenFails('VALIDATION.INVALID', 'data.occurredAt');
    given
      .when({ ...command, data: { ...command.data, storeId: 'store-1' } })
      .thenFails('VALIDATION.INVALID', 'data.storeId');
    given.when({ type: 'RemoveStock' } as unknown as AdjustStock).thenFails('VALIDATION.INVALID', 'type');
  });
});

describe('stock item that is tracked', () => {
  const history = [counted(1, 5000), wasted(2, 200), received(3, 1000), transferred(4, 'transfer_out', 300)];
  const given = spec(stockDecider).given(history);

  it('keeps the last count, the deltas since it, and every adjustment and transfer id', () => {
    expect(foldEvents(stockDecider, history)).toEqual({
      status: 'tracked',
      storeId: STORE,
      stockItemId: RICE,
      lastCount: { countedQuantity: 5000, countedAt: AT },
      deltaSinceCount: 500,
      adjustmentIds: [id(0x201), id(0x202), id(0x203), id(0x204)],
      transferIdsIn: [],
      transferIdsOut: [TRANSFER],
    });
  });

  it('starts the deltas again from a new count', () => {
    const recount = { ...counted(5, 4400), data: { ...counted(5, 4400).data, occurredAt: LATER } };
    const state = foldEvents(stockDecider, [...history, recount, transferred(6, 'transfer_in', 50, id(0x301))]);
    expect(state).toMatchObject({
      lastCount: { countedQuantity: 4400, countedAt: LATER },
      deltaSinceCount: 50,
      transferIdsIn: [id(0x301)],
    });
  });

  it('records further adjustments', () => {
    given.when(waste(5, 20)).then([wasted(5, 20)]);
    given.when(count(5, 4321)).then([counted(5, 4321)]);
  });

  it('treats a repeated adjustment id as a retry that changes nothing', () => {
    given.when(waste(2, 200)).then([]);
    given.when(transfer(4, 'transfer_out', 300)).then([]);
  });

  it('refuses a second adjustment recording the same transfer in the same direction', () => {
    given.when(transfer(5, 'transfer_out', 300)).thenFails('STOCK.TRANSFER_ALREADY_RECORDED', 'data.transferId');
    spec(stockDecider)
      .given([transferred(1, 'transfer_in', 40)])
      .when(transfer(2, 'transfer_in', 40))
      .thenFails('STOCK.TRANSFER_ALREADY_RECORDED', 'data.transferId');
  });

  it('refuses a command for another store than the stream holds', () => {
    const command = waste(5, 20);
    given
      .when({ ...command, data: { ...command.data, storeId: OTHER_STORE } })
      .thenFails('STOCK.WRONG_STREAM', 'data.storeId');
  });

  it('refuses a command for another stock item than the stream holds, even with a seen adjustment id', () => {
    const command = waste(2, 200);
    given
      .when({ ...command, data: { ...command.data, stockItemId: OIL } })
      .thenFails('STOCK.WRONG_STREAM', 'data.stockItemId');
  });

  it('refuses an adjustment that would push the sum of deltas since the last count past a safe integer', () => {
    spec(stockDecider)
      .given([received(1, Number.MAX_SAFE_INTEGER)])
      .when(receipt(2, 1))
      .thenFails('STOCK.QUANTITY_OUT_OF_RANGE', 'data.quantity');
  });
});

describe('stock event definitions', () => {
  it('list every stock event type at schema version 1', () => {
    expect(
      stockEventDefinitions.map((definition) => [definition.schema.shape.type.value, definition.schemaVersion]),
    ).toEqual([
      ['StockAdjusted', 1],
      ['StockDepleted', 1],
    ]);
  });

  it('refuse a stored adjustment whose delta has the wrong sign for its reason', () => {
    const forged = { ...wasted(1, 10), data: { ...wasted(1, 10).data, quantityDelta: 10 } };
    expect(StockAdjusted.safeParse(forged).success).toBe(false);
  });

  it('refuse a stored transfer to the store itself', () => {
    const forged = transferred(1, 'transfer_in', 10);
    expect(StockAdjusted.safeParse({ ...forged, data: { ...forged.data, counterpartStoreId: STORE } }).success).toBe(
      false,
    );
  });
});
