import type { OrderPlaced, OrderRefunded, OrderVoided, StoredEvent } from '@possier/events';
import { businessTimeOf } from '../business-time.js';
import { decode } from '../decode.js';
import type { Projection, ProjectionContext } from '../projection.js';
import { increment, update, upsert, type RowChange } from '../row-change.js';
import { rmOrderLines, rmOrders } from '../tables.js';

const placed = (event: StoredEvent, data: OrderPlaced['data'], context: ProjectionContext): RowChange[] => {
  const org_id = event.orgId;
  const { totals } = data;
  const order = upsert(
    rmOrders,
    { org_id, order_id: data.orderId },
    {
      store_id: data.storeId,
      register_id: data.registerId,
      shift_id: data.shiftId,
      order_number: data.orderNumber ?? null,
      channel: data.channel,
      supply: data.supply,
      place_of_supply: data.placeOfSupply,
      placed_at: event.occurredAt,
      ...businessTimeOf(event.occurredAt, data.storeId, context),
      status: 'placed',
      gross_paise: totals.grossPaise,
      discount_paise: totals.discountPaise,
      service_charge_paise: totals.serviceChargePaise,
      taxable_paise: totals.taxablePaise,
      cgst_paise: totals.cgstPaise,
      sgst_paise: totals.sgstPaise,
      igst_paise: totals.igstPaise,
      tax_paise: totals.taxPaise,
      total_paise: totals.totalPaise,
      round_off_paise: totals.roundOffPaise,
      payable_paise: totals.payablePaise,
      tendered_paise: data.tenderedPaise,
      change_paise: data.changePaise,
      refunded_paise: 0,
      voided_at: null,
      void_reason: null,
    },
  );
  const lines = data.lines.map((line, position) =>
    upsert(
      rmOrderLines,
      { org_id, order_id: data.orderId, line_id: line.lineId },
      {
        store_id: data.storeId,
        position,
        item_id: line.itemId,
        name: line.name,
        modifiers: line.modifiers.map((modifier) => modifier.name).join(', '),
        hsn_sac: line.hsnSac,
        rate_bp: line.taxRateBasisPoints,
        quantity: line.quantity,
        unit_price_paise: line.unitPricePaise,
        price_includes_tax: line.priceIncludesTax,
        gross_paise: line.grossPaise,
        discount_paise: line.lineDiscountPaise + line.orderDiscountPaise,
        service_charge_paise: line.serviceChargePaise,
        taxable_paise: line.taxablePaise,
        cgst_paise: line.cgstPaise,
        sgst_paise: line.sgstPaise,
        igst_paise: line.igstPaise,
        total_paise: line.totalPaise,
        refunded_quantity: 0,
        refunded_paise: 0,
      },
    ),
  );
  return [order, ...lines];
};

const voided = (event: StoredEvent, data: OrderVoided['data']): RowChange[] => [
  update(
    rmOrders,
    { org_id: event.orgId, order_id: data.orderId },
    { status: 'voided', voided_at: event.occurredAt, void_reason: data.reason, voided_by: event.actorId },
  ),
];

/** The rows exist: OrderPlaced is the first event of the stream the refund is on. */
const refunded = (event: StoredEvent, data: OrderRefunded['data']): RowChange[] => {
  const order = { org_id: event.orgId, order_id: data.orderId };
  return [
    increment(rmOrders, order, { refunded_paise: data.refundPaise }),
    update(rmOrders, order, { status: data.completesRefund ? 'refunded' : 'partially_refunded' }),
    ...data.lines.map((line) =>
      increment(
        rmOrderLines,
        { ...order, line_id: line.lineId },
        { refunded_quantity: line.quantity, refunded_paise: line.totalPaise },
      ),
    ),
  ];
};

/**
 * One row per order and per line, as sold, with its status and what was refunded. The order keeps
 * the date and hour it was sold whatever happens to it later, so a report can net voids and
 * refunds against the day of sale by joining here instead of reading the dated aggregates.
 */
export const ordersProjection: Projection = {
  name: 'orders',
  tables: [rmOrders.name, rmOrderLines.name],
  eventTypes: ['OrderPlaced', 'OrderVoided', 'OrderRefunded'],
  project: (event, context) => {
    const decoded = decode(event);
    switch (decoded?.type) {
      case 'OrderPlaced':
        return placed(event, decoded.data, context);
      case 'OrderVoided':
        return voided(event, decoded.data);
      case 'OrderRefunded':
        return refunded(event, decoded.data);
      default:
        return [];
    }
  },
};
