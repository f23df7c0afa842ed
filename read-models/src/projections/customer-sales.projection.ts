import { businessTimeOf } from '../business-time.js';
import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { increment } from '../row-change.js';
import { requireSoldOrder } from '../sold-order.js';
import { rmCustomerSales } from '../tables.js';

/**
 * Orders sold to a named customer, per store and business date: one visit per order, spend as
 * its payable. A refund or void of such an order subtracts on the day it happens, like every
 * figure here (see sales-by-hour).
 */
export const customerSalesProjection: Projection = {
  name: 'customer_sales',
  tables: [rmCustomerSales.name],
  eventTypes: ['OrderPlaced', 'OrderRefunded', 'OrderVoided'],
  project: (event, context) => {
    const decoded = decode(event);
    if (decoded === null) return [];
    const row = (storeId: string, customerId: string) => ({
      org_id: event.orgId,
      store_id: storeId,
      business_date: businessTimeOf(event.occurredAt, storeId, context).business_date,
      customer_id: customerId,
    });
    switch (decoded.type) {
      case 'OrderPlaced': {
        const { customerId, storeId, totals } = decoded.data;
        if (customerId === undefined) return [];
        return [
          increment(rmCustomerSales, row(storeId, customerId), { orders_count: 1, spend_paise: totals.payablePaise }),
        ];
      }
      case 'OrderRefunded':
      case 'OrderVoided': {
        const { placed } = requireSoldOrder(context, decoded.data.orderId);
        if (placed.customerId === undefined) return [];
        const figures =
          decoded.type === 'OrderRefunded'
            ? { refunded_paise: decoded.data.refundPaise }
            : { voided_paise: decoded.data.reversedPaise };
        return [increment(rmCustomerSales, row(placed.storeId, placed.customerId), figures)];
      }
      default:
        return [];
    }
  },
};
