import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmOfflineConflicts } from '../tables.js';
import { fold } from '../testing/fold.js';
import { COLA, DOUGH, ORG, REGISTER, STORE, id } from '../testing/fixtures.js';
import { LUNCH_ORDER, lunch } from '../testing/scenarios.js';
import { offlineConflictsProjection } from './offline-conflicts.projection.js';

describe('offline conflicts projection', () => {
  it('keeps one row per conflict of a replayed sale, for the stock report and the manager', () => {
    const ledger = lunch();
    const at = '2026-11-24T21:05:00+05:30';
    const conflicts = [
      {
        kind: 'price_changed',
        path: 'data.lines.1.unitPricePaise',
        detail: 'the price is now ₹70.00',
        itemId: COLA.itemId,
        recorded: 6_000,
        current: 7_000,
      },
      {
        kind: 'stock_negative',
        path: 'data.quantity',
        detail: 'selling 750 units left -500 on hand',
        stockItemId: DOUGH,
        onHandAfter: -500,
      },
    ];
    const record = {
      type: 'OfflineConflictRecorded',
      data: { orderId: LUNCH_ORDER, storeId: STORE, registerId: REGISTER, placedEventId: id(0x3_0001), conflicts },
    };
    ledger.recordOnOrder(LUNCH_ORDER, [record], at, STORE);
    // Redelivered: the same rows, nothing added.
    ledger.recordOnOrder(LUNCH_ORDER, [record], at, STORE);

    const rows = rowsOf(fold([offlineConflictsProjection], ledger.events), rmOfflineConflicts);
    const common = {
      org_id: ORG,
      order_id: LUNCH_ORDER,
      placed_event_id: id(0x3_0001),
      store_id: STORE,
      register_id: REGISTER,
      recorded_at: at,
    };
    expect(rows).toEqual([
      {
        ...common,
        conflict_index: 0,
        kind: 'price_changed',
        path: 'data.lines.1.unitPricePaise',
        detail: 'the price is now ₹70.00',
        item_id: COLA.itemId,
        stock_item_id: null,
        on_hand_after: null,
      },
      {
        ...common,
        conflict_index: 1,
        kind: 'stock_negative',
        path: 'data.quantity',
        detail: 'selling 750 units left -500 on hand',
        item_id: null,
        stock_item_id: DOUGH,
        on_hand_after: -500,
      },
    ]);
  });

  it("keeps a void's conflict beside the sale's on the same order, neither replacing the other", () => {
    const ledger = lunch();
    const at = '2026-11-24T21:05:00+05:30';
    const recordOf = (placedEventId: string, detail: string) => ({
      type: 'OfflineConflictRecorded',
      data: {
        orderId: LUNCH_ORDER,
        storeId: STORE,
        registerId: REGISTER,
        placedEventId,
        conflicts: [{ kind: 'price_changed', path: 'data.lines.0.unitPricePaise', detail }],
      },
    });
    ledger.recordOnOrder(LUNCH_ORDER, [recordOf(id(0x3_0001), 'the sale')], at, STORE);
    ledger.recordOnOrder(LUNCH_ORDER, [recordOf(id(0x3_0002), 'the void')], at, STORE);
    const rows = rowsOf(fold([offlineConflictsProjection], ledger.events), rmOfflineConflicts);
    expect(rows.map((row) => [row.placed_event_id, row.conflict_index, row.detail])).toEqual([
      [id(0x3_0001), 0, 'the sale'],
      [id(0x3_0002), 0, 'the void'],
    ]);
  });
});
