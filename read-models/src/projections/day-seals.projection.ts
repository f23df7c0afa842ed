import type { DaySeal } from '@possier/events';
import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { upsert } from '../row-change.js';
import { rmDaySeals, rmSealTakings } from '../tables.js';
import { envelopeStoreId } from './envelope-store.js';

/**
 * The seals of each store's business dates, and beside them every money event of the store with
 * its sale time and log position, so the shifts report (the Z report) can say for each close and
 * amendment what its events held in money.
 *
 * Why the money is not added up here, per seal: which seal covers a sale is decided by the seal,
 * after the sale was projected (a late sale waits unsealed until an amendment names it), and a
 * seal covers exactly the events of its date in its zone within its stretch of the log — not
 * every sale projected before it, since a sale stored while the close was being signed lands
 * after the close's last position. Projections never read their rows, so the sum is taken where
 * both are known: at read time, from each event's own row. The rows are keyed by event and
 * carry only what the events say, so a replay or a rebuild writes the same rows.
 */
export const daySealsProjection: Projection = {
  name: 'day_seals',
  tables: [rmDaySeals.name, rmSealTakings.name],
  eventTypes: [
    'BusinessDayClosed',
    'BusinessDayAmended',
    'OrderPlaced',
    'PaymentTendered',
    'OrderVoided',
    'OrderRefunded',
  ],
  project: (event) => {
    const decoded = decode(event);
    const taking = (storeId: string) => ({
      key: { org_id: event.orgId, event_id: event.eventId },
      place: { store_id: storeId, occurred_at: event.occurredAt, log_position: event.logPosition },
    });
    const seal = (kind: 'close' | 'amendment', data: DaySeal) =>
      upsert(
        rmDaySeals,
        { org_id: event.orgId, store_id: data.storeId, business_date: data.businessDate, amendment: data.amendment },
        {
          kind,
          seal_event_id: event.eventId,
          sealed_at: data.closedAt,
          sealed_by: event.actorId,
          signing_key: data.keyId,
          time_zone: data.timeZone,
          after_position: data.afterPosition,
          through_position: data.throughPosition,
          event_count: data.eventCount,
          merkle_root: data.merkleRoot,
        },
      );
    switch (decoded?.type) {
      case 'BusinessDayClosed':
        return [seal('close', decoded.data)];
      case 'BusinessDayAmended':
        return [seal('amendment', decoded.data)];
      case 'OrderPlaced': {
        const { key, place } = taking(decoded.data.storeId);
        return [
          upsert(rmSealTakings, key, { ...place, orders_count: 1, payable_paise: decoded.data.totals.payablePaise }),
        ];
      }
      case 'PaymentTendered': {
        const { key, place } = taking(envelopeStoreId(event));
        return [
          upsert(rmSealTakings, key, {
            ...place,
            tender_kind: decoded.data.kind,
            applied_paise: decoded.data.appliedPaise,
          }),
        ];
      }
      case 'OrderVoided': {
        const { key, place } = taking(envelopeStoreId(event));
        return [upsert(rmSealTakings, key, { ...place, voids_count: 1, voided_paise: decoded.data.reversedPaise })];
      }
      case 'OrderRefunded': {
        const { key, place } = taking(envelopeStoreId(event));
        return [upsert(rmSealTakings, key, { ...place, refunds_count: 1, refunded_paise: decoded.data.refundPaise })];
      }
      default:
        return [];
    }
  },
};
