import { z } from 'zod';
import { Gstin, GstStateCode } from '../gst.js';
import { BasisPoints, NonNegativePaise, PositivePaise } from '../money.js';
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

/**
 * A cash discount for paying early: `percentBasisPoints` off what is outstanding when a payment
 * received within `withinDays` of the issue date clears the rest. It is a financial discount
 * agreed in the terms, recorded as its own event; it does not change the invoice's taxable value.
 */
export const EarlyPaymentDiscount = z.object({
  percentBasisPoints: BasisPoints.refine((value) => value > 0 && value <= 2000, {
    message: 'must be between 1 and 2000 basis points (20 %)',
  }),
  withinDays: z.number().int({ message: 'must be a whole number of days' }).min(0).max(365),
});
export type EarlyPaymentDiscount = z.infer<typeof EarlyPaymentDiscount>;

export const PaymentTerms = z
  .object({
    netDays: z.number().int({ message: 'must be a whole number of days' }).min(0).max(365),
    earlyPaymentDiscount: EarlyPaymentDiscount.optional(),
  })
  .refine((terms) => !terms.earlyPaymentDiscount || terms.earlyPaymentDiscount.withinDays <= terms.netDays, {
    message: 'the discount window must end by the due date',
    path: ['earlyPaymentDiscount', 'withinDays'],
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
  /**
   * Supplied by whoever runs the decider, never by the request: today's date in the issuing
   * store's time zone, so no invoice is found overdue on a date that has not come there yet.
   */
  context: z.object({ storeToday: IsoDate }).optional(),
});
export type MarkInvoiceOverdue = z.infer<typeof MarkInvoiceOverdue>;

/** Why an issued invoice is corrected; kept in the event, beside the envelope's actor. */
const AmendmentReason = z.string().trim().min(1, { message: 'must say why the invoice is corrected' }).max(500);

/**
 * Corrects the quantity and/or the discount of an existing line. The server reprices the whole
 * invoice with the same pricing and GST code as at issue; a client's figure is never taken.
 * `discount: null` removes the line's discount; leaving it out keeps it.
 */
export const CorrectInvoiceLine = z.object({
  type: z.literal('CorrectInvoiceLine'),
  data: z
    .object({
      invoiceId: z.uuid(),
      lineId: z.uuid(),
      quantity: z
        .number()
        .int({ message: 'must be a whole number' })
        .positive({ message: 'must be greater than zero' })
        .optional(),
      discount: Discount.nullable().optional(),
      reason: AmendmentReason,
    })
    .refine((data) => data.quantity !== undefined || data.discount !== undefined, {
      message: 'give a new quantity or discount',
      path: ['quantity'],
    }),
});
export type CorrectInvoiceLine = z.infer<typeof CorrectInvoiceLine>;

/** Corrects the unit price (as printed: with or without tax, as the line was) of an existing line. */
export const CorrectInvoicePrice = z.object({
  type: z.literal('CorrectInvoicePrice'),
  data: z.object({
    invoiceId: z.uuid(),
    lineId: z.uuid(),
    unitPricePaise: NonNegativePaise,
    reason: AmendmentReason,
  }),
});
export type CorrectInvoicePrice = z.infer<typeof CorrectInvoicePrice>;

export const ChangeInvoiceDueDate = z.object({
  type: z.literal('ChangeInvoiceDueDate'),
  data: z.object({
    invoiceId: z.uuid(),
    dueDate: IsoDate,
    reason: AmendmentReason,
  }),
});
export type ChangeInvoiceDueDate = z.infer<typeof ChangeInvoiceDueDate>;

/**
 * A line of a credit or debit note, against a line of the invoice: either a quantity of it (goods
 * returned, or more supplied, at the line's net value per unit) or a taxable value alone (a price
 * reduction or increase after supply), with GST at the line's rate and the invoice's supply.
 */
export const NoteLineRequest = z
  .object({
    lineId: z.uuid(),
    quantity: z
      .number()
      .int({ message: 'must be a whole number' })
      .positive({ message: 'must be greater than zero' })
      .optional(),
    taxablePaise: PositivePaise.optional(),
  })
  .superRefine((line, context) => {
    if (line.quantity === undefined && line.taxablePaise === undefined) {
      context.addIssue({ code: 'custom', path: [], message: 'give a quantity or a taxable value' });
    } else if (line.quantity !== undefined && line.taxablePaise !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['taxablePaise'],
        message: 'give either a quantity or a taxable value, not both',
      });
    }
  });
export type NoteLineRequest = z.infer<typeof NoteLineRequest>;

const NoteBase = z.object({
  invoiceId: z.uuid(),
  issueDate: IsoDate,
  reason: z.string().trim().min(1, { message: 'must say why the note is issued' }).max(500),
  lines: z.array(NoteLineRequest).min(1, { message: 'a note needs at least one line' }).max(1000),
});

/** A credit note against an invoice (GST Act s. 34): reduces its value, tax and receivable. */
export const IssueCreditNote = z.object({
  type: z.literal('IssueCreditNote'),
  data: NoteBase.extend({ creditNoteId: z.uuid(), creditNoteNumber: InvoiceNumber }),
});
export type IssueCreditNote = z.infer<typeof IssueCreditNote>;

/** A debit note against an invoice: adds value and tax to it, and to the receivable. */
export const IssueDebitNote = z.object({
  type: z.literal('IssueDebitNote'),
  data: NoteBase.extend({ debitNoteId: z.uuid(), debitNoteNumber: InvoiceNumber }),
});
export type IssueDebitNote = z.infer<typeof IssueDebitNote>;

export const InvoiceCommand = z.discriminatedUnion('type', [
  IssueInvoice,
  RecordInvoicePayment,
  MarkInvoiceOverdue,
  CorrectInvoiceLine,
  CorrectInvoicePrice,
  ChangeInvoiceDueDate,
  IssueCreditNote,
  IssueDebitNote,
]);
export type InvoiceCommand = z.infer<typeof InvoiceCommand>;
