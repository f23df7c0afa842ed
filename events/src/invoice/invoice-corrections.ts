import type { Decision } from '../decider.js';
import { domainError, isDomainError, type DomainError } from '../errors.js';
import { formatRupees } from '../money.js';
import { priceBill, type Discount, type PricedLine, type PricingLine } from '../pricing.js';
import type { ChangeInvoiceDueDate, CorrectInvoiceLine, CorrectInvoicePrice } from './invoice.commands.js';
import type { InvoiceEvent, InvoiceLineCorrected, TaxChange } from './invoice.events.js';
import {
  lineOf,
  NO_ADJUSTMENT,
  openInvoice,
  outstandingOf,
  type InvoiceState,
  type IssuedInvoice,
  type OpenInvoice,
} from './invoice-state.js';

/**
 * Corrections of an issued invoice: a line's quantity or discount, a unit price, the due date.
 * An issued invoice is never edited in place; each is an event on its stream, and every figure in
 * it is recomputed here from the invoice's own lines with the pricing and GST code that priced it
 * at issue. Credit and debit notes are in invoice-notes.ts.
 */

const pricingLineOf = (invoice: IssuedInvoice, line: PricedLine): PricingLine => ({
  lineId: line.lineId,
  item: {
    itemId: line.itemId,
    name: line.name,
    hsnSac: line.hsnSac,
    unitPricePaise: line.unitPricePaise,
    priceIncludesTax: line.priceIncludesTax,
    taxRateBasisPoints: line.taxRateBasisPoints,
  },
  modifiers: line.modifiers,
  quantity: line.quantity,
  discount: invoice.lineDiscounts[line.lineId],
});

const taxChangesOf = (before: ReadonlyArray<PricedLine>, after: ReadonlyArray<PricedLine>): TaxChange[] =>
  after.flatMap((line) => {
    const old = before.find((candidate) => candidate.lineId === line.lineId);
    const change = {
      lineId: line.lineId,
      hsnSac: line.hsnSac,
      taxRateBasisPoints: line.taxRateBasisPoints,
      taxablePaise: line.taxablePaise - (old?.taxablePaise ?? 0),
      cgstPaise: line.cgstPaise - (old?.cgstPaise ?? 0),
      sgstPaise: line.sgstPaise - (old?.sgstPaise ?? 0),
      igstPaise: line.igstPaise - (old?.igstPaise ?? 0),
    };
    const changed =
      change.taxablePaise !== 0 || change.cgstPaise !== 0 || change.sgstPaise !== 0 || change.igstPaise !== 0;
    return changed ? [change] : [];
  });

type Repricing = Omit<
  InvoiceLineCorrected['data'],
  'invoiceId' | 'lineId' | 'quantity' | 'previousQuantity' | 'discount'
>;

/**
 * Prices the invoice again with one line changed and checks what that leaves: something payable,
 * no line below what credit notes already took from it, and something still outstanding (a
 * correction that would leave nothing or less owed is a dated credit note's job).
 */
const reprice = (invoice: OpenInvoice, changed: PricingLine, path: string, reason: string): Repricing | DomainError => {
  const lines = invoice.lines.map((line) => (line.lineId === changed.lineId ? changed : pricingLineOf(invoice, line)));
  const bill = priceBill({ lines, orderDiscount: invoice.orderDiscount, supply: invoice.supply });
  if (isDomainError(bill)) return domainError(bill.code, path, bill.reason);
  if (bill.totals.payablePaise === 0) {
    return domainError('INVOICE.NOTHING_PAYABLE', path, 'the corrected invoice comes to nothing payable');
  }
  for (const line of bill.lines) {
    const adjustment = invoice.noteAdjustments[line.lineId] ?? NO_ADJUSTMENT;
    if (line.quantity + adjustment.quantity < 0 || line.taxablePaise + adjustment.taxablePaise < 0) {
      return domainError(
        'INVOICE.CORRECTION_BELOW_CREDITED',
        path,
        `credit notes already took more than the corrected line ${line.lineId} comes to`,
      );
    }
  }
  const payableChangePaise = bill.totals.payablePaise - invoice.totals.payablePaise;
  const outstandingAfterPaise = outstandingOf(invoice) + payableChangePaise;
  if (outstandingAfterPaise <= 0) {
    return domainError(
      'INVOICE.CORRECTION_EXCEEDS_OUTSTANDING',
      path,
      `the correction takes ${formatRupees(-payableChangePaise)} off an invoice with ${formatRupees(outstandingOf(invoice))} outstanding; issue a dated credit note instead`,
    );
  }
  return {
    storeId: invoice.storeId,
    issueDate: invoice.issueDate,
    supply: invoice.supply,
    lines: bill.lines,
    totals: bill.totals,
    payableChangePaise,
    outstandingAfterPaise,
    taxChanges: taxChangesOf(invoice.lines, bill.lines),
    reason,
  };
};

const SETTLED_NOT_CORRECTED = 'this invoice is paid in full; a settled invoice is not corrected';

const nothingCorrected = (path: string): DomainError =>
  domainError('INVOICE.NOTHING_CORRECTED', path, 'the correction changes nothing on the invoice');

const sameDiscount = (a: Discount | undefined, b: Discount | undefined): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const correctInvoiceLine = ({ data }: CorrectInvoiceLine, state: InvoiceState): Decision<InvoiceEvent> => {
  const invoice = openInvoice(state, SETTLED_NOT_CORRECTED);
  if (isDomainError(invoice)) return invoice;
  const line = lineOf(invoice, data.lineId, 'data.lineId');
  if (isDomainError(line)) return line;
  const quantity = data.quantity ?? line.quantity;
  const previousDiscount = invoice.lineDiscounts[line.lineId];
  const discount = data.discount === undefined ? previousDiscount : (data.discount ?? undefined);
  const path = data.discount !== undefined ? 'data.discount' : 'data.quantity';
  if (quantity === line.quantity && sameDiscount(discount, previousDiscount)) return nothingCorrected(path);
  const repriced = reprice(invoice, { ...pricingLineOf(invoice, line), quantity, discount }, path, data.reason);
  if (isDomainError(repriced)) return repriced;
  return [
    {
      type: 'InvoiceLineCorrected',
      data: {
        invoiceId: invoice.invoiceId,
        lineId: line.lineId,
        quantity,
        previousQuantity: line.quantity,
        discount: discount ?? null,
        ...repriced,
      },
    },
  ];
};

export const correctInvoicePrice = ({ data }: CorrectInvoicePrice, state: InvoiceState): Decision<InvoiceEvent> => {
  const invoice = openInvoice(state, SETTLED_NOT_CORRECTED);
  if (isDomainError(invoice)) return invoice;
  const line = lineOf(invoice, data.lineId, 'data.lineId');
  if (isDomainError(line)) return line;
  if (data.unitPricePaise === line.unitPricePaise) return nothingCorrected('data.unitPricePaise');
  const pricing = pricingLineOf(invoice, line);
  const repriced = reprice(
    invoice,
    { ...pricing, item: { ...pricing.item, unitPricePaise: data.unitPricePaise } },
    'data.unitPricePaise',
    data.reason,
  );
  if (isDomainError(repriced)) return repriced;
  return [
    {
      type: 'InvoicePriceCorrected',
      data: {
        invoiceId: invoice.invoiceId,
        lineId: line.lineId,
        unitPricePaise: data.unitPricePaise,
        previousUnitPricePaise: line.unitPricePaise,
        ...repriced,
      },
    },
  ];
};

export const changeInvoiceDueDate = ({ data }: ChangeInvoiceDueDate, state: InvoiceState): Decision<InvoiceEvent> => {
  const invoice = openInvoice(state, SETTLED_NOT_CORRECTED);
  if (isDomainError(invoice)) return invoice;
  // YYYY-MM-DD strings order as the dates they name.
  if (data.dueDate < invoice.issueDate) {
    return domainError(
      'INVOICE.DUE_BEFORE_ISSUE',
      'data.dueDate',
      `must not be before the issue date ${invoice.issueDate}`,
    );
  }
  if (data.dueDate === invoice.dueDate) return nothingCorrected('data.dueDate');
  return [
    {
      type: 'InvoiceDueDateChanged',
      data: {
        invoiceId: invoice.invoiceId,
        dueDate: data.dueDate,
        previousDueDate: invoice.dueDate,
        reason: data.reason,
      },
    },
  ];
};
