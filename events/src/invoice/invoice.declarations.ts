import { declareCommand, type CommandAuthorization } from '../command-declaration.js';
import { domainError } from '../errors.js';
import { DEFAULT_TIME_ZONE } from '../time.js';
import {
  ChangeInvoiceDueDate,
  CorrectInvoiceLine,
  CorrectInvoicePrice,
  IssueCreditNote,
  IssueDebitNote,
  IssueInvoice,
  MarkInvoiceOverdue,
  RecordInvoicePayment,
} from './invoice.commands.js';
import { invoiceDecider } from './invoice.decider.js';
import type { InvoiceState } from './invoice-state.js';
import { invoiceStreamId } from './invoice.events.js';

export const issueInvoice = declareCommand({
  type: 'IssueInvoice',
  route: { path: '/v1/invoices', summary: 'Issue a B2B tax invoice with payment terms' },
  data: IssueInvoice.shape.data,
  stream: (data) => invoiceStreamId(data.invoiceId),
  decider: invoiceDecider,
  authorization: { action: 'invoice.manage', target: (data) => ({ orgId: data.orgId, storeId: data.storeId }) },
  // The supplier's GST state is the store's registration, not the request's say-so.
  command: ({ data, scope }) =>
    scope.store && scope.store.stateCode !== data.supplierStateCode
      ? domainError(
          'INVOICE.SUPPLIER_STATE_MISMATCH',
          'data.supplierStateCode',
          `the store is registered in state ${scope.store.stateCode}`,
        )
      : { type: 'IssueInvoice' as const, data },
});

/** Commands on an issued invoice act in the issuing store. */
const onIssuedInvoice: CommandAuthorization<{ invoiceId: string }, InvoiceState> = {
  action: 'invoice.manage',
  target: (_data, state) =>
    state.status === 'none'
      ? domainError('INVOICE.NOT_ISSUED', 'data.invoiceId', 'no invoice has been issued with this id')
      : { storeId: state.storeId },
};

export const recordInvoicePayment = declareCommand({
  type: 'RecordInvoicePayment',
  route: { path: '/v1/invoices/{invoiceId}/payments', summary: 'Record a payment received against an invoice' },
  data: RecordInvoicePayment.shape.data,
  stream: (data) => invoiceStreamId(data.invoiceId),
  decider: invoiceDecider,
  authorization: onIssuedInvoice,
  command: ({ data }) => ({ type: 'RecordInvoicePayment' as const, data }),
});

/** Overdue is judged against today where the store is (invariant 8), by the host's clock. */
export const markInvoiceOverdue = declareCommand({
  type: 'MarkInvoiceOverdue',
  route: { path: '/v1/invoices/{invoiceId}/overdue', summary: 'Mark an unpaid invoice overdue' },
  data: MarkInvoiceOverdue.shape.data,
  stream: (data) => invoiceStreamId(data.invoiceId),
  decider: invoiceDecider,
  authorization: onIssuedInvoice,
  needs: ({ scope }) => ({ storeToday: { timeZone: scope.store?.timeZone ?? DEFAULT_TIME_ZONE } }),
  command: ({ data, context }) => ({
    type: 'MarkInvoiceOverdue' as const,
    data,
    ...(context.storeToday === undefined ? {} : { context: { storeToday: context.storeToday } }),
  }),
});

/** Corrections and notes: the actor is the envelope's `actorId`; the reason stays in the event's data. */
export const correctInvoiceLine = declareCommand({
  type: 'CorrectInvoiceLine',
  route: {
    path: '/v1/invoices/{invoiceId}/line-corrections',
    summary: "Correct an issued invoice line's quantity or discount, with a reason",
  },
  data: CorrectInvoiceLine.shape.data,
  stream: (data) => invoiceStreamId(data.invoiceId),
  decider: invoiceDecider,
  authorization: onIssuedInvoice,
  command: ({ data }) => ({ type: 'CorrectInvoiceLine' as const, data }),
});

export const correctInvoicePrice = declareCommand({
  type: 'CorrectInvoicePrice',
  route: {
    path: '/v1/invoices/{invoiceId}/price-corrections',
    summary: "Correct an issued invoice line's unit price, with a reason",
  },
  data: CorrectInvoicePrice.shape.data,
  stream: (data) => invoiceStreamId(data.invoiceId),
  decider: invoiceDecider,
  authorization: onIssuedInvoice,
  command: ({ data }) => ({ type: 'CorrectInvoicePrice' as const, data }),
});

export const changeInvoiceDueDate = declareCommand({
  type: 'ChangeInvoiceDueDate',
  route: { path: '/v1/invoices/{invoiceId}/due-date', summary: "Change an unpaid invoice's due date, with a reason" },
  data: ChangeInvoiceDueDate.shape.data,
  stream: (data) => invoiceStreamId(data.invoiceId),
  decider: invoiceDecider,
  authorization: onIssuedInvoice,
  command: ({ data }) => ({ type: 'ChangeInvoiceDueDate' as const, data }),
});

export const issueCreditNote = declareCommand({
  type: 'IssueCreditNote',
  route: { path: '/v1/invoices/{invoiceId}/credit-notes', summary: 'Issue a credit note against an invoice' },
  data: IssueCreditNote.shape.data,
  stream: (data) => invoiceStreamId(data.invoiceId),
  decider: invoiceDecider,
  authorization: onIssuedInvoice,
  command: ({ data }) => ({ type: 'IssueCreditNote' as const, data }),
});

export const issueDebitNote = declareCommand({
  type: 'IssueDebitNote',
  route: { path: '/v1/invoices/{invoiceId}/debit-notes', summary: 'Issue a debit note against an invoice' },
  data: IssueDebitNote.shape.data,
  stream: (data) => invoiceStreamId(data.invoiceId),
  decider: invoiceDecider,
  authorization: onIssuedInvoice,
  command: ({ data }) => ({ type: 'IssueDebitNote' as const, data }),
});
