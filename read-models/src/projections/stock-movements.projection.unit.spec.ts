import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmStockItems, rmStockMovements, rmStockOnHand } from '../tables.js';
import { fold } from '../testing/fold.js';
import { DOUGH, ORG, STORE } from '../testing/fixtures.js';
import { wholeDay } from '../testing/whole-day.js';
import { stockItemsProjection } from './stock-items.projection.js';
import { stockMovementsProjection } from './stock-movements.projection.js';
import { stockOnHandProjection } from './stock-on-hand.projection.js';

describe('stock movements projection, over a whole day', () => {
  const { events } = wholeDay();
  const movements = rowsOf(fold([stockMovementsProjection], events), rmStockMovements);

  it('writes one dated row per stock event, a sale as a negative change and a count as what was counted', () => {
    const dough = movements.filter((row) => row.stock_item_id === DOUGH);
    expect(dough.map((row) => row.kind)).toEqual(expect.arrayContaining(['receipt', 'sale', 'count']));
    expect(dough.find((row) => row.kind === 'receipt')).toMatchObject({
      org_id: ORG,
      store_id: STORE,
      business_date: '2026-11-24',
      occurred_at: '2026-11-24T10:30:00+05:30',
      quantity: 20_000,
    });
    expect(dough.find((row) => row.kind === 'count')).toMatchObject({ quantity: 18_500 });
    expect(dough.filter((row) => row.kind === 'sale').every((row) => (row.quantity as number) < 0)).toBe(true);
    const stockEvents = events.filter((event) => event.type === 'StockDepleted' || event.type === 'StockAdjusted');
    expect(movements.map((row) => row.event_id).sort()).toEqual(stockEvents.map((event) => event.eventId).sort());
  });

  it('dates a sale after midnight UTC by the store zone, not the offset it was written with', () => {
    const late = fold(
      [stockMovementsProjection],
      [
        {
          ...(events.find((event) => event.type === 'StockDepleted') as (typeof events)[number]),
          occurredAt: '2026-11-24T19:00:00Z',
        },
      ],
    );
    expect(rowsOf(late, rmStockMovements)[0]).toMatchObject({ business_date: '2026-11-25' });
  });

  it('adds up, in log order, to the stock on hand the balance projection keeps', () => {
    const onHand = rowsOf(fold([stockOnHandProjection], events), rmStockOnHand);
    for (const balance of onHand) {
      const rows = movements
        .filter((row) => row.store_id === balance.store_id && row.stock_item_id === balance.stock_item_id)
        .sort((a, b) => (a.global_position as number) - (b.global_position as number));
      const folded = rows.reduce<number>(
        (sum, row) => (row.kind === 'count' ? (row.quantity as number) : sum + (row.quantity as number)),
        0,
      );
      expect(folded).toBe(balance.on_hand);
    }
  });
});

describe('stock items projection', () => {
  it('keeps the name an item was last given and the unit it counts in', () => {
    const { events } = wholeDay();
    expect(rowsOf(fold([stockItemsProjection], events), rmStockItems)).toEqual([
      { org_id: ORG, stock_item_id: DOUGH, name: 'Pizza dough', unit: 'g' },
    ]);
  });
});
