import { describe, expect, it } from 'vitest';
import { combineIncrements, deleteRows, increment, update } from './row-change.js';
import { rmItemSales, rmOrders } from './tables.js';
import { ORG, STORE, id } from './testing/fixtures.js';

const day = { org_id: ORG, store_id: STORE, business_date: '2026-11-24' };
const pizza = { ...day, item_id: id(0x101) };
const cola = { ...day, item_id: id(0x102) };

describe('combineIncrements', () => {
  it('merges increments of one row into the first, summing each column', () => {
    expect(
      combineIncrements([
        increment(rmItemSales, pizza, { quantity_sold: 1, taxable_paise: 100 }, { name: 'Margherita' }),
        increment(rmItemSales, cola, { quantity_sold: 1 }, { name: 'Cola' }),
        increment(
          rmItemSales,
          { item_id: pizza.item_id, ...day },
          { quantity_sold: 2, refunded_quantity: 1 },
          { name: 'Margherita' },
        ),
      ]),
    ).toEqual([
      increment(
        rmItemSales,
        pizza,
        { quantity_sold: 3, taxable_paise: 100, refunded_quantity: 1 },
        { name: 'Margherita' },
      ),
      increment(rmItemSales, cola, { quantity_sold: 1 }, { name: 'Cola' }),
    ]);
  });

  it('leaves other changes where they were and does not alter its input', () => {
    const first = increment(rmItemSales, pizza, { quantity_sold: 1 });
    const status = update(rmOrders, { org_id: ORG, order_id: id(1) }, { status: 'voided' });
    expect(combineIncrements([first, status, increment(rmItemSales, pizza, { quantity_sold: 1 })])).toEqual([
      increment(rmItemSales, pizza, { quantity_sold: 2 }),
      status,
    ]);
    expect(first).toEqual(increment(rmItemSales, pizza, { quantity_sold: 1 }));
  });

  it('never merges an increment into one before a delete of its row, which the delete wipes', () => {
    const wiped = deleteRows(rmItemSales, day);
    expect(
      combineIncrements([
        increment(rmItemSales, pizza, { quantity_sold: 1 }),
        wiped,
        increment(rmItemSales, pizza, { quantity_sold: 2 }),
      ]),
    ).toEqual([
      increment(rmItemSales, pizza, { quantity_sold: 1 }),
      wiped,
      increment(rmItemSales, pizza, { quantity_sold: 2 }),
    ]);
  });
});
