import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { GstStateCode, SupplyKind } from '../gst.js';
import { BasisPoints, NonNegativePaise, Paise, PositivePaise } from '../money.js';
import { BillTotals, Discount, PricedLine } from '../pricing.js';
import { IsoDate } from '../time.js';
import { InvoiceCustomer, InvoiceNumber, InvoicePaymentMethod, PaymentTerms } from './invoice.commands.js';

export const invoiceStreamId = (invoiceId: string): string => `invoice-${invoiceId}`;

/** Carries the priced lines and totals as computed at issue: a later catalog change never reprices an invoice. */
export const InvoiceIssued = z.object({
  type: z.literal('InvoiceIssued'),
  data: z.object({
    invoiceId: z.uuid(),
    orgId: z.uuid(),
    storeId: z.uuid(),
    invoiceNumber: InvoiceNumber,
    supplierStateCode: GstStateCode,
    customer: InvoiceCustomer,
    supply: SupplyKind,
    lines: z.array(PricedLine).min(1),
    totals: BillTotals,
    issueDate: IsoDate,
    paymentTerms: PaymentTerms,
    dueDate: IsoDate,
    orderIds: z.array(z.uuid()),
    /**
     * The discounts as given (a percentage stays a percentage), so a later correction reprices
     * the invoice the way it was priced. Absent when there were none.
     */
    lineDiscounts: z.array(z.object({ lineId: z.uuid(), discount: Discount })).optional(),
    orderDiscount: Discount.optional(),
  }),
});
export type InvoiceIssued = z.infer<typeof InvoiceIssued>;

export const InvoicePaymentReceived = z.object({
  type: z.literal('InvoicePaymentReceived'),
  data: z.object({
    invoiceId: z.uuid(),
    paymentId: z.uuid(),
    amountPaise: PositivePaise,
    method: InvoicePaymentMethod,
    receivedOn: IsoDate,
    reference: z.string().min(1).nullable(),
    outstandingAfterPaise: NonNegativePaise,
  }),
});
export type InvoicePaymentReceived = z.infer<typeof InvoicePaymentReceived>;

export const InvoiceSettled = z.object({
  type: z.literal('InvoiceSettled'),
  data: z.object({
    invoiceId: z.uuid(),
    /** The date of the payment that cleared it. */
    settledOn: IsoDate,
    paidPaise: NonNegativePaise,
  }),
});
export type InvoiceSettled = z.infer<typeof InvoiceSettled>;

/** Recorded once, when first found past due; an aging report counts days from `dueDate` itself. */
export const InvoiceOverdue = z.object({
  type: z.literal('InvoiceOverdue'),
  data: z.object({
    invoiceId: z.uuid(),
    asOf: IsoDate,
    dueDate: IsoDate,
    daysOverdue: z.number().int().positive(),
    outstandingPaise: PositivePaise,
  }),
});
export type InvoiceOverdue = z.infer<typeof InvoiceOverdue>;

/** One line's change in taxable value and GST, new minus old: negative when the value went down. */
export const TaxChange = z.object({
  lineId: z.uuid(),
  hsnSac: z.string(),
  taxRateBasisPoints: BasisPoints,
  taxablePaise: Paise,
  cgstPaise: Paise,
  sgstPaise: Paise,
  igstPaise: Paise,
});
export type TaxChange = z.infer<typeof TaxChange>;

/**
 * What a correction that reprices the invoice records: every line and the totals as the server
 * recomputed them, what that did to the payable and the outstanding, and the tax change per line.
 * Store, issue date and supply are repeated so a report can file the change without the history.
 */
const Repricing = {
  storeId: z.uuid(),
  issueDate: IsoDate,
  supply: SupplyKind,
  lines: z.array(PricedLine).min(1),
  totals: BillTotals,
  payableChangePaise: Paise,
  outstandingAfterPaise: NonNegativePaise,
  taxChanges: z.array(TaxChange),
  reason: z.string().min(1),
};

export const InvoiceLineCorrected = z.object({
  type: z.literal('InvoiceLineCorrected'),
  data: z.object({
    invoiceId: z.uuid(),
    lineId: z.uuid(),
    quantity: z.number().int().positive(),
    previousQuantity: z.number().int().positive(),
    discount: Discount.nullable(),
    ...Repricing,
  }),
});
export type InvoiceLineCorrected = z.infer<typeof InvoiceLineCorrected>;

export const InvoicePriceCorrected = z.object({
  type: z.literal('InvoicePriceCorrected'),
  data: z.object({
    invoiceId: z.uuid(),
    lineId: z.uuid(),
    unitPricePaise: NonNegativePaise,
    previousUnitPricePaise: NonNegativePaise,
    ...Repricing,
  }),
});
export type InvoicePriceCorrected = z.infer<typeof InvoicePriceCorrected>;

export const InvoiceDueDateChanged = z.object({
  type: z.literal('InvoiceDueDateChanged'),
  data: z.object({
    invoiceId: z.uuid(),
    dueDate: IsoDate,
    previousDueDate: IsoDate,
    reason: z.string().min(1),
  }),
});
export type InvoiceDueDateChanged = z.infer<typeof InvoiceDueDateChanged>;

/** A note's line: a quantity of an invoice line (0 for a value-only line) and its value and GST. */
export const NoteLine = z.object({
  lineId: z.uuid(),
  itemId: z.uuid(),
  name: z.string(),
  hsnSac: z.string(),
  taxRateBasisPoints: BasisPoints,
  quantity: z.number().int().nonnegative(),
  taxablePaise: NonNegativePaise,
  cgstPaise: NonNegativePaise,
  sgstPaise: NonNegativePaise,
  igstPaise: NonNegativePaise,
  totalPaise: NonNegativePaise,
});
export type NoteLine = z.infer<typeof NoteLine>;

export const NoteTotals = z.object({
  taxablePaise: NonNegativePaise,
  cgstPaise: NonNegativePaise,
  sgstPaise: NonNegativePaise,
  igstPaise: NonNegativePaise,
  taxPaise: NonNegativePaise,
  totalPaise: NonNegativePaise,
  /**
   * −49..+50 paise, the rupee rounding; the note that credits the rest of an invoice takes what is
   * outstanding instead, so its round-off also absorbs the earlier notes' (see `creditsTheRest`).
   */
  roundOffPaise: z.number().int(),
  payablePaise: NonNegativePaise,
});
export type NoteTotals = z.infer<typeof NoteTotals>;

/** The note's own id and number, and what it refers to; it lives on the invoice's stream. */
const NoteFields = {
  invoiceId: z.uuid(),
  invoiceNumber: InvoiceNumber,
  storeId: z.uuid(),
  customerId: z.uuid(),
  supply: SupplyKind,
  issueDate: IsoDate,
  reason: z.string().min(1),
  lines: z.array(NoteLine).min(1),
  totals: NoteTotals,
  outstandingAfterPaise: NonNegativePaise,
};

export const CreditNoteIssued = z.object({
  type: z.literal('CreditNoteIssued'),
  data: z.object({ creditNoteId: z.uuid(), creditNoteNumber: InvoiceNumber, ...NoteFields }),
});
export type CreditNoteIssued = z.infer<typeof CreditNoteIssued>;

export const DebitNoteIssued = z.object({
  type: z.literal('DebitNoteIssued'),
  data: z.object({ debitNoteId: z.uuid(), debitNoteNumber: InvoiceNumber, ...NoteFields }),
});
export type DebitNoteIssued = z.infer<typeof DebitNoteIssued>;

/** The early-payment discount of the terms, taken by the payment that cleared the rest in time. */
export const InvoiceEarlyPaymentDiscountTaken = z.object({
  type: z.literal('InvoiceEarlyPaymentDiscountTaken'),
  data: z.object({
    invoiceId: z.uuid(),
    paymentId: z.uuid(),
    percentBasisPoints: BasisPoints,
    discountPaise: PositivePaise,
    takenOn: IsoDate,
    outstandingAfterPaise: NonNegativePaise,
  }),
});
export type InvoiceEarlyPaymentDiscountTaken = z.infer<typeof InvoiceEarlyPaymentDiscountTaken>;

export type InvoiceEvent =
  | InvoiceIssued
  | InvoicePaymentReceived
  | InvoiceSettled
  | InvoiceOverdue
  | InvoiceLineCorrected
  | InvoicePriceCorrected
  | InvoiceDueDateChanged
  | CreditNoteIssued
  | DebitNoteIssued
  | InvoiceEarlyPaymentDiscountTaken;

export const invoiceEventDefinitions: EventDefinition[] = [
  { schema: InvoiceIssued, schemaVersion: 1 },
  { schema: InvoicePaymentReceived, schemaVersion: 1 },
  { schema: InvoiceSettled, schemaVersion: 1 },
  { schema: InvoiceOverdue, schemaVersion: 1 },
  { schema: InvoiceLineCorrected, schemaVersion: 1 },
  { schema: InvoicePriceCorrected, schemaVersion: 1 },
  { schema: InvoiceDueDateChanged, schemaVersion: 1 },
  { schema: CreditNoteIssued, schemaVersion: 1 },
  { schema: DebitNoteIssued, schemaVersion: 1 },
  { schema: InvoiceEarlyPaymentDiscountTaken, schemaVersion: 1 },
];
