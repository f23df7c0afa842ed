import { domainError, type DomainError } from '../errors.js';
import type { SupplyKind } from '../gst.js';
import type { Paise } from '../money.js';
import type { BillTotals, Discount, PricedLine } from '../pricing.js';
import type { PaymentTerms } from './invoice.commands.js';
import type { NoteLine } from './invoice.events.js';

/**
 * What credit and debit notes did to one invoice line so far, debits minus credits: a credit of
 * 2 units leaves `quantity: -2`. What is still creditable on a line is the line plus this.
 */
export type LineAdjustment = {
  quantity: number;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
};

/** An issued invoice as its stream says it stands now: corrections applied, notes and payments counted. */
export type IssuedInvoice = {
  invoiceId: string;
  /** The issuing store: whoever acts on the invoice later must have that store in scope. */
  storeId: string;
  invoiceNumber: string;
  customerId: string;
  supply: SupplyKind;
  issueDate: string;
  dueDate: string;
  paymentTerms: PaymentTerms;
  /** As last priced: at issue, or by the latest correction. */
  lines: ReadonlyArray<PricedLine>;
  /** The discounts as given, to reprice with: by line id, and the order's. */
  lineDiscounts: Readonly<Record<string, Discount>>;
  orderDiscount: Discount | undefined;
  totals: BillTotals;
  paidPaise: Paise;
  /** Amount by payment id: the idempotency record, kept after settlement so a retry stays a no-op. */
  paymentsById: Readonly<Record<string, Paise>>;
  creditedPaise: Paise;
  debitedPaise: Paise;
  /** Early-payment discounts taken. */
  discountPaise: Paise;
  noteAdjustments: Readonly<Record<string, LineAdjustment>>;
  /** Credit and debit note ids already issued against the invoice. */
  noteIds: ReadonlyArray<string>;
};

/** The invoice's stream folded: nothing yet, issued and open, or settled in full. */
export type InvoiceState =
  | { status: 'none' }
  | ({ status: 'issued'; overdue: boolean } & IssuedInvoice)
  | ({ status: 'settled'; settledOn: string } & IssuedInvoice);

/** What the customer still owes on the invoice. */
export const outstandingOf = (invoice: IssuedInvoice): Paise =>
  invoice.totals.payablePaise +
  invoice.debitedPaise -
  invoice.creditedPaise -
  invoice.paidPaise -
  invoice.discountPaise;

export type OpenInvoice = Extract<InvoiceState, { status: 'issued' }>;

export const NO_ADJUSTMENT: LineAdjustment = { quantity: 0, taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, igstPaise: 0 };

/** Adds a note line to a line's adjustment: `sign` −1 for a credit note, +1 for a debit note. */
export const sumAdjustment = (adjustment: LineAdjustment, line: NoteLine, sign: 1 | -1): LineAdjustment => ({
  quantity: adjustment.quantity + sign * line.quantity,
  taxablePaise: adjustment.taxablePaise + sign * line.taxablePaise,
  cgstPaise: adjustment.cgstPaise + sign * line.cgstPaise,
  sgstPaise: adjustment.sgstPaise + sign * line.sgstPaise,
  igstPaise: adjustment.igstPaise + sign * line.igstPaise,
});

/** The invoice if it is issued and not settled; otherwise the refusal, `whenSettled` saying why. */
export const openInvoice = (state: InvoiceState, whenSettled: string): OpenInvoice | DomainError => {
  if (state.status === 'none') {
    return domainError('INVOICE.NOT_ISSUED', 'data.invoiceId', 'no invoice has been issued with this id');
  }
  if (state.status === 'settled') return domainError('INVOICE.ALREADY_SETTLED', 'data.invoiceId', whenSettled);
  return state;
};

export const lineOf = (invoice: IssuedInvoice, lineId: string, path: string): PricedLine | DomainError =>
  invoice.lines.find((line) => line.lineId === lineId) ??
  domainError('INVOICE.UNKNOWN_LINE', path, `the invoice ${invoice.invoiceNumber} has no line ${lineId}`);
