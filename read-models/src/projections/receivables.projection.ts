import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { increment, update, upsert } from '../row-change.js';
import { rmReceivables } from '../tables.js';

/**
 * One row per B2B invoice: what is owed, paid and outstanding, and whether it is issued, overdue
 * or settled. Overdue is recorded once, when first found past due, and stays until settlement; an
 * aging report counts days from `due_date` itself, so the row needs no daily refresh.
 */
export const receivablesProjection: Projection = {
  name: 'receivables',
  tables: [rmReceivables.name],
  eventTypes: ['InvoiceIssued', 'InvoicePaymentReceived', 'InvoiceSettled', 'InvoiceOverdue'],
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
      default:
        return [];
    }
  },
};
