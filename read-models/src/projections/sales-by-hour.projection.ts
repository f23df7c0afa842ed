import { businessTimeOf } from '../business-time.js';
import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { increment } from '../row-change.js';
import { requireSoldOrder } from '../sold-order.js';
import { rmSalesByHour } from '../tables.js';

/**
 * Sales per store, business date and hour.
 *
 * Dating: every figure is dated by its own event. A sale counts in the hour it was sold; a void or
 * a refund counts, in its own columns, in the hour it happened, not in the hour of the sale it
 * reverses. That is how a till's X and Z reports and a GST return (credit notes in the period they
 * are issued) read, and it means a business day that has closed, been reported and signed never
 * changes afterwards, however late a refund comes. Net sales of a day are
 * `payable − voided − refunded` of that day's rows. Whoever wants a sale's later fate netted
 * against the day it was sold joins rm_orders, which keeps the sale's date and hour.
 *
 * A void reverses the whole payable (`reversedPaise`); a refund returns `refundPaise`, its lines
 * plus, on the last refund, the bill's round-off.
 */
export const salesByHourProjection: Projection = {
  name: 'sales_by_hour',
  tables: [rmSalesByHour.name],
  eventTypes: ['OrderPlaced', 'OrderVoided', 'OrderRefunded'],
  project: (event, context) => {
    const decoded = decode(event);
    switch (decoded?.type) {
      case 'OrderPlaced': {
        const { storeId, totals } = decoded.data;
        const at = { org_id: event.orgId, store_id: storeId, ...businessTimeOf(event.occurredAt, storeId, context) };
        return [
          increment(rmSalesByHour, at, {
            orders_count: 1,
            gross_paise: totals.grossPaise,
            discount_paise: totals.discountPaise,
            service_charge_paise: totals.serviceChargePaise,
            taxable_paise: totals.taxablePaise,
            tax_paise: totals.taxPaise,
            round_off_paise: totals.roundOffPaise,
            payable_paise: totals.payablePaise,
          }),
        ];
      }
      case 'OrderVoided':
      case 'OrderRefunded': {
        const { storeId } = requireSoldOrder(context, decoded.data.orderId).placed;
        const at = { org_id: event.orgId, store_id: storeId, ...businessTimeOf(event.occurredAt, storeId, context) };
        return decoded.type === 'OrderVoided'
          ? [increment(rmSalesByHour, at, { voids_count: 1, voided_paise: decoded.data.reversedPaise })]
          : [increment(rmSalesByHour, at, { refunds_count: 1, refunded_paise: decoded.data.refundPaise })];
      }
      default:
        return [];
    }
  },
};
