import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { GstStateCode, SupplyKind } from '../gst.js';
import { NonNegativePaise } from '../money.js';
import { TenderKind } from '../payment/tender.js';
import { BillTotals, Discount, PricedLine, ServiceCharge } from '../pricing.js';
import { OrderChannel } from './order.commands.js';
import { ImportMarker } from '../sales-import/import-marker.js';

/**
 * The order as sold, with every figure the server computed: per-line GST split, discounts and
 * service charge allocated to lines, totals and round-off. Reports read these figures; nothing
 * downstream recomputes tax.
 */
export const OrderPlaced = z.object({
  type: z.literal('OrderPlaced'),
  data: z.object({
    orderId: z.uuid(),
    storeId: z.uuid(),
    registerId: z.uuid().nullable(),
    shiftId: z.uuid().nullable(),
    orderNumber: z.string().optional(),
    channel: OrderChannel,
    supply: SupplyKind,
    placeOfSupply: GstStateCode,
    lines: z.array(PricedLine).min(1),
    orderDiscount: Discount.optional(),
    serviceCharge: ServiceCharge.optional(),
    totals: BillTotals,
    tenderedPaise: NonNegativePaise,
    changePaise: NonNegativePaise,
    customerId: z.uuid().optional(),
    /** Set when the event came with an import of past sales (sales-import/), not from a till. */
    imported: ImportMarker.optional(),
  }),
});
export type OrderPlaced = z.infer<typeof OrderPlaced>;

export const OrderVoided = z.object({
  type: z.literal('OrderVoided'),
  data: z.object({
    orderId: z.uuid(),
    reason: z.string().min(1),
    /** The payable reversed, so a report needs no other event to net the void out. */
    reversedPaise: NonNegativePaise,
  }),
});
export type OrderVoided = z.infer<typeof OrderVoided>;

export const RefundedLine = z.object({
  lineId: z.uuid(),
  quantity: z.number().int().positive(),
  taxablePaise: NonNegativePaise,
  cgstPaise: NonNegativePaise,
  sgstPaise: NonNegativePaise,
  igstPaise: NonNegativePaise,
  totalPaise: NonNegativePaise,
});
export type RefundedLine = z.infer<typeof RefundedLine>;

export const OrderRefunded = z.object({
  type: z.literal('OrderRefunded'),
  data: z.object({
    orderId: z.uuid(),
    refundId: z.uuid(),
    reason: z.string().min(1),
    lines: z.array(RefundedLine).min(1),
    /** The order's round-off, returned with the refund that completes it (0 on earlier ones). */
    roundOffPaise: z.number().int().min(-49).max(50),
    /** What goes back to the guest: Σ line totals + round-off. */
    refundPaise: NonNegativePaise,
    tender: z.object({ kind: TenderKind, reference: z.string().optional() }),
    /** The shift whose drawer paid a cash refund out, when the refund named one. */
    shiftId: z.uuid().optional(),
    /** True when nothing of the order is left to refund. */
    completesRefund: z.boolean(),
  }),
});
export type OrderRefunded = z.infer<typeof OrderRefunded>;

export const orderEventDefinitions: EventDefinition[] = [
  { schema: OrderPlaced, schemaVersion: 1 },
  { schema: OrderVoided, schemaVersion: 1 },
  { schema: OrderRefunded, schemaVersion: 1 },
];
