import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { UnresolvedOrderError } from '../sold-order.js';
import { rmSalesByHour } from '../tables.js';
import { fold } from '../testing/fold.js';
import { BRAND, DUBAI_STORE, ORG, STORE, STORE_STATE, id } from '../testing/fixtures.js';
import { banquet, lunch, refundOnePizza, sellOnePizza, voidedDinner, withStore } from '../testing/scenarios.js';
import { wholeDay } from '../testing/whole-day.js';
import { salesByHourProjection } from './sales-by-hour.projection.js';

const zeros = {
  orders_count: 0,
  gross_paise: 0,
  discount_paise: 0,
  service_charge_paise: 0,
  taxable_paise: 0,
  tax_paise: 0,
  round_off_paise: 0,
  payable_paise: 0,
  tax_included_paise: 0,
  tips_paise: 0,
  voids_count: 0,
  voided_paise: 0,
  voided_taxable_paise: 0,
  voided_tax_paise: 0,
  voided_round_off_paise: 0,
  refunds_count: 0,
  refunded_paise: 0,
  refunded_taxable_paise: 0,
  refunded_tax_paise: 0,
  refunded_round_off_paise: 0,
};

/** One Margherita: 32500 taxable + 1626 GST = 34126, rounded down 26 paise to 34100. */
const onePizza = {
  orders_count: 1,
  gross_paise: 32_500,
  taxable_paise: 32_500,
  tax_paise: 1_626,
  round_off_paise: -26,
  payable_paise: 34_100,
};

const hour = (business_date: string, hourOfDay: number, figures: Partial<typeof zeros>, store_id = STORE) => ({
  org_id: ORG,
  store_id,
  business_date,
  hour: hourOfDay,
  ...zeros,
  ...figures,
});

describe('sales by hour projection', () => {
  describe('given sales near midnight', () => {
    it('dates a sale at 23:30 in Kolkata on that Kolkata date, whatever offset the till wrote', () => {
      const ledger = withStore();
      // 03:00 at +09:00 on the 25th is 18:00 UTC on the 24th: 23:30 on the 24th in Kolkata.
      sellOnePizza(ledger, id(0x0_0011), '2026-11-25T03:00:00+09:00');
      const tables = fold([salesByHourProjection], ledger.events);
      expect(rowsOf(tables, rmSalesByHour)).toEqual([hour('2026-11-24', 23, onePizza)]);
    });

    it('dates a sale at 00:30 in Kolkata on the new day although UTC is still on the previous one', () => {
      const ledger = withStore();
      sellOnePizza(ledger, id(0x0_0012), '2026-11-24T19:00:00Z');
      const tables = fold([salesByHourProjection], ledger.events);
      expect(rowsOf(tables, rmSalesByHour)).toEqual([hour('2026-11-25', 0, onePizza)]);
    });

    it("dates a sale in the store's own zone, not India's", () => {
      const ledger = withStore();
      ledger.createStore(
        {
          orgId: ORG,
          storeId: DUBAI_STORE,
          brandId: BRAND,
          name: 'Dubai Mall',
          timeZone: 'Asia/Dubai',
          stateCode: STORE_STATE,
        },
        '2026-11-01T10:00:00+04:00',
      );
      // 00:30 in Kolkata on the 25th is 23:00 in Dubai on the 24th.
      sellOnePizza(ledger, id(0x0_0013), '2026-11-25T00:30:00+05:30', DUBAI_STORE);
      const tables = fold([salesByHourProjection], ledger.events);
      expect(rowsOf(tables, rmSalesByHour)).toEqual([hour('2026-11-24', 23, onePizza, DUBAI_STORE)]);
    });
  });

  describe('given a void and a partial refund', () => {
    it('counts each in its own columns in the hour it happened, leaving the hour of the sale as sold', () => {
      const ledger = lunch();
      voidedDinner(ledger, '2026-11-24T21:05:00+05:30');
      refundOnePizza(ledger);
      const tables = fold([salesByHourProjection], ledger.events);
      expect(rowsOf(tables, rmSalesByHour)).toEqual([
        // Lunch, as worked out in testing/scenarios.ts.
        // The cola's 916 of GST is inside its menu price: 81000 − 916 = 80084 taxable. The card's
        // 2000 tip is on top of the bill.
        hour('2026-11-24', 13, {
          orders_count: 1,
          gross_paise: 81_000,
          tax_included_paise: 916,
          taxable_paise: 80_084,
          tax_paise: 4_666,
          round_off_paise: 50,
          payable_paise: 84_800,
          tips_paise: 2_000,
        }),
        hour('2026-11-24', 20, onePizza),
        // The whole pizza bill reversed: 32500 + 1626 − 26 = 34100.
        hour('2026-11-24', 21, {
          voids_count: 1,
          voided_paise: 34_100,
          voided_taxable_paise: 32_500,
          voided_tax_paise: 1_626,
          voided_round_off_paise: -26,
        }),
        // Half the pizza line, 37500 + 938 + 938, the next morning; the round-off waits for the last refund.
        hour('2026-11-25', 11, {
          refunds_count: 1,
          refunded_paise: 39_376,
          refunded_taxable_paise: 37_500,
          refunded_tax_paise: 1_876,
        }),
      ]);
    });

    it('refuses to project a void whose sale the projector did not resolve', () => {
      const voided = voidedDinner().events.find((event) => event.type === 'OrderVoided');
      expect(voided).toBeDefined();
      const context = { timeZoneOf: () => 'Asia/Kolkata', soldOrder: () => undefined };
      expect(() => salesByHourProjection.project(voided!, context)).toThrow(UnresolvedOrderError);
    });
  });

  describe('given bills with discounts, service charge, tax inside prices and tips', () => {
    it('keeps the figures that make the banquet add up, as worked out in testing/scenarios.ts', () => {
      const tables = fold([salesByHourProjection], banquet(withStore()).events);
      expect(rowsOf(tables, rmSalesByHour)).toEqual([
        hour('2026-11-24', 21, {
          orders_count: 1,
          gross_paise: 109_500,
          discount_paise: 14_750,
          service_charge_paise: 9_475,
          tax_included_paise: 1_912,
          taxable_paise: 102_313,
          tax_paise: 6_496,
          round_off_paise: -9,
          payable_paise: 108_800,
          tips_paise: 5_000,
        }),
      ]);
    });

    it('counts a tip corrected after the meal by its difference, in the hour of the correction', () => {
      // The whole day raises the lunch card's tip from 2000 to 2500 at 21:00.
      const rows = rowsOf(fold([salesByHourProjection], wholeDay().events), rmSalesByHour);
      expect(rows.filter((row) => row.tips_paise !== 0).map((row) => [row.hour, row.tips_paise])).toEqual([
        [13, 2_000],
        [21, 500],
      ]);
    });

    it('adds up in every row of a whole day: each figure is the sum of the ones a reader adds to reach it', () => {
      const ledger = wholeDay();
      banquet(ledger);
      const rows = rowsOf(fold([salesByHourProjection], ledger.events), rmSalesByHour).map((row) =>
        Object.fromEntries(Object.keys(zeros).map((column) => [column, Number(row[column])])),
      ) as Array<typeof zeros>;
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) {
        expect(row.gross_paise - row.discount_paise + row.service_charge_paise - row.tax_included_paise).toBe(
          row.taxable_paise,
        );
        expect(row.taxable_paise + row.tax_paise + row.round_off_paise).toBe(row.payable_paise);
        expect(row.voided_taxable_paise + row.voided_tax_paise + row.voided_round_off_paise).toBe(row.voided_paise);
        expect(row.refunded_taxable_paise + row.refunded_tax_paise + row.refunded_round_off_paise).toBe(
          row.refunded_paise,
        );
      }
      expect(rows.some((row) => row.service_charge_paise > 0 && row.tax_included_paise > 0)).toBe(true);
      expect(rows.some((row) => row.voided_paise > 0)).toBe(true);
      expect(rows.some((row) => row.refunded_round_off_paise !== 0)).toBe(true);
    });
  });
});
