import { describe, expect, it } from 'vitest';
import { MARGHERITA, MENU, SEASONAL } from '../testing/catalog-fixtures.js';
import { id, STORE } from '../testing/fixtures.js';
import { decideImportedOrder, type ImportedOrderInput } from './imported-order.js';
import { instantOfLocalTime } from './local-time.js';

const IMPORT = id(0x1a);

const given = (overrides: Partial<ImportedOrderInput['order']> = {}): ImportedOrderInput => ({
  order: {
    orderNumber: '77',
    date: '2015-01-01',
    time: '11:38:36',
    tender: 'card',
    lines: [{ line: 12, itemId: MARGHERITA.itemId, quantity: 2, unitPricePaise: 1325 }],
    ...overrides,
  },
  ids: { orderId: id(0x900), lineIds: [id(0x901), id(0x902)], paymentId: id(0x903) },
  importId: IMPORT,
  store: { storeId: STORE, stateCode: '27', timeZone: 'Asia/Kolkata' },
  catalog: MENU,
  pricesIncludeTax: false,
  now: '2026-12-06T05:00:00Z',
});

describe('an imported order', () => {
  it('is priced by the order decider at the file’s price, not today’s, paid exactly by its tender, and marked as imported', () => {
    const decided = decideImportedOrder(given());
    if (!('events' in decided)) throw new Error(decided.reason);
    expect(decided.occurredAt).toBe('2015-01-01T11:38:36+05:30');
    const [placed, paid, ...depleted] = decided.events;
    expect(placed?.type).toBe('OrderPlaced');
    expect(placed?.data).toMatchObject({
      orderId: id(0x900),
      orderNumber: '77',
      registerId: null,
      // 2 × ₹13.25 = ₹26.50, not today’s ₹325 each; + CGST ₹0.66 + SGST ₹0.66 = ₹27.82, to the rupee ₹28
      totals: { taxablePaise: 2650, taxPaise: 132, payablePaise: 2800 },
      changePaise: 0,
      imported: { importId: IMPORT, sourceLine: 12 },
    });
    expect(paid).toMatchObject({
      type: 'PaymentTendered',
      data: { kind: 'card', amountPaise: 2800, appliedPaise: 2800, imported: { importId: IMPORT, sourceLine: 12 } },
    });
    expect(depleted.map((event) => event.type)).toEqual(['StockDepleted', 'StockDepleted']);
    expect(depleted.every((event) => 'imported' in event.data)).toBe(true);
  });

  it('may sell an item that is off the menu now: it was sold then', () => {
    const decided = decideImportedOrder(
      given({ lines: [{ line: 3, itemId: SEASONAL.itemId, quantity: 1, unitPricePaise: 100 }] }),
    );
    expect('events' in decided).toBe(true);
  });

  it('is refused, naming the line and column, when its item is not on the brand’s menu', () => {
    expect(
      decideImportedOrder(given({ lines: [{ line: 5, itemId: id(0x999), quantity: 1, unitPricePaise: 100 }] })),
    ).toEqual({ line: 5, field: 'item', reason: 'the brand’s catalog has no such item' });
  });

  it('is refused when dated after the ledger’s now', () => {
    expect(decideImportedOrder(given({ date: '2027-01-01' }))).toEqual({
      line: 12,
      field: 'date',
      reason: '2027-01-01 11:38:36 is in the future',
    });
  });

  it('is refused when it charges one item at two prices', () => {
    const decided = decideImportedOrder(
      given({
        lines: [
          { line: 7, itemId: MARGHERITA.itemId, quantity: 1, unitPricePaise: 100 },
          { line: 8, itemId: MARGHERITA.itemId, quantity: 1, unitPricePaise: 120 },
        ],
      }),
    );
    expect(decided).toMatchObject({ line: 8, field: 'unit_price' });
  });
});

describe('a store’s wall-clock time', () => {
  it('takes the offset its zone had on that day', () => {
    expect(instantOfLocalTime('2015-01-01', '23:30:00', 'Asia/Kolkata')).toBe('2015-01-01T23:30:00+05:30');
    expect(instantOfLocalTime('2015-07-01', '12:00', 'Europe/London')).toBe('2015-07-01T12:00:00+01:00');
    expect(instantOfLocalTime('2015-01-01', '12:00', 'Europe/London')).toBe('2015-01-01T12:00:00+00:00');
  });

  it('is refused when the zone’s clocks skipped it', () => {
    expect(instantOfLocalTime('2015-03-29', '01:30', 'Europe/London')).toMatchObject({ path: 'time' });
  });
});
