import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { increment, update, upsert } from '../row-change.js';
import { rmReceivables } from '../tables.js';

/**
 * One row per B2B invoice: what is owed, paid and outstanding, and whether it is issued, overdue
 * or settled. Corrections move the payable; credit notes, debit notes and early-payment discounts
 * are counted in their own columns; all of them move the outstanding. Overdue is recorded once, when first found past due, and stays until settlement; an
 * aging report counts days from `due_date` itself, so the row needs no daily refresh.
 */
export const receivablesProjection: Projection = {
  name: 'receivables',
  tables: [rmReceivables.name],
  eventTypes: [
    'InvoiceIssued',
    'InvoicePaymentReceived',
    'InvoiceSettled',
    'InvoiceOverdue',
    'InvoiceLineCorrected',
    'InvoicePriceCorrected',
    'InvoiceDueDateChanged',
    'CreditNoteIssued',
    'DebitNoteIssued',
    'InvoiceEarlyPaymentDiscountTaken',
  ],
  project: (event) => {
    const decoded = decode(event);
    if (decoded === null) return [];
    const key = (invoiceId: string) => ({ org_id: event.orgId, invoice_id: invoiceId });
    switch (decoded.type) {
      case 'InvoiceIssued': {
        const { data } = decoded;
        return [
          upsert(rmReceivables, key(data.invoiceId), {
            store_id: data.storeId,
            invoice_number: data.invoiceNumber,
            customer_id: data.customer.customerId,
            customer_name: data.customer.legalName,
            customer_gstin: data.customer.gstin,
            issue_date: data.issueDate,
            due_date: data.dueDate,
            payable_paise: data.totals.payablePaise,
            paid_paise: 0,
            outstanding_paise: data.totals.payablePaise,
            status: 'issued',
            last_paid_on: null,
            settled_on: null,
            overdue_as_of: null,
          }),
        ];
      }
      case 'InvoicePaymentReceived': {
        // Added, not set from `outstandingAfterPaise`, so paid and outstanding move together; the
        // row exists, InvoiceIssued being the first event of the invoice's stream.
        const { invoiceId, amountPaise, receivedOn } = decoded.data;
        return [
          increment(rmReceivables, key(invoiceId), { paid_paise: amountPaise, outstanding_paise: -amountPaise }),
          update(rmReceivables, key(invoiceId), { last_paid_on: receivedOn }),
        ];
      }
      case 'InvoiceSettled':
        return [
          update(rmReceivables, key(decoded.data.invoiceId), { status: 'settled', settled_on: decoded.data.settledOn }),
        ];
      case 'InvoiceOverdue':
        return [
          update(rmReceivables, key(decoded.data.invoiceId), { status: 'overdue', overdue_as_of: decoded.data.asOf }),
        ];
      case 'InvoiceLineCorrected':
      case 'InvoicePriceCorrected': {
        const { invoiceId, payableChangePaise } = decoded.data;
        return [
          increment(rmReceivables, key(invoiceId), {
            payable_paise: payableChangePaise,
            outstanding_paise: payableChangePaise,
          }),
        ];
      }
      case 'InvoiceDueDateChanged':
        // Refused on a settled invoice, so the row is open; a new due date restarts the overdue clock.
        return [
          update(rmReceivables, key(decoded.data.invoiceId), {
            due_date: decoded.data.dueDate,
            status: 'issued',
            overdue_as_of: null,
          }),
        ];
      case 'CreditNoteIssued': {
        const { invoiceId, totals } = decoded.data;
        return [
          increment(rmReceivables, key(invoiceId), {
            credited_paise: totals.payablePaise,
            outstanding_paise: -totals.payablePaise,
          }),
        ];
      }
      case 'DebitNoteIssued': {
        const { invoiceId, totals } = decoded.data;
        return [
          increment(rmReceivables, key(invoiceId), {
            debited_paise: totals.payablePaise,
            outstanding_paise: totals.payablePaise,
          }),
        ];
      }
      case 'InvoiceEarlyPaymentDiscountTaken': {
        const { invoiceId, discountPaise } = decoded.data;
        return [
          increment(rmReceivables, key(invoiceId), {
            discount_paise: discountPaise,
            outstanding_paise: -discountPaise,
          }),
        ];
      }
      default:
        return [];
    }
  },
};
