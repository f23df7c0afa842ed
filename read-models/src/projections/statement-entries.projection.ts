import { businessTimeOf } from '../business-time.js';
import { decode } from '../decode.js';
import { envelopeStoreId } from './envelope-store.js';
import type { Projection } from '../projection.js';
import { upsert, type RowChange } from '../row-change.js';
import { rmStatementEntries, type STATEMENT_ENTRY_KINDS } from '../tables.js';

type Entry = {
  invoiceId: string;
  date: string;
  kind: (typeof STATEMENT_ENTRY_KINDS)[number];
  documentNumber: string | null;
  /** Positive raises what the customer owes, negative lowers it. */
  changePaise: number;
};

/**
 * The lines of a customer statement, one per event that changed what is owed on an invoice, keyed
 * by the event id so a redelivered event rewrites its own row. Dated as the documents are: an
 * invoice or note by its issue date, a payment or discount by the day it was received, a
 * correction by the store-local day it was made (it carries no date of its own).
 */
export const statementEntriesProjection: Projection = {
  name: 'statement_entries',
  tables: [rmStatementEntries.name],
  eventTypes: [
    'InvoiceIssued',
    'InvoicePaymentReceived',
    'InvoiceLineCorrected',
    'InvoicePriceCorrected',
    'CreditNoteIssued',
    'DebitNoteIssued',
    'InvoiceEarlyPaymentDiscountTaken',
  ],
  project: (event, context) => {
    const decoded = decode(event);
    if (decoded === null) return [];
    const entry = ((): Entry | null => {
      switch (decoded.type) {
        case 'InvoiceIssued':
          return {
            invoiceId: decoded.data.invoiceId,
            date: decoded.data.issueDate,
            kind: 'invoice',
            documentNumber: null,
            changePaise: decoded.data.totals.payablePaise,
          };
        case 'InvoicePaymentReceived':
          return {
            invoiceId: decoded.data.invoiceId,
            date: decoded.data.receivedOn,
            kind: 'payment',
            documentNumber: decoded.data.reference,
            changePaise: -decoded.data.amountPaise,
          };
        case 'InvoiceLineCorrected':
        case 'InvoicePriceCorrected':
          return {
            invoiceId: decoded.data.invoiceId,
            date: businessTimeOf(event.occurredAt, decoded.data.storeId, context).business_date,
            kind: 'correction',
            documentNumber: null,
            changePaise: decoded.data.payableChangePaise,
          };
        case 'CreditNoteIssued':
          return {
            invoiceId: decoded.data.invoiceId,
            date: decoded.data.issueDate,
            kind: 'credit_note',
            documentNumber: decoded.data.creditNoteNumber,
            changePaise: -decoded.data.totals.payablePaise,
          };
        case 'DebitNoteIssued':
          return {
            invoiceId: decoded.data.invoiceId,
            date: decoded.data.issueDate,
            kind: 'debit_note',
            documentNumber: decoded.data.debitNoteNumber,
            changePaise: decoded.data.totals.payablePaise,
          };
        case 'InvoiceEarlyPaymentDiscountTaken':
          return {
            invoiceId: decoded.data.invoiceId,
            date: decoded.data.takenOn,
            kind: 'discount',
            documentNumber: null,
            changePaise: -decoded.data.discountPaise,
          };
        default:
          return null;
      }
    })();
    if (entry === null || entry.changePaise === 0) return [];
    const change: RowChange = upsert(
      rmStatementEntries,
      { org_id: event.orgId, entry_id: event.eventId },
      {
        store_id: envelopeStoreId(event),
        invoice_id: entry.invoiceId,
        entry_date: entry.date,
        kind: entry.kind,
        document_number: entry.documentNumber,
        debit_paise: entry.changePaise > 0 ? entry.changePaise : 0,
        credit_paise: entry.changePaise < 0 ? 0 - entry.changePaise : 0,
        recorded_at: event.recordedAt,
        stream_position: event.streamPosition,
      },
    );
    return [change];
  },
};
