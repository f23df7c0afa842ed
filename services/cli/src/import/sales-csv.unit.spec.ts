import { describe, expect, it } from 'vitest';
import { readSalesCsv } from './sales-csv.js';

const MENU = [
  { itemId: '0193a000-0000-7000-8000-000000000001', name: 'The Hawaiian Pizza (M)' },
  { itemId: '0193a000-0000-7000-8000-000000000002', name: 'The Hawaiian Pizza (L)' },
  { itemId: '0193a000-0000-7000-8000-000000000003', name: 'Masala Dosa' },
];
const [HAWAIIAN_M, HAWAIIAN_L, DOSA] = MENU.map((item) => item.itemId);

const PIZZA_HEADER = 'order_id,date,time,item_id,item_name,category,size,quantity,unit_price_minor';

describe('reading a file of past sales', () => {
  it('reads the pizza-place export as it is: rows grouped into orders, sizes joined as "Name (Size)"', () => {
    const file = readSalesCsv(
      [
        PIZZA_HEADER,
        '1,2015-01-01,11:38:36,hawaiian,The Hawaiian Pizza,Classic,M,1,1325',
        '2,2015-01-01,11:57:40,hawaiian,The Hawaiian Pizza,Classic,L,2,1650',
        '2,2015-01-01,11:57:40,hawaiian,The Hawaiian Pizza,Classic,M,1,1325',
        '',
      ].join('\n'),
      MENU,
      'cash',
    );
    expect(file.fileErrors).toEqual([]);
    expect(file.ignoredColumns).toEqual(['item_id', 'category']);
    expect(file.rows).toBe(3);
    expect(file.orders.map((order) => order.order)).toEqual([
      {
        orderNumber: '1',
        date: '2015-01-01',
        time: '11:38:36',
        tender: 'cash',
        lines: [{ line: 2, itemId: HAWAIIAN_M, quantity: 1, unitPricePaise: 1325 }],
      },
      {
        orderNumber: '2',
        date: '2015-01-01',
        time: '11:57:40',
        tender: 'cash',
        lines: [
          { line: 3, itemId: HAWAIIAN_L, quantity: 2, unitPricePaise: 1650 },
          { line: 4, itemId: HAWAIIAN_M, quantity: 1, unitPricePaise: 1325 },
        ],
      },
    ]);
  });

  it('matches an item by its exact name in any case, takes a row’s tender over the default, and seconds as optional', () => {
    const file = readSalesCsv(
      ['order,date,time,item,quantity,unit price,tender', 'B-7,2026-03-01,19:05,  masala dosa ,2,12000,UPI', ''].join(
        '\n',
      ),
      MENU,
      'card',
    );
    expect(file.orders[0]?.order).toEqual({
      orderNumber: 'B-7',
      date: '2026-03-01',
      time: '19:05:00',
      tender: 'upi',
      lines: [{ line: 2, itemId: DOSA, quantity: 2, unitPricePaise: 12000 }],
    });
  });

  it('names the line, column and reason of every bad row, and leaves out the whole order a bad row is in', () => {
    const file = readSalesCsv(
      [
        PIZZA_HEADER,
        '1,2015-01-01,11:38:36,x,The Hawaiian Pizza,Classic,M,1,1325',
        '1,2015-01-01,11:38:36,x,The Hawaiian Pizza,Classic,XL,1,1325',
        '2,2015-02-30,12:00:00,x,The Hawaiian Pizza,Classic,M,1,1325',
        '3,2015-01-02,25:00:00,x,The Hawaiian Pizza,Classic,M,0,13.25',
        '4,2015-01-02,12:00:00,x,The Hawaiian Pizza,Classic,M,2,1325',
        '4,2015-01-03,12:00:00,x,The Hawaiian Pizza,Classic,L,1.5,1650',
        ',2015-01-02,12:00:00,x,The Hawaiian Pizza,Classic,M,1,1325',
        '5,2015-01-02,12:00:00,x,The Hawaiian Pizza,Classic,M,1,1325',
        '',
      ].join('\n'),
      MENU,
      'cash',
    );
    expect(file.orders.filter((order) => order.order).map((order) => order.orderNumber)).toEqual(['5']);
    expect(file.orders.flatMap((order) => order.errors)).toEqual([
      {
        line: 3,
        field: 'item',
        reason: 'the brand’s menu has no item named "The Hawaiian Pizza (XL)" or "The Hawaiian Pizza"',
      },
      { line: 4, field: 'date', reason: '"2015-02-30" is not a calendar date YYYY-MM-DD' },
      { line: 5, field: 'time', reason: '"25:00:00" is not a time of day HH:MM or HH:MM:SS' },
      { line: 5, field: 'quantity', reason: 'must be greater than zero' },
      {
        line: 5,
        field: 'unit_price',
        reason: '"13.25" is not a whole number of paise (minor units: ₹12.50 is 1250)',
      },
      { line: 7, field: 'quantity', reason: '"1.5" is not a whole number' },
      { line: 7, field: 'date', reason: 'order 4 is dated 2015-01-02 on line 6' },
      { line: 8, field: 'order', reason: 'must not be empty' },
    ]);
  });

  it('refuses a file without the columns it needs, naming each, and imports nothing', () => {
    const file = readSalesCsv('order,date,item\n1,2015-01-01,Masala Dosa\n', MENU, 'cash');
    expect(file.orders).toEqual([]);
    expect(file.fileErrors.map((error) => error.field)).toEqual(['time', 'quantity', 'unit_price']);
  });

  it('refuses a tender an import cannot take', () => {
    const file = readSalesCsv(
      'order,date,time,item,quantity,unit_price,tender\n1,2015-01-01,10:00,Masala Dosa,1,100,loyalty\n',
      MENU,
      'cash',
    );
    expect(file.orders[0]?.errors).toEqual([
      { line: 2, field: 'tender', reason: '"loyalty" is not a tender an import takes: cash, card, upi, wallet' },
    ]);
  });
});
