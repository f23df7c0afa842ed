import { businessTimeOf } from '../business-time.js';
import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { combineIncrements, increment } from '../row-change.js';
import { requireSoldOrder } from '../sold-order.js';
import { rmPaymentMix } from '../tables.js';
import { envelopeStoreId } from './envelope-store.js';

export class UnknownPaymentError extends Error {
  override readonly name = 'UnknownPaymentError';
  constructor(
    readonly orderId: string,
    readonly paymentId: string,
  ) {
    super(`order ${orderId} has no payment ${paymentId}`);
  }
}

/**
 * Tenders per kind, store and business date. `applied_paise` is what each tender put towards its
 * bill (cash handed over less change), so the day's applied sums to the day's payable exactly.
 *
 * Dated by their own events, like every aggregate here (see sales-by-hour): a refund by the
 * tender kind it went back by, on the day it went back; a void returns each tender's applied
 * amount by that tender's kind, on the day of the void; a tip corrected after the meal counts its
 * difference on the day of the correction.
 */
export const paymentMixProjection: Projection = {
  name: 'payment_mix',
  tables: [rmPaymentMix.name],
  eventTypes: ['PaymentTendered', 'TipAdjusted', 'OrderVoided', 'OrderRefunded'],
  project: (event, context) => {
    const decoded = decode(event);
    if (decoded === null) return [];
    const dayOf = (storeId: string) => ({
      org_id: event.orgId,
      store_id: storeId,
      business_date: businessTimeOf(event.occurredAt, storeId, context).business_date,
    });
    switch (decoded.type) {
      case 'PaymentTendered': {
        const { kind, appliedPaise, tipPaise } = decoded.data;
        return [
          increment(
            rmPaymentMix,
            { ...dayOf(envelopeStoreId(event)), tender_kind: kind },
            { tenders_count: 1, applied_paise: appliedPaise, tips_paise: tipPaise },
          ),
        ];
      }
      case 'TipAdjusted': {
        const { orderId, paymentId, tipPaise, previousTipPaise } = decoded.data;
        const sold = requireSoldOrder(context, orderId);
        const tender = sold.tenders.find((candidate) => candidate.paymentId === paymentId);
        if (!tender) throw new UnknownPaymentError(orderId, paymentId);
        return [
          increment(
            rmPaymentMix,
            { ...dayOf(sold.placed.storeId), tender_kind: tender.kind },
            { tips_paise: tipPaise - previousTipPaise },
          ),
        ];
      }
      case 'OrderVoided': {
        const sold = requireSoldOrder(context, decoded.data.orderId);
        const day = dayOf(sold.placed.storeId);
        return combineIncrements(
          sold.tenders.map((tender) =>
            increment(rmPaymentMix, { ...day, tender_kind: tender.kind }, { voided_paise: tender.appliedPaise }),
          ),
        );
      }
      case 'OrderRefunded': {
        const sold = requireSoldOrder(context, decoded.data.orderId);
        return [
          increment(
            rmPaymentMix,
            { ...dayOf(sold.placed.storeId), tender_kind: decoded.data.tender.kind },
            { refunds_count: 1, refunded_paise: decoded.data.refundPaise },
          ),
        ];
      }
      default:
        return [];
    }
  },
};
