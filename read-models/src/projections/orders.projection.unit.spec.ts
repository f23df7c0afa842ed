import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmOrderLines, rmOrders } from '../tables.js';
import { fold } from '../testing/fold.js';
import { CASHIER, COLA, MARGHERITA, ORG, REGISTER, STORE } from '../testing/fixtures.js';
import {
  DINNER,
  DINNER_ORDER,
  DINNER_VOIDED_AT,
  LUNCH,
  LUNCH_LINE_COLA,
  LUNCH_LINE_PIZZA,
  LUNCH_ORDER,
  lunch,
  refundOnePizza,
  refundTheRest,
  voidedDinner,
} from '../testing/scenarios.js';
import { ordersProjection } from './orders.projection.js';

/** The lunch order as sold (figures worked out in testing/scenarios.ts). */
const lunchOrder = {
  org_id: ORG,
  order_id: LUNCH_ORDER,
  store_id: STORE,
  register_id: REGISTER,
  shift_id: null,
  order_number: 'B-101',
  channel: 'dine_in',
  supply: 'intra_state',
  place_of_supply: '27',
  placed_at: LUNCH,
  business_date: '2026-11-24',
  hour: 13,
  status: 'placed',
  gross_paise: 81_000,
  discount_paise: 0,
  service_charge_paise: 0,
  taxable_paise: 80_084,
  cgst_paise: 2_333,
  sgst_paise: 2_333,
  igst_paise: 0,
  tax_paise: 4_666,
  total_paise: 84_750,
  round_off_paise: 50,
  payable_paise: 84_800,
  tendered_paise: 90_000,
  change_paise: 5_200,
  refunded_paise: 0,
  voided_at: null,
  void_reason: null,
  voided_by: null,
};

const pizzaLine = {
  org_id: ORG,
  order_id: LUNCH_ORDER,
  line_id: LUNCH_LINE_PIZZA,
  store_id: STORE,
  position: 0,
  item_id: MARGHERITA.itemId,
  name: 'Margherita',
  modifiers: 'Extra cheese',
  hsn_sac: '996331',
  rate_bp: 500,
  quantity: 2,
  unit_price_paise: 32_500,
  price_includes_tax: false,
  gross_paise: 75_000,
  discount_paise: 0,
  service_charge_paise: 0,
  taxable_paise: 75_000,
  cgst_paise: 1_875,
  sgst_paise: 1_875,
  igst_paise: 0,
  total_paise: 78_750,
  refunded_quantity: 0,
  refunded_paise: 0,
};

const colaLine = {
  ...pizzaLine,
  line_id: LUNCH_LINE_COLA,
  position: 1,
  item_id: COLA.itemId,
  name: 'Cola 300 ml',
  modifiers: '',
  hsn_sac: '22021010',
  rate_bp: 1_800,
  quantity: 1,
  unit_price_paise: 6_000,
  price_includes_tax: true,
  gross_paise: 6_000,
  taxable_paise: 5_084,
  cgst_paise: 458,
  sgst_paise: 458,
  total_paise: 6_000,
};

/** Row order follows the key; the fixture ids make the pizza line sort first. */
const byLineId = [pizzaLine, colaLine].sort((a, b) => (a.line_id < b.line_id ? -1 : 1));

describe('orders projection', () => {
  describe('given an order placed', () => {
    it('records every total as sold, dated in the store zone', () => {
      const tables = fold([ordersProjection], lunch().events);
      expect(rowsOf(tables, rmOrders)).toEqual([lunchOrder]);
    });

    it('records each line as priced, in bill order, modifiers named', () => {
      const tables = fold([ordersProjection], lunch().events);
      expect(rowsOf(tables, rmOrderLines)).toEqual(byLineId);
    });
  });

  describe('given a refund of part of the order', () => {
    it('adds the refund to the order and its line and marks it partially refunded', () => {
      const ledger = lunch();
      refundOnePizza(ledger);
      const tables = fold([ordersProjection], ledger.events);
      expect(rowsOf(tables, rmOrders)).toEqual([
        { ...lunchOrder, status: 'partially_refunded', refunded_paise: 39_376 },
      ]);
      expect(rowsOf(tables, rmOrderLines)).toEqual([
        { ...pizzaLine, refunded_quantity: 1, refunded_paise: 39_376 },
        colaLine,
      ]);
    });

    it('when the rest is refunded, the order is refunded and the refunds add up to the payable', () => {
      const ledger = lunch();
      refundOnePizza(ledger);
      refundTheRest(ledger);
      const tables = fold([ordersProjection], ledger.events);
      // 39376 + 45424 (39374 + 6000 + the round-off 50) = 84800, the payable.
      expect(rowsOf(tables, rmOrders)).toEqual([{ ...lunchOrder, status: 'refunded', refunded_paise: 84_800 }]);
      // Lines return their own totals; the round-off belongs to the bill, not to a line.
      expect(rowsOf(tables, rmOrderLines)).toEqual([
        { ...pizzaLine, refunded_quantity: 2, refunded_paise: 78_750 },
        { ...colaLine, refunded_quantity: 1, refunded_paise: 6_000 },
      ]);
    });
  });

  describe('given a voided order', () => {
    it('keeps the figures and the date of the sale, and records when and why it was voided', () => {
      const tables = fold([ordersProjection], voidedDinner().events);
      expect(rowsOf(tables, rmOrders)).toEqual([
        {
          ...lunchOrder,
          order_id: DINNER_ORDER,
          order_number: null,
          placed_at: DINNER,
          hour: 20,
          status: 'voided',
          // One Margherita: 32500 + 813 + 813 = 34126, rounded to ₹341.
          gross_paise: 32_500,
          taxable_paise: 32_500,
          cgst_paise: 813,
          sgst_paise: 813,
          tax_paise: 1_626,
          total_paise: 34_126,
          round_off_paise: -26,
          payable_paise: 34_100,
          tendered_paise: 34_100,
          change_paise: 0,
          voided_at: DINNER_VOIDED_AT,
          void_reason: 'rung up twice',
          voided_by: CASHIER,
        },
      ]);
    });
  });
});
