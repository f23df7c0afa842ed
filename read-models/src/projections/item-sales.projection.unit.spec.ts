import { describe, expect, it } from 'vitest';
import { memoryContext } from '../memory-context.js';
import { rowsOf } from '../memory-tables.js';
import { rmItemSales } from '../tables.js';
import { checkout } from '../testing/commands.js';
import { fold } from '../testing/fold.js';
import { COLA, MARGHERITA, ORG, STORE, id } from '../testing/fixtures.js';
import { LUNCH, lunch, refundOnePizza, sellOnePizza, voidedDinner, withStore } from '../testing/scenarios.js';
import { itemSalesProjection } from './item-sales.projection.js';

const item = (business_date: string, itemId: string, name: string, figures: Record<string, number>) => ({
  org_id: ORG,
  store_id: STORE,
  business_date,
  item_id: itemId,
  name,
  quantity_sold: 0,
  taxable_paise: 0,
  refunded_quantity: 0,
  refunded_taxable_paise: 0,
  voided_quantity: 0,
  voided_taxable_paise: 0,
  ...figures,
});

describe('item sales projection', () => {
  describe('given a day of sales, a void and a refund the next morning', () => {
    it('sums each item per day, with voids and refunds apart on the day they happened', () => {
      const ledger = lunch();
      sellOnePizza(ledger, id(0x0_0021), '2026-11-24T14:10:00+05:30');
      voidedDinner(ledger);
      refundOnePizza(ledger);
      const tables = fold([itemSalesProjection], ledger.events);
      expect(rowsOf(tables, rmItemSales)).toEqual([
        // Pizzas: 2 at lunch (75000 with cheese) + 1 at 14:10 (32500) + 1 at dinner (32500), the
        // last one voided.
        item('2026-11-24', MARGHERITA.itemId, 'Margherita', {
          quantity_sold: 4,
          taxable_paise: 140_000,
          voided_quantity: 1,
          voided_taxable_paise: 32_500,
        }),
        // The cola's taxable is what is left of 6000 after 18 % GST inside it: 5084.
        item('2026-11-24', COLA.itemId, 'Cola 300 ml', { quantity_sold: 1, taxable_paise: 5_084 }),
        // Half the pizza line's 75000.
        item('2026-11-25', MARGHERITA.itemId, 'Margherita', { refunded_quantity: 1, refunded_taxable_paise: 37_500 }),
      ]);
    });
  });

  describe('given one order with two lines of one item', () => {
    it('writes one change to the item row, so no SQL statement touches a row twice', () => {
      const ledger = withStore();
      const orderId = id(0x0_0022);
      ledger.order(
        orderId,
        checkout(
          orderId,
          [
            { lineId: id(0x1_0221), itemId: MARGHERITA.itemId, quantity: 1 },
            { lineId: id(0x1_0222), itemId: MARGHERITA.itemId, quantity: 2 },
          ],
          // GST per line: 813 + 813 on 32500, 1625 + 1625 on 65000; 97500 + 4876 = 102376, ₹1024.
          [{ paymentId: id(0x2_0221), kind: 'upi', amountPaise: 102_400 }],
        ),
        LUNCH,
        STORE,
      );
      const placed = ledger.events.find((event) => event.type === 'OrderPlaced');
      const changes = itemSalesProjection.project(placed!, memoryContext(ledger.events));
      expect(changes).toEqual([
        {
          op: 'increment',
          table: 'rm_item_sales',
          key: { org_id: ORG, store_id: STORE, business_date: '2026-11-24', item_id: MARGHERITA.itemId },
          by: { quantity_sold: 3, taxable_paise: 97_500 },
          init: { name: 'Margherita' },
        },
      ]);
    });
  });
});
