import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmStockOnHand } from '../tables.js';
import { fold } from '../testing/fold.js';
import { CHEESE, COLA_CAN, DOUGH, ORG, STORE, id } from '../testing/fixtures.js';
import type { TestLedger } from '../testing/ledger.js';
import { lunch, sellOnePizza } from '../testing/scenarios.js';
import { stockOnHandProjection } from './stock-on-hand.projection.js';

const adjust = (ledger: TestLedger, stockItemId: string, n: number, at: string, change: Record<string, unknown>) =>
  ledger.stock(
    STORE,
    stockItemId,
    {
      type: 'AdjustStock',
      data: { stockItemId, storeId: STORE, adjustmentId: id(0x6_0000 + n), occurredAt: at, ...change },
    },
    at,
  );

const onHand = (stock_item_id: string, on_hand: number, counted?: { quantity: number; at: string }) => ({
  org_id: ORG,
  store_id: STORE,
  stock_item_id,
  on_hand,
  last_counted_quantity: counted?.quantity ?? null,
  last_counted_at: counted?.at ?? null,
});

describe('stock on hand projection', () => {
  describe('given receipts, sales, a count and waste', () => {
    it('subtracts depletions, adds deltas, and sets on hand to the count', () => {
      const ledger = lunch(); // 2 pizzas with extra cheese and a cola, at 13:05
      adjust(ledger, DOUGH, 1, '2026-11-24T09:00:00+05:30', { reason: 'receipt', quantity: 10_000 });
      adjust(ledger, CHEESE, 2, '2026-11-24T09:00:00+05:30', { reason: 'receipt', quantity: 5_000 });
      sellOnePizza(ledger, id(0x0_0031), '2026-11-24T14:00:00+05:30');
      // Counted in the afternoon: 9000 g of dough, whatever the sales say (10000 − 750 = 9250).
      adjust(ledger, DOUGH, 3, '2026-11-24T16:00:00+05:30', { reason: 'count', countedQuantity: 9_000 });
      sellOnePizza(ledger, id(0x0_0032), '2026-11-24T19:00:00+05:30');
      adjust(ledger, DOUGH, 4, '2026-11-24T23:00:00+05:30', { reason: 'waste', quantity: 100, note: 'dropped' });
      const tables = fold([stockOnHandProjection], ledger.events);
      expect(rowsOf(tables, rmStockOnHand)).toEqual([
        // Cheese: lunch used 2 × (100 + 50) = 300 before the receipt was projected, then 5000 in,
        // then 100 for each of the two later pizzas: −300 + 5000 − 200 = 4500.
        onHand(CHEESE, 4_500),
        // Cola: one can sold, never received or counted: −1 says so.
        onHand(COLA_CAN, -1),
        // Dough: counted 9000, then one pizza (250) and 100 wasted: 8650.
        onHand(DOUGH, 8_650, { quantity: 9_000, at: '2026-11-24T16:00:00+05:30' }),
      ]);
    });
  });

  describe('given a transfer between stores', () => {
    it('takes the quantity off the sending store only', () => {
      const ledger = lunch();
      adjust(ledger, COLA_CAN, 5, '2026-11-24T18:00:00+05:30', {
        reason: 'transfer_out',
        quantity: 24,
        counterpartStoreId: id(0x5b),
        transferId: id(0x7_0001),
      });
      const tables = fold([stockOnHandProjection], ledger.events);
      expect(rowsOf(tables, rmStockOnHand).find((row) => row.stock_item_id === COLA_CAN)).toEqual(
        onHand(COLA_CAN, -25),
      );
    });
  });
});
