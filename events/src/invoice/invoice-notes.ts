import type { Decision } from '../decider.js';
import { domainError, fieldPath, isDomainError, type DomainError } from '../errors.js';
import { computeLineTax } from '../gst.js';
import { assertSafePaise, divideRoundHalfUp, formatRupees, roundToRupee, sumPaise, type Paise } from '../money.js';
import type { IssueCreditNote } from './invoice.commands.js';
import type { InvoiceEvent, NoteLine } from './invoice.events.js';
import {
  lineOf,
  NO_ADJUSTMENT,
  openInvoice,
  outstandingOf,
  type InvoiceState,
  type OpenInvoice,
} from './invoice-state.js';

/**
 * Credit and debit notes: their own documents (id, number, date, reason) against an issued
 * invoice, kept on the invoice's stream so that what is still creditable is checked against the
 * very version of the invoice they are appended to.
 */

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
