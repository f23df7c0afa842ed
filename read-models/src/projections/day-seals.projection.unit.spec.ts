import type { StoredEvent } from '@possier/events';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmDaySeals, rmSealTakings } from '../tables.js';
import { CASHIER, ORG, STORE } from '../testing/fixtures.js';
import { fold } from '../testing/fold.js';
import type { TestLedger } from '../testing/ledger.js';
import {
  DINNER_CASH,
  LUNCH_CARD,
  LUNCH_CASH,
  lunch,
  SEAL_KEY,
  sealLunchDate,
  voidedDinner,
} from '../testing/scenarios.js';
import { daySealsProjection } from './day-seals.projection.js';

const CLOSED_AT = '2026-11-24T23:30:00+05:30';
const AMENDED_AT = '2026-11-26T10:00:00+05:30';

/**
 * Lunch on 24 November is sold and the date closed; a voided dinner of the same date, from a till
 * that was offline, is stored afterwards and sealed by an amendment.
 */
const closedThenAmended = () => {
  const ledger: TestLedger = lunch();
  const lunchEvents = ledger.events.filter((event) => event.storeId === STORE);
  const close = sealLunchDate(ledger, null, CLOSED_AT);
  const sealed = ledger.events.length;
  voidedDinner(ledger);
  const late = ledger.events.slice(sealed);
  const amendment = sealLunchDate(ledger, close, AMENDED_AT);
  return { ledger, lunchEvents, late, close, amendment };
};

describe('day seals projection', () => {
  describe('given a date closed and then amended for a late, voided sale', () => {
    it('keeps each seal as recorded: who sealed, with which key, over which stretch of the log', () => {
      const { ledger, lunchEvents, late, close, amendment } = closedThenAmended();
      expect(rowsOf(fold([daySealsProjection], ledger.events), rmDaySeals)).toEqual([
        {
          org_id: ORG,
          store_id: STORE,
          business_date: '2026-11-24',
          amendment: 0,
          kind: 'close',
          seal_event_id: ledger.events.find((event) => event.type === 'BusinessDayClosed')?.eventId,
          sealed_at: CLOSED_AT,
          sealed_by: CASHIER,
          signing_key: SEAL_KEY,
          time_zone: 'Asia/Kolkata',
          after_position: null,
          through_position: lunchEvents.at(-1)?.logPosition,
          event_count: lunchEvents.length,
          merkle_root: close.merkleRoot,
        },
        {
          org_id: ORG,
          store_id: STORE,
          business_date: '2026-11-24',
          amendment: 1,
          kind: 'amendment',
          seal_event_id: ledger.events.find((event) => event.type === 'BusinessDayAmended')?.eventId,
          sealed_at: AMENDED_AT,
          sealed_by: CASHIER,
          signing_key: SEAL_KEY,
          time_zone: 'Asia/Kolkata',
          after_position: close.throughPosition,
          through_position: late.at(-1)?.logPosition,
          event_count: late.length,
          merkle_root: amendment.merkleRoot,
        },
      ]);
    });

    it('keeps one row per money event with its sale time and log position, and nothing for other events', () => {
      const { ledger } = closedThenAmended();
      const takings = rowsOf(fold([daySealsProjection], ledger.events), rmSealTakings);
      const byType = (type: string) => ledger.events.filter((event) => event.type === type);
      expect(takings).toHaveLength(
        byType('OrderPlaced').length + byType('PaymentTendered').length + byType('OrderVoided').length,
      );
      const rowOf = (event: StoredEvent | undefined) => takings.find((row) => row.event_id === event?.eventId);
      const [lunchPlaced, dinnerPlaced] = byType('OrderPlaced');
      expect(rowOf(lunchPlaced)).toMatchObject({
        store_id: STORE,
        occurred_at: lunchPlaced?.occurredAt,
        log_position: lunchPlaced?.logPosition,
        orders_count: 1,
        payable_paise: 84_800,
        tender_kind: null,
        applied_paise: 0,
      });
      expect(rowOf(dinnerPlaced)).toMatchObject({ orders_count: 1, payable_paise: 34_100 });
      const tender = (paymentId: string) =>
        rowOf(byType('PaymentTendered').find((event) => (event.data as { paymentId: string }).paymentId === paymentId));
      expect([LUNCH_CARD, LUNCH_CASH, DINNER_CASH].map((paymentId) => tender(paymentId))).toEqual([
        expect.objectContaining({ tender_kind: 'card', applied_paise: 50_000, orders_count: 0, payable_paise: 0 }),
        expect.objectContaining({ tender_kind: 'cash', applied_paise: 34_800 }),
        expect.objectContaining({ tender_kind: 'cash', applied_paise: 34_100 }),
      ]);
      expect(rowOf(byType('OrderVoided')[0])).toMatchObject({
        voids_count: 1,
        voided_paise: 34_100,
        tender_kind: null,
        payable_paise: 0,
      });
    });

    it('writes the same rows when every event is delivered twice', () => {
      const { ledger } = closedThenAmended();
      const once = fold([daySealsProjection], ledger.events);
      const twice = fold(
        [daySealsProjection],
        ledger.events.flatMap((event) => [event, event]),
      );
      expect(rowsOf(twice, rmDaySeals)).toEqual(rowsOf(once, rmDaySeals));
      expect(rowsOf(twice, rmSealTakings)).toEqual(rowsOf(once, rmSealTakings));
    });
  });
});
