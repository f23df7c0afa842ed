import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { GstStateCode, SupplyKind } from '../gst.js';
import { NonNegativePaise, PositivePaise } from '../money.js';
import { BillTotals, PricedLine } from '../pricing.js';
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

export type InvoiceEvent = InvoiceIssued | InvoicePaymentReceived | InvoiceSettled | InvoiceOverdue;

export const invoiceEventDefinitions: EventDefinition[] = [
  { schema: InvoiceIssued, schemaVersion: 1 },
  { schema: InvoicePaymentReceived, schemaVersion: 1 },
  { schema: InvoiceSettled, schemaVersion: 1 },
  { schema: InvoiceOverdue, schemaVersion: 1 },
];
