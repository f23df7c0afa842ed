import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { UnresolvedOrderError } from '../sold-order.js';
import { rmSalesByHour } from '../tables.js';
import { fold } from '../testing/fold.js';
import { BRAND, DUBAI_STORE, ORG, STORE, STORE_STATE, id } from '../testing/fixtures.js';
import { lunch, refundOnePizza, sellOnePizza, voidedDinner, withStore } from '../testing/scenarios.js';
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
  voids_count: 0,
  voided_paise: 0,
  refunds_count: 0,
  refunded_paise: 0,
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
        hour('2026-11-24', 13, {
          orders_count: 1,
          gross_paise: 81_000,
          taxable_paise: 80_084,
          tax_paise: 4_666,
          round_off_paise: 50,
          payable_paise: 84_800,
        }),
        hour('2026-11-24', 20, onePizza),
        hour('2026-11-24', 21, { voids_count: 1, voided_paise: 34_100 }),
        // Half the pizza line, 37500 + 938 + 938, the next morning.
        hour('2026-11-25', 11, { refunds_count: 1, refunded_paise: 39_376 }),
      ]);
    });

    it('refuses to project a void whose sale the projector did not resolve', () => {
      const voided = voidedDinner().events.find((event) => event.type === 'OrderVoided');
      expect(voided).toBeDefined();
      const context = { timeZoneOf: () => 'Asia/Kolkata', soldOrder: () => undefined };
      expect(() => salesByHourProjection.project(voided!, context)).toThrow(UnresolvedOrderError);
    });
  });
});
