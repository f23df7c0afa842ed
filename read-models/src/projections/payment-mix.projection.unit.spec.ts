import { describe, expect, it } from 'vitest';
import { memoryContext } from '../memory-context.js';
import { rowsOf } from '../memory-tables.js';
import { rmPaymentMix } from '../tables.js';
import { fold } from '../testing/fold.js';
import { ORG, STORE, id } from '../testing/fixtures.js';
import { LUNCH_CARD, LUNCH_ORDER, lunch, refundOnePizza, voidedDinner } from '../testing/scenarios.js';
import { StorelessEventError } from './envelope-store.js';
import { paymentMixProjection, UnknownPaymentError } from './payment-mix.projection.js';

const mix = (business_date: string, tender_kind: string, figures: Record<string, number>) => ({
  org_id: ORG,
  store_id: STORE,
  business_date,
  tender_kind,
  tenders_count: 0,
  applied_paise: 0,
  tips_paise: 0,
  refunds_count: 0,
  refunded_paise: 0,
  voided_paise: 0,
  ...figures,
});

const adjustLunchTip = (ledger: ReturnType<typeof lunch>, paymentId: string, tipPaise: number, at: string) =>
  ledger.order(LUNCH_ORDER, { type: 'AdjustTip', data: { orderId: LUNCH_ORDER, paymentId, tipPaise } }, at, STORE);

describe('payment mix projection', () => {
  describe('given a split tender, a tip corrected the next day, a void and a refund', () => {
    it('sums applied, tips, refunds and voids per tender kind, each on the day it happened', () => {
      const ledger = lunch();
      voidedDinner(ledger);
      // The card slip is signed for ₹30 instead of ₹20 the next morning.
      adjustLunchTip(ledger, LUNCH_CARD, 3_000, '2026-11-25T10:00:00+05:30');
      refundOnePizza(ledger);
      const tables = fold([paymentMixProjection], ledger.events);
      expect(rowsOf(tables, rmPaymentMix)).toEqual([
        // Card: 50000 applied with a 2000 tip at lunch.
        mix('2026-11-24', 'card', { tenders_count: 1, applied_paise: 50_000, tips_paise: 2_000 }),
        // Cash: lunch 40000 − 5200 change = 34800, dinner 34100; the dinner's 34100 voided.
        mix('2026-11-24', 'cash', { tenders_count: 2, applied_paise: 68_900, voided_paise: 34_100 }),
        // The tip's 1000 more and the refund of one pizza (39376) by card, the next day.
        mix('2026-11-25', 'card', { tips_paise: 1_000, refunds_count: 1, refunded_paise: 39_376 }),
      ]);
    });
  });

  describe('given an event it cannot place', () => {
    it('refuses a tip adjustment naming a payment the order does not have', () => {
      const ledger = lunch();
      adjustLunchTip(ledger, LUNCH_CARD, 3_000, '2026-11-24T22:00:00+05:30');
      const adjusted = ledger.events.at(-1)!;
      const forged = { ...adjusted, data: { ...(adjusted.data as object), paymentId: id(0xbad) } };
      expect(() => paymentMixProjection.project(forged, memoryContext(ledger.events))).toThrow(UnknownPaymentError);
    });

    it('refuses a tender whose envelope names no store', () => {
      const ledger = lunch();
      const tendered = ledger.events.find((event) => event.type === 'PaymentTendered')!;
      expect(() => paymentMixProjection.project({ ...tendered, storeId: null }, memoryContext(ledger.events))).toThrow(
        StorelessEventError,
      );
    });
  });
});
