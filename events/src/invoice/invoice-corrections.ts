import type { Decision } from '../decider.js';
import { domainError, fieldPath, isDomainError, type DomainError } from '../errors.js';
import { computeLineTax } from '../gst.js';
import { assertSafePaise, divideRoundHalfUp, formatRupees, roundToRupee, sumPaise, type Paise } from '../money.js';
import { priceBill, type Discount, type PricedLine, type PricingLine } from '../pricing.js';
import type {
  ChangeInvoiceDueDate,
  CorrectInvoiceLine,
  CorrectInvoicePrice,
  IssueCreditNote,
} from './invoice.commands.js';
import type { InvoiceState } from './invoice.decider.js';
import type { InvoiceEvent, InvoiceLineCorrected, NoteLine, TaxChange } from './invoice.events.js';
import { outstandingOf, type IssuedInvoice, type LineAdjustment } from './invoice-state.js';

/**
 * Changes to an issued invoice: corrections (a line's quantity or discount, a unit price, the due
 * date) and credit and debit notes. An issued invoice is never edited in place; each of these is
 * an event on its stream, and every figure in it is recomputed here from the invoice's own lines
 * with the pricing and GST code that priced it at issue.
 */

type OpenInvoice = Extract<InvoiceState, { status: 'issued' }>;

export const NO_ADJUSTMENT: LineAdjustment = { quantity: 0, taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, igstPaise: 0 };

/** Adds a note line to a line's adjustment: `sign` −1 for a credit note, +1 for a debit note. */
export const sumAdjustment = (adjustment: LineAdjustment, line: NoteLine, sign: 1 | -1): LineAdjustment => ({
  quantity: adjustment.quantity + sign * line.quantity,
  taxablePaise: adjustment.taxablePaise + sign * line.taxablePaise,
  cgstPaise: adjustment.cgstPaise + sign * line.cgstPaise,
  sgstPaise: adjustment.sgstPaise + sign * line.sgstPaise,
  igstPaise: adjustment.igstPaise + sign * line.igstPaise,
});

const openInvoice = (state: InvoiceState, whenSettled: string): OpenInvoice | DomainError => {
  if (state.status === 'none') {
    return domainError('INVOICE.NOT_ISSUED', 'data.invoiceId', 'no invoice has been issued with this id');
  }
  if (state.status === 'settled') return domainError('INVOICE.ALREADY_SETTLED', 'data.invoiceId', whenSettled);
  return state;
};

const lineOf = (invoice: IssuedInvoice, lineId: string, path: string): PricedLine | DomainError =>
  invoice.lines.find((line) => line.lineId === lineId) ??
  domainError('INVOICE.UNKNOWN_LINE', path, `the invoice ${invoice.invoiceNumber} has no line ${lineId}`);

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

/** `amount × part / whole`, half up: the share of a line that `part` of its `whole` units carry. */
const shareOf = (amount: Paise, part: number, whole: number): Paise =>
  assertSafePaise(divideRoundHalfUp(BigInt(amount) * BigInt(part), BigInt(whole)), 'note line');

type NoteRequest = Omit<IssueCreditNote['data'], 'creditNoteId' | 'creditNoteNumber'>;

/** One requested note line priced against the invoice line it names, or why it cannot be. */
const noteLineOf = (
  kind: 'credit' | 'debit',
  invoice: OpenInvoice,
  request: NoteRequest['lines'][number],
  path: string,
): NoteLine | DomainError => {
  const line = lineOf(invoice, request.lineId, fieldPath(path, 'lineId'));
  if (isDomainError(line)) return line;
  const adjustment = invoice.noteAdjustments[line.lineId] ?? NO_ADJUSTMENT;
  // What is left of the line after earlier notes: the most a credit note may take back.
  const left = {
    quantity: line.quantity + adjustment.quantity,
    taxablePaise: line.taxablePaise + adjustment.taxablePaise,
    cgstPaise: line.cgstPaise + adjustment.cgstPaise,
    sgstPaise: line.sgstPaise + adjustment.sgstPaise,
    igstPaise: line.igstPaise + adjustment.igstPaise,
  };
  const base = kind === 'credit' ? left : line;
  let amounts: Omit<NoteLine, 'lineId' | 'itemId' | 'name' | 'hsnSac' | 'taxRateBasisPoints' | 'totalPaise'>;
  if (request.quantity !== undefined) {
    const quantity = request.quantity;
    if (kind === 'credit' && quantity > left.quantity) {
      return domainError(
        'INVOICE.CREDIT_EXCEEDS_QUANTITY',
        fieldPath(path, 'quantity'),
        `only ${left.quantity} of ${line.name} can still be credited on this invoice`,
      );
    }
    // Crediting all that is left takes exactly what is left, so no paisa is stranded by rounding.
    amounts =
      kind === 'credit' && quantity === left.quantity
        ? left
        : {
            quantity,
            taxablePaise: shareOf(base.taxablePaise, quantity, base.quantity),
            cgstPaise: shareOf(base.cgstPaise, quantity, base.quantity),
            sgstPaise: shareOf(base.sgstPaise, quantity, base.quantity),
            igstPaise: shareOf(base.igstPaise, quantity, base.quantity),
          };
  } else {
    const taxablePaise = request.taxablePaise ?? 0;
    const tax = computeLineTax({
      amountPaise: taxablePaise,
      rateBasisPoints: line.taxRateBasisPoints,
      priceIncludesTax: false,
      supply: invoice.supply,
    });
    amounts =
      kind === 'credit' && taxablePaise === left.taxablePaise
        ? { ...left, quantity: 0 }
        : { quantity: 0, taxablePaise, cgstPaise: tax.cgstPaise, sgstPaise: tax.sgstPaise, igstPaise: tax.igstPaise };
    const exceeds =
      kind === 'credit' &&
      (amounts.taxablePaise > left.taxablePaise ||
        amounts.cgstPaise > left.cgstPaise ||
        amounts.sgstPaise > left.sgstPaise ||
        amounts.igstPaise > left.igstPaise);
    if (exceeds) {
      return domainError(
        'INVOICE.CREDIT_EXCEEDS_VALUE',
        fieldPath(path, 'taxablePaise'),
        `only ${formatRupees(left.taxablePaise)} of taxable value of ${line.name} can still be credited on this invoice`,
      );
    }
  }
  return {
    lineId: line.lineId,
    itemId: line.itemId,
    name: line.name,
    hsnSac: line.hsnSac,
    taxRateBasisPoints: line.taxRateBasisPoints,
    ...amounts,
    totalPaise: amounts.taxablePaise + amounts.cgstPaise + amounts.sgstPaise + amounts.igstPaise,
  };
};

/**
 * Whether this credit note takes back all that is left of every line while what is outstanding
 * differs from it only by the rupee round-offs of the documents so far (at most 50 paise each).
 * Each note is rounded on its own, so without this the last note of an invoice credited in parts
 * could leave a few paise owed for ever, or be refused for a few paise too many.
 */
const creditsTheRest = (
  kind: 'credit' | 'debit',
  invoice: OpenInvoice,
  lines: ReadonlyArray<NoteLine>,
  totalPaise: Paise,
  outstanding: Paise,
): boolean => {
  if (kind !== 'credit') return false;
  const takesAll = invoice.lines.every((line) => {
    const adjustment = invoice.noteAdjustments[line.lineId] ?? NO_ADJUSTMENT;
    const noted = lines.find((candidate) => candidate.lineId === line.lineId);
    return (
      line.quantity + adjustment.quantity - (noted?.quantity ?? 0) === 0 &&
      line.taxablePaise + adjustment.taxablePaise - (noted?.taxablePaise ?? 0) === 0
    );
  });
  const roundings = 1 + invoice.noteIds.length;
  return takesAll && outstanding > 0 && Math.abs(totalPaise - outstanding) <= 50 * roundings;
};

/**
 * A credit note (takes value and GST back; never more than is left of a line, by quantity or by
 * value, nor more than is outstanding) or a debit note (adds value and GST at the line's rate).
 * GST follows the invoice's supply: CGST + SGST within the state, IGST across.
 */
export const issueNote = (
  kind: 'credit' | 'debit',
  noteId: string,
  noteNumber: string,
  data: NoteRequest,
  state: InvoiceState,
): Decision<InvoiceEvent> => {
  const idPath = kind === 'credit' ? 'data.creditNoteId' : 'data.debitNoteId';
  const numberPath = kind === 'credit' ? 'data.creditNoteNumber' : 'data.debitNoteNumber';
  const invoice = openInvoice(
    state,
    kind === 'credit'
      ? 'this invoice is paid in full; nothing is outstanding to credit (refund the customer instead)'
      : 'this invoice is paid in full; bill anything more on a new invoice',
  );
  if (isDomainError(invoice)) return invoice;
  if (invoice.noteIds.includes(noteId)) {
    return domainError(
      'INVOICE.NOTE_ALREADY_ISSUED',
      idPath,
      'a note with this id is already issued against this invoice',
    );
  }
  if (noteNumber === invoice.invoiceNumber) {
    return domainError('INVOICE.NOTE_NUMBER_TAKEN', numberPath, 'a note needs its own number, not the invoice’s');
  }
  if (data.issueDate < invoice.issueDate) {
    return domainError(
      'INVOICE.NOTE_BEFORE_INVOICE',
      'data.issueDate',
      `must not be before the invoice’s issue date ${invoice.issueDate}`,
    );
  }
  const lines: NoteLine[] = [];
  const seen = new Set<string>();
  for (const [index, request] of data.lines.entries()) {
    const path = fieldPath('data', 'lines', index);
    if (seen.has(request.lineId)) {
      return domainError(
        'INVOICE.DUPLICATE_LINE_ID',
        fieldPath(path, 'lineId'),
        'each invoice line appears once on a note',
      );
    }
    seen.add(request.lineId);
    const line = noteLineOf(kind, invoice, request, path);
    if (isDomainError(line)) return line;
    lines.push(line);
  }
  const sum = (pick: (line: NoteLine) => Paise) => sumPaise(lines.map(pick));
  const totalPaise = sum((line) => line.totalPaise);
  const outstanding = outstandingOf(invoice);
  const { roundedPaise, roundOffPaise } = creditsTheRest(kind, invoice, lines, totalPaise, outstanding)
    ? { roundedPaise: outstanding, roundOffPaise: outstanding - totalPaise }
    : roundToRupee(totalPaise);
  if (roundedPaise === 0) {
    return domainError('INVOICE.NOTE_TOO_SMALL', 'data.lines', 'the note comes to nothing once rounded to the rupee');
  }
  if (kind === 'credit' && roundedPaise > outstanding) {
    return domainError(
      'INVOICE.CREDIT_EXCEEDS_OUTSTANDING',
      'data.lines',
      `the note comes to ${formatRupees(roundedPaise)} but only ${formatRupees(outstanding)} is outstanding`,
    );
  }
  const cgstPaise = sum((line) => line.cgstPaise);
  const sgstPaise = sum((line) => line.sgstPaise);
  const igstPaise = sum((line) => line.igstPaise);
  const outstandingAfterPaise = kind === 'credit' ? outstanding - roundedPaise : outstanding + roundedPaise;
  const fields = {
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.invoiceNumber,
    storeId: invoice.storeId,
    customerId: invoice.customerId,
    supply: invoice.supply,
    issueDate: data.issueDate,
    reason: data.reason,
    lines,
    totals: {
      taxablePaise: sum((line) => line.taxablePaise),
      cgstPaise,
      sgstPaise,
      igstPaise,
      taxPaise: cgstPaise + sgstPaise + igstPaise,
      totalPaise,
      roundOffPaise,
      payablePaise: roundedPaise,
    },
    outstandingAfterPaise,
  };
  if (kind === 'debit') {
    return [{ type: 'DebitNoteIssued', data: { debitNoteId: noteId, debitNoteNumber: noteNumber, ...fields } }];
  }
  const note: InvoiceEvent = {
    type: 'CreditNoteIssued',
    data: { creditNoteId: noteId, creditNoteNumber: noteNumber, ...fields },
  };
  if (outstandingAfterPaise > 0) return [note];
  return [
    note,
    {
      type: 'InvoiceSettled',
      data: { invoiceId: invoice.invoiceId, settledOn: data.issueDate, paidPaise: invoice.paidPaise },
    },
  ];
};
