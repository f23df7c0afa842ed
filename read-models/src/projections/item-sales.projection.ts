import type { StoredEvent } from '@possier/events';
import { businessTimeOf } from '../business-time.js';
import { decode } from '../decode.js';
import type { Projection, ProjectionContext } from '../projection.js';
import { combineIncrements, increment, type RowChange } from '../row-change.js';
import { requireSoldOrder } from '../sold-order.js';
import { rmItemSales } from '../tables.js';
import { refundedSoldLines, voidedSoldLines, type RefundedSoldLine } from './sold-lines.js';

const reversal = (
  event: StoredEvent,
  context: ProjectionContext,
  storeId: string,
  lines: ReadonlyArray<RefundedSoldLine>,
  kind: 'refunded' | 'voided',
): RowChange[] => {
  const day = {
    org_id: event.orgId,
    store_id: storeId,
    business_date: businessTimeOf(event.occurredAt, storeId, context).business_date,
  };
  return combineIncrements(
    lines.map(({ line, quantity, amounts }) =>
      increment(
        rmItemSales,
        { ...day, item_id: line.itemId },
        kind === 'refunded'
          ? { refunded_quantity: quantity, refunded_taxable_paise: amounts.taxablePaise }
          : { voided_quantity: quantity, voided_taxable_paise: amounts.taxablePaise },
        { name: line.name },
      ),
    ),
  );
};

/**
 * Quantity and taxable value per item, store and business date: the top-sellers report. Refunds
 * and voids count on the day they happen, like every dated aggregate here (see sales-by-hour).
 * Modifiers ride on their item's line: extra cheese sells as part of a pizza, not on its own.
 */
export const itemSalesProjection: Projection = {
  name: 'item_sales',
  tables: [rmItemSales.name],
  eventTypes: ['OrderPlaced', 'OrderVoided', 'OrderRefunded'],
  project: (event, context) => {
    const decoded = decode(event);
    switch (decoded?.type) {
      case 'OrderPlaced': {
        const { storeId, lines } = decoded.data;
        const { business_date } = businessTimeOf(event.occurredAt, storeId, context);
        return combineIncrements(
          lines.map((line) =>
            increment(
              rmItemSales,
              { org_id: event.orgId, store_id: storeId, business_date, item_id: line.itemId },
              { quantity_sold: line.quantity, taxable_paise: line.taxablePaise },
              { name: line.name },
            ),
          ),
        );
      }
      case 'OrderVoided': {
        const sold = requireSoldOrder(context, decoded.data.orderId);
        return reversal(event, context, sold.placed.storeId, voidedSoldLines(sold), 'voided');
      }
      case 'OrderRefunded': {
        const sold = requireSoldOrder(context, decoded.data.orderId);
        return reversal(event, context, sold.placed.storeId, refundedSoldLines(sold, decoded.data.lines), 'refunded');
      }
      default:
        return [];
    }
  },
};
