import { sumPaise, type PricedLine } from '@possier/events';
import { businessTimeOf } from '../business-time.js';
import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { increment } from '../row-change.js';
import { requireSoldOrder } from '../sold-order.js';
import { rmSalesByHour } from '../tables.js';
import { envelopeStoreId } from './envelope-store.js';

/** Tax of the lines priced with tax included: the GST inside the gross a menu shows. */
const taxIncludedIn = (lines: ReadonlyArray<PricedLine>): number =>
  sumPaise(
    lines.filter((line) => line.priceIncludesTax).map((line) => line.cgstPaise + line.sgstPaise + line.igstPaise),
  );

/**
 * Sales per store, business date and hour.
 *
 * Dating: every figure is dated by its own event. A sale counts in the hour it was sold; a void or
 * a refund counts, in its own columns, in the hour it happened, not in the hour of the sale it
 * reverses; a tip in the hour its tender was taken, a tip corrected after the meal by its
 * difference in the hour of the correction (as the payment mix dates it). That is how a till's X
 * and Z reports and a GST return (credit notes in the period they are issued) read, and it means
 * a business day that has closed, been reported and signed never changes afterwards, however late
 * a refund comes. Net sales of a day are `payable − voided − refunded` of that day's rows.
 * Whoever wants a sale's later fate netted against the day it was sold joins rm_orders, which
 * keeps the sale's date and hour.
 *
 * Every row adds up, as a person checks it on screen: gross − discount + service charge − tax
 * included in prices = taxable; taxable + tax + round-off = payable; and a void's or refund's
 * amount = its taxable + its tax + its round-off. A void reverses the whole payable
 * (`reversedPaise`); a refund returns `refundPaise`, its lines plus, on the last refund, the
 * bill's round-off. The reversed taxable and tax are what the GST summary subtracts for the same
 * events, which is how the two reports reconcile.
 */
export const salesByHourProjection: Projection = {
  name: 'sales_by_hour',
  tables: [rmSalesByHour.name],
  eventTypes: ['OrderPlaced', 'PaymentTendered', 'TipAdjusted', 'OrderVoided', 'OrderRefunded'],
  project: (event, context) => {
    const decoded = decode(event);
    const hourOf = (storeId: string) => ({
      org_id: event.orgId,
      store_id: storeId,
      ...businessTimeOf(event.occurredAt, storeId, context),
    });
    switch (decoded?.type) {
      case 'OrderPlaced': {
        const { storeId, totals, lines } = decoded.data;
        return [
          increment(rmSalesByHour, hourOf(storeId), {
            orders_count: 1,
            gross_paise: totals.grossPaise,
            discount_paise: totals.discountPaise,
            service_charge_paise: totals.serviceChargePaise,
            taxable_paise: totals.taxablePaise,
            tax_paise: totals.taxPaise,
            round_off_paise: totals.roundOffPaise,
            payable_paise: totals.payablePaise,
            tax_included_paise: taxIncludedIn(lines),
          }),
        ];
      }
      case 'PaymentTendered':
        return decoded.data.tipPaise === 0
          ? []
          : [increment(rmSalesByHour, hourOf(envelopeStoreId(event)), { tips_paise: decoded.data.tipPaise })];
      case 'TipAdjusted': {
        const { storeId } = requireSoldOrder(context, decoded.data.orderId).placed;
        const difference = decoded.data.tipPaise - decoded.data.previousTipPaise;
        return difference === 0 ? [] : [increment(rmSalesByHour, hourOf(storeId), { tips_paise: difference })];
      }
      case 'OrderVoided': {
        const { storeId, totals } = requireSoldOrder(context, decoded.data.orderId).placed;
        return [
          increment(rmSalesByHour, hourOf(storeId), {
            voids_count: 1,
            voided_paise: decoded.data.reversedPaise,
            voided_taxable_paise: totals.taxablePaise,
            voided_tax_paise: totals.taxPaise,
            voided_round_off_paise: totals.roundOffPaise,
          }),
        ];
      }
      case 'OrderRefunded': {
        const { storeId } = requireSoldOrder(context, decoded.data.orderId).placed;
        const { lines, roundOffPaise, refundPaise } = decoded.data;
        return [
          increment(rmSalesByHour, hourOf(storeId), {
            refunds_count: 1,
            refunded_paise: refundPaise,
            refunded_taxable_paise: sumPaise(lines.map((line) => line.taxablePaise)),
            refunded_tax_paise: sumPaise(lines.map((line) => line.cgstPaise + line.sgstPaise + line.igstPaise)),
            refunded_round_off_paise: roundOffPaise,
          }),
        ];
      }
      default:
        return [];
    }
  },
};
