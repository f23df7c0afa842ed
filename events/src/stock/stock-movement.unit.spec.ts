import { describe, expect, it } from 'vitest';
import { id, STORE } from '../testing/fixtures.js';
import { onHandAfter, stockMovementOf } from './stock-movement.js';

const DOUGH = id(0xd0);
const adjusted = (data: Record<string, unknown>) =>
  stockMovementOf({
    type: 'StockAdjusted',
    data: {
      stockItemId: DOUGH,
      storeId: STORE,
      adjustmentId: id(0x1),
      occurredAt: '2026-11-24T09:00:00+05:30',
      ...data,
    },
  } as never);

describe('stock on hand', () => {
  it('is set by a count and shifted by receipts, waste and sales, in log order', () => {
    const sold = stockMovementOf({
      type: 'StockDepleted',
      data: { orderId: id(0x2), storeId: STORE, stockItemId: DOUGH, quantity: 750, lineIds: [id(0x3)] },
    });
    expect(sold).toEqual({ stockItemId: DOUGH, storeId: STORE, kind: 'shift', quantity: -750 });
    const movements = [
      adjusted({ reason: 'receipt', quantityDelta: 5_000 }),
      sold,
      adjusted({ reason: 'count', countedQuantity: 1_000 }),
      sold,
      adjusted({ reason: 'waste', quantityDelta: -100, note: 'dropped' }),
      sold,
    ];
    expect(onHandAfter(movements)).toBe(1_000 - 750 - 100 - 750);
    expect(onHandAfter(movements.slice(0, 2), 200)).toBe(200 + 5_000 - 750);
  });
});
