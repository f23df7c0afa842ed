import { assertNever, type Decider, type Decision } from '../decider.js';
import { domainError, fieldPath, isDomainError, type DomainError } from '../errors.js';
import { supplyKindOf } from '../gst.js';
import { applyBasisPoints, formatRupees } from '../money.js';
import { priceBill, type Discount } from '../pricing.js';
import { addDays, daysBetween } from '../time.js';
import { parseOrError } from '../validation.js';
import { changeInvoiceDueDate, correctInvoiceLine, correctInvoicePrice } from './invoice-corrections.js';
import { issueNote } from './invoice-notes.js';
import { NO_ADJUSTMENT, outstandingOf, sumAdjustment, type InvoiceState, type IssuedInvoice } from './invoice-state.js';
import {
  InvoiceCommand,
  type IssueInvoice,
  type MarkInvoiceOverdue,
  type RecordInvoicePayment,
} from './invoice.commands.js';
import type { InvoiceEvent, InvoiceIssued } from './invoice.events.js';

const notIssued = (): DomainError =>
  domainError('INVOICE.NOT_ISSUED', 'data.invoiceId', 'no invoice has been issued with this id');
const alreadySettled = (): DomainError =>
  domainError('INVOICE.ALREADY_SETTLED', 'data.invoiceId', 'this invoice is already paid in full');

/** Index of the first value seen before, or -1. */
const firstRepeat = (values: ReadonlyArray<string>): number => {
  const seen = new Set<string>();
  for (const [index, value] of values.entries()) {
    if (seen.has(value)) return index;
    seen.add(value);
  }
  return -1;
};

const discountsOf = (data: IssueInvoice['data']): Pick<InvoiceIssued['data'], 'lineDiscounts' | 'orderDiscount'> => {
  const lineDiscounts = data.lines.flatMap((line) =>
    line.discount ? [{ lineId: line.lineId, discount: line.discount }] : [],
  );
  return {
    ...(lineDiscounts.length > 0 ? { lineDiscounts } : {}),
    ...(data.orderDiscount ? { orderDiscount: data.orderDiscount } : {}),
  };
};

const issueInvoice = ({ data }: IssueInvoice, state: InvoiceState): Decision<InvoiceEvent> => {
  if (state.status !== 'none') {
    return domainError('INVOICE.ALREADY_ISSUED', 'data.invoiceId', 'an invoice with this id is already issued');
  }
  // A registered buyer's place of supply is its registered state; a GSTIN from another state
  // means the wrong registration or the wrong state, and either way the wrong tax split.
  if (data.customer.gstin.slice(0, 2) !== data.customer.stateCode) {
    return domainError(
      'INVOICE.GSTIN_STATE_MISMATCH',
      'data.customer.stateCode',
      `the GSTIN ${data.customer.gstin} is registered in state ${data.customer.gstin.slice(0, 2)}, not ${data.customer.stateCode}`,
    );
  }
  const repeatedLine = firstRepeat(data.lines.map((line) => line.lineId));
  if (repeatedLine >= 0) {
    return domainError(
      'INVOICE.DUPLICATE_LINE_ID',
      fieldPath('data', 'lines', repeatedLine, 'lineId'),
      'each line needs its own id',
    );
  }
  const orderIds = data.orderIds ?? [];
  const repeatedOrder = firstRepeat(orderIds);
  if (repeatedOrder >= 0) {
    return domainError(
      'INVOICE.DUPLICATE_ORDER_ID',
      fieldPath('data', 'orderIds', repeatedOrder),
      'this order is already listed',
    );
  }

  const supply = supplyKindOf(data.supplierStateCode, data.customer.stateCode);
  const bill = priceBill({
    lines: data.lines.map((line) => ({ ...line, modifiers: [] })),
    orderDiscount: data.orderDiscount,
    supply,
    linesPath: 'data.lines',
    orderDiscountPath: 'data.orderDiscount',
  });
  if (isDomainError(bill)) return bill;
  if (bill.totals.payablePaise === 0) {
    return domainError(
      'INVOICE.NOTHING_PAYABLE',
      'data.lines',
      'the invoice comes to nothing payable; a receivable needs an amount',
    );
  }
  if (data.claimedTotals && data.claimedTotals.payablePaise !== bill.totals.payablePaise) {
    return domainError(
      'INVOICE.TOTAL_MISMATCH',
      'data.claimedTotals.payablePaise',
      `the invoice comes to ${formatRupees(bill.totals.payablePaise)}, not ${formatRupees(data.claimedTotals.payablePaise)}`,
    );
  }

  return [
    {
      type: 'InvoiceIssued',
      data: {
        invoiceId: data.invoiceId,
        orgId: data.orgId,
        storeId: data.storeId,
        invoiceNumber: data.invoiceNumber,
        supplierStateCode: data.supplierStateCode,
        customer: data.customer,
        supply,
        lines: bill.lines,
        totals: bill.totals,
        issueDate: data.issueDate,
        paymentTerms: data.paymentTerms,
        dueDate: addDays(data.issueDate, data.paymentTerms.netDays),
        orderIds,
        ...discountsOf(data),
      },
    },
  ];
};

const recordInvoicePayment = ({ data }: RecordInvoicePayment, state: InvoiceState): Decision<InvoiceEvent> => {
  if (state.status === 'none') return notIssued();
  // Checked before settlement: a retry of the payment that settled the invoice is still a no-op.
  const recorded = state.paymentsById[data.paymentId];
  if (recorded !== undefined) {
    if (recorded === data.amountPaise) return [];
    return domainError(
      'INVOICE.PAYMENT_ID_REUSED',
      'data.paymentId',
      `payment ${data.paymentId} was recorded for ${formatRupees(recorded)}, not ${formatRupees(data.amountPaise)}`,
    );
  }
  if (state.status === 'settled') return alreadySettled();
  // YYYY-MM-DD strings order as the dates they name.
  if (data.receivedOn < state.issueDate) {
    return domainError(
      'INVOICE.PAYMENT_BEFORE_ISSUE',
      'data.receivedOn',
      `must not be before the issue date ${state.issueDate}`,
    );
  }
  const outstanding = outstandingOf(state);
  if (data.amountPaise > outstanding) {
    return domainError(
      'INVOICE.OVERPAYMENT',
      'data.amountPaise',
      `only ${formatRupees(outstanding)} is outstanding; an excess is an advance, not a payment of this invoice`,
    );
  }
  const outstandingAfterPaise = outstanding - data.amountPaise;
  const early = state.paymentTerms.earlyPaymentDiscount;
  // Within the window, a payment of exactly the rest after the discount clears the invoice and
  // the discount is recorded; any other amount is an ordinary (part) payment.
  const discountPaise =
    early && data.receivedOn <= addDays(state.issueDate, early.withinDays)
      ? applyBasisPoints(outstanding, early.percentBasisPoints)
      : 0;
  const takesDiscount = discountPaise > 0 && outstandingAfterPaise === discountPaise;
  const received: InvoiceEvent = {
    type: 'InvoicePaymentReceived',
    data: {
      invoiceId: state.invoiceId,
      paymentId: data.paymentId,
      amountPaise: data.amountPaise,
      method: data.method,
      receivedOn: data.receivedOn,
      reference: data.reference ?? null,
      outstandingAfterPaise,
    },
  };
  const settled: InvoiceEvent = {
    type: 'InvoiceSettled',
    data: { invoiceId: state.invoiceId, settledOn: data.receivedOn, paidPaise: state.paidPaise + data.amountPaise },
  };
  if (takesDiscount && early) {
    return [
      received,
      {
        type: 'InvoiceEarlyPaymentDiscountTaken',
        data: {
          invoiceId: state.invoiceId,
          paymentId: data.paymentId,
          percentBasisPoints: early.percentBasisPoints,
          discountPaise,
          takenOn: data.receivedOn,
          outstandingAfterPaise: 0,
        },
      },
      settled,
    ];
  }
  if (outstandingAfterPaise > 0) return [received];
  return [received, settled];
};

const markInvoiceOverdue = ({ data, context }: MarkInvoiceOverdue, state: InvoiceState): Decision<InvoiceEvent> => {
  if (state.status === 'none') return notIssued();
  if (state.status === 'settled') return alreadySettled();
  if (context && data.asOf > context.storeToday) {
    return domainError(
      'INVOICE.AS_OF_IN_FUTURE',
      'data.asOf',
      `must not be after today in the store's time zone (${context.storeToday})`,
    );
  }
  if (state.overdue) return [];
  const daysOverdue = daysBetween(state.dueDate, data.asOf);
  if (daysOverdue <= 0) {
    return domainError(
      'INVOICE.NOT_YET_DUE',
      'data.asOf',
      `the invoice is due on ${state.dueDate}; it is overdue only after that`,
    );
  }
  return [
    {
      type: 'InvoiceOverdue',
      data: {
        invoiceId: state.invoiceId,
        asOf: data.asOf,
        dueDate: state.dueDate,
        daysOverdue,
        outstandingPaise: outstandingOf(state),
      },
    },
  ];
};

const decide = (command: InvoiceCommand, state: InvoiceState): Decision<InvoiceEvent> => {
  const parsed = parseOrError(InvoiceCommand, command);
  if (isDomainError(parsed)) return parsed;
  switch (parsed.type) {
    case 'IssueInvoice':
      return issueInvoice(parsed, state);
    case 'RecordInvoicePayment':
      return recordInvoicePayment(parsed, state);
    case 'MarkInvoiceOverdue':
      return markInvoiceOverdue(parsed, state);
    case 'CorrectInvoiceLine':
      return correctInvoiceLine(parsed, state);
    case 'CorrectInvoicePrice':
      return correctInvoicePrice(parsed, state);
    case 'ChangeInvoiceDueDate':
      return changeInvoiceDueDate(parsed, state);
    case 'IssueCreditNote':
      return issueNote('credit', parsed.data.creditNoteId, parsed.data.creditNoteNumber, parsed.data, state);
    case 'IssueDebitNote':
      return issueNote('debit', parsed.data.debitNoteId, parsed.data.debitNoteNumber, parsed.data, state);
    default:
      return assertNever(parsed);
  }
};

const lineDiscountsOf = (data: InvoiceIssued['data']): Record<string, Discount> => {
  if (data.lineDiscounts) return Object.fromEntries(data.lineDiscounts.map((entry) => [entry.lineId, entry.discount]));
  // Issued before discounts were recorded as given: the amount each line was discounted by.
  return Object.fromEntries(
    data.lines.flatMap((line) =>
      line.lineDiscountPaise > 0
        ? [[line.lineId, { kind: 'amount', amountPaise: line.lineDiscountPaise, reason: 'as issued' } as Discount]]
        : [],
    ),
  );
};

const orderDiscountOf = (data: InvoiceIssued['data']): Discount | undefined => {
  if (data.orderDiscount) return data.orderDiscount;
  const spread = data.lines.reduce((sum, line) => sum + line.orderDiscountPaise, 0);
  return spread > 0 ? { kind: 'amount', amountPaise: spread, reason: 'as issued' } : undefined;
};

const issuedOf = (state: InvoiceState, change: Partial<IssuedInvoice>): InvoiceState =>
  state.status === 'none' ? state : { ...state, ...change };

const evolve = (state: InvoiceState, event: InvoiceEvent): InvoiceState => {
  switch (event.type) {
    case 'InvoiceIssued':
      return {
        status: 'issued',
        invoiceId: event.data.invoiceId,
        storeId: event.data.storeId,
        invoiceNumber: event.data.invoiceNumber,
        customerId: event.data.customer.customerId,
        supply: event.data.supply,
        issueDate: event.data.issueDate,
        dueDate: event.data.dueDate,
        paymentTerms: event.data.paymentTerms,
        lines: event.data.lines,
        lineDiscounts: lineDiscountsOf(event.data),
        orderDiscount: orderDiscountOf(event.data),
        totals: event.data.totals,
        paidPaise: 0,
        paymentsById: {},
        creditedPaise: 0,
        debitedPaise: 0,
        discountPaise: 0,
        noteAdjustments: {},
        noteIds: [],
        overdue: false,
      };
    case 'InvoicePaymentReceived':
      if (state.status === 'none') return state;
      return {
        ...state,
        paidPaise: state.paidPaise + event.data.amountPaise,
        paymentsById: { ...state.paymentsById, [event.data.paymentId]: event.data.amountPaise },
      };
    case 'InvoiceSettled': {
      if (state.status !== 'issued') return state;
      const { status: _status, overdue: _overdue, ...invoice } = state;
      return { ...invoice, status: 'settled', settledOn: event.data.settledOn };
    }
    case 'InvoiceOverdue':
      return state.status === 'issued' ? { ...state, overdue: true } : state;
    case 'InvoiceLineCorrected': {
      if (state.status === 'none') return state;
      const { [event.data.lineId]: _previous, ...others } = state.lineDiscounts;
      const lineDiscounts = event.data.discount ? { ...others, [event.data.lineId]: event.data.discount } : others;
      return { ...state, lines: event.data.lines, totals: event.data.totals, lineDiscounts };
    }
    case 'InvoicePriceCorrected':
      return issuedOf(state, { lines: event.data.lines, totals: event.data.totals });
    case 'InvoiceDueDateChanged':
      // A new due date restarts the overdue clock: it is found overdue again only after it.
      return state.status === 'issued' ? { ...state, dueDate: event.data.dueDate, overdue: false } : state;
    case 'CreditNoteIssued':
    case 'DebitNoteIssued': {
      if (state.status === 'none') return state;
      const sign = event.type === 'CreditNoteIssued' ? -1 : 1;
      const noteAdjustments = { ...state.noteAdjustments };
      for (const line of event.data.lines) {
        noteAdjustments[line.lineId] = sumAdjustment(noteAdjustments[line.lineId] ?? NO_ADJUSTMENT, line, sign);
      }
      const noteId = event.type === 'CreditNoteIssued' ? event.data.creditNoteId : event.data.debitNoteId;
      return {
        ...state,
        noteAdjustments,
        noteIds: [...state.noteIds, noteId],
        creditedPaise: state.creditedPaise + (sign < 0 ? event.data.totals.payablePaise : 0),
        debitedPaise: state.debitedPaise + (sign > 0 ? event.data.totals.payablePaise : 0),
      };
    }
    case 'InvoiceEarlyPaymentDiscountTaken':
      return issuedOf(state, {
        discountPaise: (state.status === 'none' ? 0 : state.discountPaise) + event.data.discountPaise,
      });
    default:
      return assertNever(event);
  }
};

const initialState = (): InvoiceState => ({ status: 'none' });

export const invoiceDecider: Decider<InvoiceCommand, InvoiceEvent, InvoiceState> = {
  decide,
  evolve,
  initialState,
  isTerminal: (state) => state.status === 'settled',
};
