import { statementOf, StatementEntryKind } from '@possier/events';
import { isoDate } from './as-text.js';
import { paiseOf } from './integers.js';
import { readTotals, type ReportQuery } from './report-query.js';

type Invoice = { invoiceId: string; invoiceNumber: string; customerName: string; customerGstin: string };

type Entry = {
  date: string;
  kind: string;
  invoiceId: string;
  documentNumber: string | null;
  debitPaise: string;
  creditPaise: string;
};

/**
 * The customer's invoices in the covered stores (rm_receivables), then their rm_statement_entries:
 * summed before `from` for the opening balance, listed from `from` to `to` in the order they
 * happened (date, when recorded, then their place in the invoice's stream).
 */
export const statementQuery: ReportQuery<'statement'> = async (read, scope, query) => {
  const invoices = await read<Invoice>(
    `SELECT invoice_id::text AS "invoiceId", invoice_number AS "invoiceNumber",
            customer_name AS "customerName", customer_gstin AS "customerGstin"
       FROM rm_receivables
      WHERE store_id = ANY($1::uuid[]) AND customer_id = $2::uuid
      ORDER BY issue_date DESC, invoice_number DESC`,
    [scope.storeIds, query.customerId],
  );
  const numberOf = new Map(invoices.map((invoice) => [invoice.invoiceId, invoice.invoiceNumber]));
  const ofInvoices = [[...numberOf.keys()], scope.storeIds, query.from];
  const before = await readTotals<{ debitPaise: string | null; creditPaise: string | null }>(
    read,
    `SELECT sum(debit_paise)::text AS "debitPaise", sum(credit_paise)::text AS "creditPaise"
       FROM rm_statement_entries
      WHERE invoice_id = ANY($1::uuid[]) AND store_id = ANY($2::uuid[]) AND entry_date < $3::date`,
    ofInvoices,
  );
  const entries = await read<Entry>(
    `SELECT ${isoDate('entry_date')} AS date, kind, invoice_id::text AS "invoiceId",
            document_number AS "documentNumber",
            debit_paise::text AS "debitPaise", credit_paise::text AS "creditPaise"
       FROM rm_statement_entries
      WHERE invoice_id = ANY($1::uuid[]) AND store_id = ANY($2::uuid[])
        AND entry_date BETWEEN $3::date AND $4::date
      ORDER BY entry_date, recorded_at, invoice_id, stream_position`,
    [...ofInvoices, query.to],
  );
  const latest = invoices[0];
  return {
    report: 'statement',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    customerId: query.customerId,
    customerName: latest?.customerName ?? null,
    customerGstin: latest?.customerGstin ?? null,
    ...statementOf(
      paiseOf(before.debitPaise) - paiseOf(before.creditPaise),
      entries.map((entry) => ({
        date: entry.date,
        kind: StatementEntryKind.parse(entry.kind),
        invoiceId: entry.invoiceId,
        invoiceNumber: numberOf.get(entry.invoiceId) ?? '',
        documentNumber: entry.documentNumber,
        debitPaise: paiseOf(entry.debitPaise),
        creditPaise: paiseOf(entry.creditPaise),
      })),
    ),
  };
};
