import { z } from 'zod';
import { CatalogEntry } from '../catalog/catalog-entry.js';
import { GstStateCode } from '../gst.js';
import { NonNegativePaise } from '../money.js';
import { AdjustTip } from '../payment/payment.commands.js';
import { Tender, TenderKind } from '../payment/tender.js';
import { Discount, ServiceCharge } from '../pricing.js';

export const OrderChannel = z.enum(['dine_in', 'takeaway', 'delivery']);
export type OrderChannel = z.infer<typeof OrderChannel>;

export const OrderLineRequest = z.object({
  lineId: z.uuid(),
  itemId: z.uuid(),
  quantity: z
    .number()
    .int({ message: 'must be a whole number' })
    .positive({ message: 'must be greater than zero' })
    .max(9999),
  modifierIds: z.array(z.uuid()).max(20).default([]),
  discount: Discount.optional(),
  note: z.string().max(200).optional(),
});
export type OrderLineRequest = z.infer<typeof OrderLineRequest>;

/**
 * A checkout as a register sends it: what was ordered, how it was paid, and — optionally — the
 * totals the register showed the guest. The server recomputes every figure from the catalog; a
 * claimed total that differs is refused with the field named, never silently corrected.
 */
export const CheckoutRequest = z.object({
  orderId: z.uuid(),
  storeId: z.uuid(),
  registerId: z.uuid().nullable().default(null),
  /** The cash drawer session the cash of this order belongs to. */
  shiftId: z.uuid().nullable().default(null),
  /** The store's printed bill number, when the register keeps one. */
  orderNumber: z.string().min(1).max(40).optional(),
  channel: OrderChannel,
  /** The buyer's state for GST; defaults to the store's own (a walk-in guest). */
  placeOfSupply: GstStateCode.optional(),
  lines: z.array(OrderLineRequest).min(1, { message: 'an order needs at least one line' }).max(200),
  orderDiscount: Discount.optional(),
  serviceCharge: ServiceCharge.optional(),
  tenders: z.array(Tender).max(20),
  /** The org's customer this sale is to (a loyalty member, a regular); must be registered and not erased. */
  customerId: z.uuid().optional(),
  claimedTotals: z
    .object({ payablePaise: NonNegativePaise, taxPaise: NonNegativePaise, changePaise: NonNegativePaise })
    .partial()
    .optional(),
});
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;
export type CheckoutRequestInput = z.input<typeof CheckoutRequest>;

/**
 * What the caller resolved for the decision: the catalog entries of every item and modifier on
 * the order (the server from the catalog streams, an offline register from its cache) and the
 * store's GST registration state.
 */
export const CheckoutContext = z.object({
  store: z.object({ storeId: z.uuid(), stateCode: GstStateCode }),
  catalog: z.record(z.string(), CatalogEntry),
  /** The customer the order names, as the caller found it in the org; absent when none is named or found. */
  customer: z.object({ customerId: z.uuid(), status: z.enum(['active', 'forgotten']) }).optional(),
});
export type CheckoutContext = z.infer<typeof CheckoutContext>;

export const PlaceOrder = z.object({ type: z.literal('PlaceOrder'), data: CheckoutRequest, context: CheckoutContext });
export type PlaceOrder = z.infer<typeof PlaceOrder>;
export type PlaceOrderInput = z.input<typeof PlaceOrder>;

export const VoidOrder = z.object({
  type: z.literal('VoidOrder'),
  data: z.object({
    orderId: z.uuid(),
    reason: z.string().trim().min(1, { message: 'a void needs a reason' }).max(200),
  }),
});
export type VoidOrder = z.infer<typeof VoidOrder>;

export const RefundTender = z.object({ kind: TenderKind, reference: z.string().min(1).max(100).optional() });
export type RefundTender = z.infer<typeof RefundTender>;

const refundBase = {
  orderId: z.uuid(),
  refundId: z.uuid(),
  reason: z.string().trim().min(1, { message: 'a refund needs a reason' }).max(200),
  tender: RefundTender,
  /** The shift whose drawer pays a cash refund out; a refund given from the office names none. */
  shiftId: z.uuid().optional(),
};

export const RefundOrder = z.object({
  type: z.literal('RefundOrder'),
  data: z.discriminatedUnion('scope', [
    /** Everything not refunded yet. */
    z.object({ ...refundBase, scope: z.literal('full') }),
    z.object({
      ...refundBase,
      scope: z.literal('lines'),
      lines: z
        .array(
          z.object({ lineId: z.uuid(), quantity: z.number().int().positive({ message: 'must be greater than zero' }) }),
        )
        .min(1, { message: 'name at least one line to refund' }),
    }),
  ]),
});
export type RefundOrder = z.infer<typeof RefundOrder>;
export type RefundOrderInput = z.input<typeof RefundOrder>;

export type OrderCommand = PlaceOrder | VoidOrder | RefundOrder | AdjustTip;
export const OrderCommand = z.discriminatedUnion('type', [PlaceOrder, VoidOrder, RefundOrder, AdjustTip]);
