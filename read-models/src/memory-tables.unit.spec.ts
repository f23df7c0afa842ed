import { describe, expect, it } from 'vitest';
import { applyChanges, createMemoryTables, rowsOf } from './memory-tables.js';
import { deleteRows, increment, update, upsert, type RowChange } from './row-change.js';
import { rmPaymentMix, rmRecipeComponents, rmSalesByHour, rmStockOnHand, rmStores } from './tables.js';
import { ORG, STORE, id } from './testing/fixtures.js';

const stockKey = { org_id: ORG, store_id: STORE, stock_item_id: id(0xd0) };
const hourKey = (hour: number) => ({ org_id: ORG, store_id: STORE, business_date: '2026-11-24', hour });
const store = { brand_id: id(0x0b), name: 'Bandra', time_zone: 'Asia/Kolkata', state_code: '27' };

const applied = (...changes: RowChange[]) => applyChanges(createMemoryTables(), changes);

describe('the in-memory applier', () => {
  describe('upsert', () => {
    it('inserts key and values, filling the declared defaults', () => {
      const tables = applied(upsert(rmStores, { org_id: ORG, store_id: STORE }, store));
      expect(rowsOf(tables, rmStores)).toEqual([{ org_id: ORG, store_id: STORE, ...store, gstin: null }]);
    });

    it('overwrites only the named columns of an existing row', () => {
      const tables = applied(
        increment(rmStockOnHand, stockKey, { on_hand: 500 }),
        upsert(rmStockOnHand, stockKey, { last_counted_quantity: 480 }),
      );
      expect(rowsOf(tables, rmStockOnHand)).toEqual([
        { ...stockKey, on_hand: 500, last_counted_quantity: 480, last_counted_at: null },
      ]);
    });
    it('refuses an upsert that could not be inserted, even when the row exists, as INSERT … ON CONFLICT would', () => {
      const tables = applied(upsert(rmStores, { org_id: ORG, store_id: STORE }, store));
      expect(() =>
        applyChanges(tables, [upsert(rmStores, { org_id: ORG, store_id: STORE }, { name: 'Juhu' })]),
      ).toThrow(/brand_id is NOT NULL/);
    });
  });

  describe('increment', () => {
    it('inserts key + init + by, then adds by to the existing row', () => {
      const tables = applied(
        increment(
          rmPaymentMix,
          { org_id: ORG, store_id: STORE, business_date: '2026-11-24', tender_kind: 'upi' },
          { tenders_count: 1, applied_paise: 100 },
        ),
        increment(
          rmPaymentMix,
          { org_id: ORG, store_id: STORE, business_date: '2026-11-24', tender_kind: 'upi' },
          { tenders_count: 1, applied_paise: 250 },
        ),
      );
      expect(rowsOf(tables, rmPaymentMix)).toEqual([
        {
          org_id: ORG,
          store_id: STORE,
          business_date: '2026-11-24',
          tender_kind: 'upi',
          tenders_count: 2,
          applied_paise: 350,
          tips_paise: 0,
          refunds_count: 0,
          refunded_paise: 0,
          voided_paise: 0,
        },
      ]);
    });

    it('refuses to add to a NULL', () => {
      const tables = applied(upsert(rmStockOnHand, stockKey, { on_hand: 1 }));
      expect(() =>
        applyChanges(tables, [
          { op: 'increment', table: 'rm_stock_on_hand', key: stockKey, by: { last_counted_quantity: 1 } },
        ]),
      ).toThrow(/NULL/);
    });

    it('refuses a column that is both initialised and incremented', () => {
      expect(() => applied(increment(rmStockOnHand, stockKey, { on_hand: 1 }, { on_hand: 2 }))).toThrow(/both/);
    });

    it('refuses to increment a key or a non-numeric column, or by a fraction', () => {
      const key = { org_id: ORG, store_id: STORE };
      expect(() => applied({ op: 'increment', table: 'rm_stores', key, by: { name: 1 } })).toThrow(/not a counter/);
      expect(() =>
        applied({ op: 'increment', table: 'rm_stock_on_hand', key: stockKey, by: { on_hand: 0.5 } }),
      ).toThrow(/cannot grow/);
      expect(() => applied({ op: 'increment', table: 'rm_stock_on_hand', key: stockKey, by: { nope: 1 } })).toThrow(
        /no column nope/,
      );
    });

    it('refuses a sum that leaves the column type, as Postgres would', () => {
      const tables = applied(increment(rmSalesByHour, hourKey(13), { orders_count: 2_147_483_647 }));
      expect(() => applyChanges(tables, [increment(rmSalesByHour, hourKey(13), { orders_count: 1 })])).toThrow(
        /integer/,
      );
    });
  });

  describe('update', () => {
    it('sets columns on an existing row and is a no-op when there is none', () => {
      const tables = applied(
        update(rmStockOnHand, stockKey, { on_hand: 9 }),
        increment(rmStockOnHand, stockKey, { on_hand: 5 }),
        update(rmStockOnHand, stockKey, { last_counted_at: '2026-11-24T16:00:00+05:30' }),
      );
      expect(rowsOf(tables, rmStockOnHand)).toEqual([
        { ...stockKey, on_hand: 5, last_counted_quantity: null, last_counted_at: '2026-11-24T16:00:00+05:30' },
      ]);
    });
  });

  describe('delete', () => {
    const PIZZA = id(0x101);
    const COLA = id(0x102);
    const component = (itemId: string, stockItemId: string, quantity: number) =>
      upsert(
        rmRecipeComponents,
        { org_id: ORG, item_id: itemId, stock_item_id: stockItemId },
        { position: 0, quantity },
      );

    it('removes every row under a leading part of the key, and no other', () => {
      const tables = applied(
        component(PIZZA, id(0xd0), 250),
        component(PIZZA, id(0xc0), 100),
        component(COLA, id(0xcc), 1),
      );
      applyChanges(tables, [deleteRows(rmRecipeComponents, { org_id: ORG, item_id: PIZZA })]);
      expect(rowsOf(tables, rmRecipeComponents).map((row) => row.item_id)).toEqual([COLA]);
    });

    it('sees the rows written before it in the same batch, and the rows after it stand', () => {
      const tables = applied(component(PIZZA, id(0xd0), 250));
      applyChanges(tables, [
        component(PIZZA, id(0xc0), 100),
        deleteRows(rmRecipeComponents, { org_id: ORG, item_id: PIZZA }),
        component(PIZZA, id(0xd0), 230),
      ]);
      expect(rowsOf(tables, rmRecipeComponents)).toEqual([
        { org_id: ORG, item_id: PIZZA, stock_item_id: id(0xd0), position: 0, quantity: 230 },
      ]);
    });

    it('is a no-op when nothing matches', () => {
      expect(
        rowsOf(applied(deleteRows(rmRecipeComponents, { org_id: ORG, item_id: PIZZA })), rmRecipeComponents),
      ).toEqual([]);
    });

    it('refuses a key that is not a leading part of the table’s, or names a value column', () => {
      expect(() => applied(deleteRows(rmRecipeComponents, { org_id: ORG, stock_item_id: id(0xd0) }))).toThrow(
        /leading part of the key/,
      );
      expect(() => applied(deleteRows(rmRecipeComponents, {}))).toThrow(/leading part of the key/);
      expect(() => applied({ op: 'delete', table: 'rm_recipe_components', key: { org_id: ORG, quantity: 1 } })).toThrow(
        /not a key column/,
      );
    });

    it('is undone with the rest of a batch that fails', () => {
      const tables = applied(component(PIZZA, id(0xd0), 250));
      expect(() =>
        applyChanges(tables, [
          deleteRows(rmRecipeComponents, { org_id: ORG, item_id: PIZZA }),
          upsert(rmStores, { org_id: ORG, store_id: STORE }, {}),
        ]),
      ).toThrow();
      expect(rowsOf(tables, rmRecipeComponents)).toHaveLength(1);
    });
  });

  describe('refusals, as the database would refuse them', () => {
    const refusals: Array<[string, RowChange, RegExp]> = [
      ['an unknown table', { op: 'update', table: 'rm_nope', key: {}, values: {} }, /no read-model table/],
      [
        'a key missing a column',
        { op: 'update', table: 'rm_stores', key: { org_id: ORG }, values: {} },
        /key lacks store_id/,
      ],
      [
        'a value column in the key',
        { op: 'update', table: 'rm_stores', key: { org_id: ORG, store_id: STORE, name: 'x' }, values: {} },
        /not a key column/,
      ],
      [
        'a key column in the values',
        upsert(rmStores, { org_id: ORG, store_id: STORE }, { ...store, org_id: ORG }),
        /is a key column/,
      ],
      [
        'an unknown column',
        { op: 'upsert', table: 'rm_stores', key: { org_id: ORG, store_id: STORE }, values: { city: 'Mumbai' } },
        /no column city/,
      ],
      [
        'an insert missing a NOT NULL column',
        upsert(rmStores, { org_id: ORG, store_id: STORE }, { name: 'Bandra' }),
        /brand_id is NOT NULL/,
      ],
      [
        'NULL in a NOT NULL column',
        upsert(rmStores, { org_id: ORG, store_id: STORE }, { ...store, name: null }),
        /name is NOT NULL/,
      ],
      ['a uuid that is not one', upsert(rmStores, { org_id: 'org-1', store_id: STORE }, store), /must be a uuid/],
      [
        'a date that is not one',
        increment(rmSalesByHour, { ...hourKey(1), business_date: '24/11/2026' }, {}),
        /YYYY-MM-DD/,
      ],
      [
        'an instant that is not one',
        upsert(rmStockOnHand, stockKey, { on_hand: 1, last_counted_at: 'teatime' }),
        /ISO instant/,
      ],
      [
        'text that is a number',
        upsert(rmStores, { org_id: ORG, store_id: STORE }, { ...store, name: 7 }),
        /must be text/,
      ],
      [
        'text outside its values',
        increment(
          rmPaymentMix,
          { org_id: ORG, store_id: STORE, business_date: '2026-11-24', tender_kind: 'cheque' },
          {},
        ),
        /one of/,
      ],
      [
        'a boolean that is not one',
        {
          op: 'upsert',
          table: 'rm_order_lines',
          key: { org_id: ORG, order_id: STORE, line_id: STORE },
          values: { price_includes_tax: 'yes' },
        },
        /boolean/,
      ],
      ['a smallint out of range', increment(rmSalesByHour, hourKey(40_000), {}), /smallint/],
      ['a fraction of a paisa', upsert(rmStockOnHand, stockKey, { on_hand: 1.5 }), /bigint/],
      ['minus zero', upsert(rmStockOnHand, stockKey, { on_hand: -0 }), /−0/],
    ];
    it.each(refusals)('refuses %s', (_name, change, message) => {
      expect(() => applied(change)).toThrow(message);
    });

    it('applies a batch all or nothing', () => {
      const tables = applied(increment(rmStockOnHand, stockKey, { on_hand: 5 }));
      expect(() =>
        applyChanges(tables, [
          increment(rmStockOnHand, stockKey, { on_hand: 5 }),
          upsert(rmStores, { org_id: ORG, store_id: STORE }, {}),
        ]),
      ).toThrow();
      expect(rowsOf(tables, rmStockOnHand)).toEqual([
        { ...stockKey, on_hand: 5, last_counted_quantity: null, last_counted_at: null },
      ]);
    });
  });

  it('lists rows in key order, numbers as numbers', () => {
    const tables = applied(
      increment(rmSalesByHour, hourKey(10), { orders_count: 1 }),
      increment(rmSalesByHour, hourKey(9), { orders_count: 1 }),
      increment(rmSalesByHour, { ...hourKey(23), business_date: '2026-11-23' }, { orders_count: 1 }),
    );
    expect(rowsOf(tables, rmSalesByHour).map((row) => [row.business_date, row.hour])).toEqual([
      ['2026-11-23', 23],
      ['2026-11-24', 9],
      ['2026-11-24', 10],
    ]);
    expect(rowsOf(createMemoryTables(), rmSalesByHour)).toEqual([]);
  });
});
