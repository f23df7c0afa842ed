import { businessTimeOf } from '../business-time.js';
import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { increment, update, upsert } from '../row-change.js';
import { rmTabCancellations, rmTabs } from '../tables.js';
import { envelopeStoreId } from './envelope-store.js';

/**
 * The floor: one row per tab and one per line cancelled off a tab.
 *
 * A tab is dated by the business date it opened on (a dinner that settles after midnight belongs
 * to the evening it began, as the shift it was sold in does); TabSettled, appended with the order
 * the tab became, closes the row with what the order came to. Cancellations are dated by their own event
 * and keep who took the line off (the envelope's actor) and whether the guest had seen it on a
 * printed bill: the after-bill ones are what a manager audits.
 */
export const tabsProjection: Projection = {
  name: 'tabs',
  tables: [rmTabs.name, rmTabCancellations.name],
  eventTypes: [
    'TabOpened',
    'RoundFired',
    'TabLineCancelled',
    'TabMoved',
    'BillPrinted',
    'TabSettled',
    'EmptyTabClosed',
  ],
  project: (event, context) => {
    const decoded = decode(event);
    if (decoded === null) return [];
    const tab = (orderId: string) => ({ org_id: event.orgId, order_id: orderId });
    const closedOn = (storeId: string) => ({
      closed_at: event.occurredAt,
      closed_business_date: businessTimeOf(event.occurredAt, storeId, context).business_date,
    });
    switch (decoded.type) {
      case 'TabOpened': {
        const { orderId, storeId, table, name, channel, covers } = decoded.data;
        return [
          upsert(rmTabs, tab(orderId), {
            store_id: storeId,
            table_name: table ?? null,
            tab_name: name ?? null,
            channel,
            covers,
            opened_by: event.actorId,
            opened_at: event.occurredAt,
            business_date: businessTimeOf(event.occurredAt, storeId, context).business_date,
            status: 'open',
          }),
        ];
      }
      // The rows below exist: TabOpened is the first event of the tab's stream.
      case 'RoundFired':
        return [increment(rmTabs, tab(decoded.data.orderId), { rounds: 1 })];
      case 'TabMoved':
        return [update(rmTabs, tab(decoded.data.orderId), { table_name: decoded.data.toTable })];
      case 'BillPrinted':
        return [
          increment(rmTabs, tab(decoded.data.orderId), {
            bills: 1,
            reprints: decoded.data.reprintOf === undefined ? 0 : 1,
          }),
        ];
      case 'TabLineCancelled': {
        const { orderId, lineId, itemId, name, quantity, grossPaise, reason, afterBill } = decoded.data;
        const storeId = envelopeStoreId(event);
        return [
          upsert(
            rmTabCancellations,
            { org_id: event.orgId, event_id: event.eventId },
            {
              order_id: orderId,
              store_id: storeId,
              business_date: businessTimeOf(event.occurredAt, storeId, context).business_date,
              line_id: lineId,
              item_id: itemId,
              item_name: name,
              quantity,
              gross_paise: grossPaise,
              reason,
              after_bill: afterBill,
              actor_id: event.actorId,
              occurred_at: event.occurredAt,
            },
          ),
          increment(rmTabs, tab(orderId), {
            cancelled_lines: 1,
            cancelled_after_bill: afterBill ? 1 : 0,
            cancelled_paise: grossPaise,
          }),
        ];
      }
      case 'TabSettled':
        return [
          update(rmTabs, tab(decoded.data.orderId), {
            status: 'settled',
            payable_paise: decoded.data.payablePaise,
            ...closedOn(envelopeStoreId(event)),
          }),
        ];
      case 'EmptyTabClosed':
        return [
          update(rmTabs, tab(decoded.data.orderId), { status: 'closed_empty', ...closedOn(envelopeStoreId(event)) }),
        ];
      default:
        return [];
    }
  },
};
