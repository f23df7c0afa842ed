import { z } from 'zod';
import { Gstin, GstStateCode } from '../gst.js';
import { NonNegativePaise, PositivePaise } from '../money.js';
import { Discount, PriceListEntry } from '../pricing.js';
import { IsoDate } from '../time.js';

/**
 * A GST tax invoice's serial: at most 16 characters of letters, digits, `-` and `/`, unique within
 * the financial year (CGST Rules, rule 46(b)). Uniqueness spans invoices, so it is checked where
 * all of a store's invoices are visible, not in one invoice's stream.
 */
export const InvoiceNumber = z
  .string()
  .regex(/^[A-Za-z0-9/-]{1,16}$/, { message: 'must be 1 to 16 letters, digits, "/" or "-", such as INV/2026-27/0042' });

/** The recipient. For a registered buyer the place of supply is the state it is registered in. */
export const InvoiceCustomer = z.object({
  customerId: z.uuid(),
  legalName: z.string().trim().min(1).max(200),
  gstin: Gstin,
  /** The place of supply; decides CGST + SGST against IGST. */
  stateCode: GstStateCode,
});
export type InvoiceCustomer = z.infer<typeof InvoiceCustomer>;

export const PaymentTerms = z.object({
  netDays: z.number().int({ message: 'must be a whole number of days' }).min(0).max(365),
});
export type PaymentTerms = z.infer<typeof PaymentTerms>;

export const InvoiceLine = z.object({
  lineId: z.uuid(),
  /** Resolved from the catalog by the caller, as for a checkout. */
  item: PriceListEntry,
  quantity: z.number().int({ message: 'must be a whole number' }).positive({ message: 'must be greater than zero' }),
  discount: Discount.optional(),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

export const IssueInvoice = z.object({
  type: z.literal('IssueInvoice'),
  data: z.object({
    invoiceId: z.uuid(),
    orgId: z.uuid(),
    storeId: z.uuid(),
    invoiceNumber: InvoiceNumber,
    /** The state the supplying store is registered in. */
    supplierStateCode: GstStateCode,
    customer: InvoiceCustomer,
    lines: z.array(InvoiceLine).max(1000),
    orderDiscount: Discount.optional(),
    issueDate: IsoDate,
    paymentTerms: PaymentTerms,
    /** On-account orders this invoice bills, so a receivables report can tie them together. */
    orderIds: z.array(z.uuid()).max(1000).optional(),
    /** What the caller printed or showed; checked against the server's figure, never trusted. */
    claimedTotals: z.object({ payablePaise: NonNegativePaise }).optional(),
  }),
});
export type IssueInvoice = z.infer<typeof IssueInvoice>;

export const InvoicePaymentMethod = z.enum(['bank_transfer', 'upi', 'card', 'cash', 'cheque']);
export type InvoicePaymentMethod = z.infer<typeof InvoicePaymentMethod>;

export const RecordInvoicePayment = z.object({
  type: z.literal('RecordInvoicePayment'),
  data: z.object({
    invoiceId: z.uuid(),
    /** The idempotency key of the payment: a bank statement imported twice records it once. */
    paymentId: z.uuid(),
    amountPaise: PositivePaise,
    method: InvoicePaymentMethod,
    receivedOn: IsoDate,
    /** UTR, cheque number, UPI reference. */
    reference: z.string().trim().min(1).max(100).optional(),
  }),
});
export type RecordInvoicePayment = z.infer<typeof RecordInvoicePayment>;

export const MarkInvoiceOverdue = z.object({
  type: z.literal('MarkInvoiceOverdue'),
  data: z.object({
    invoiceId: z.uuid(),
    asOf: IsoDate,
  }),
});
export type MarkInvoiceOverdue = z.infer<typeof MarkInvoiceOverdue>;

export const InvoiceCommand = z.discriminatedUnion('type', [IssueInvoice, RecordInvoicePayment, MarkInvoiceOverdue]);
export type InvoiceCommand = z.infer<typeof InvoiceCommand>;
