import { statementOf, StatementEntryKind } from '@possier/events';
import { dateRange, isoDateOf, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

/**
 * The customer's invoices in the covered stores (rm_receivables), then their rm_statement_entries:
 * summed before `from` for the opening balance, listed from `from` to `to` in the order they
 * happened (date, when recorded, then their place in the invoice's stream).
 */
export const statementReport: ReportQuery<'statement'> = async (tx, scope, query) => {
  const invoices = await tx.rmReceivables.findMany({
    where: { storeId: { in: scope.storeIds }, customerId: query.customerId },
    select: { invoiceId: true, invoiceNumber: true, customerName: true, customerGstin: true, issueDate: true },
    orderBy: [{ issueDate: 'desc' }, { invoiceNumber: 'desc' }],
  });
  const numberOf = new Map(invoices.map((invoice) => [invoice.invoiceId, invoice.invoiceNumber]));
  const ofInvoices = { invoiceId: { in: [...numberOf.keys()] }, storeId: { in: scope.storeIds } };
  const before = await tx.rmStatementEntries.aggregate({
    where: { ...ofInvoices, entryDate: { lt: dateRange(query.from, query.to).gte } },
    _sum: { debitPaise: true, creditPaise: true },
  });
  const entries = await tx.rmStatementEntries.findMany({
    where: { ...ofInvoices, entryDate: dateRange(query.from, query.to) },
    orderBy: [{ entryDate: 'asc' }, { recordedAt: 'asc' }, { invoiceId: 'asc' }, { streamPosition: 'asc' }],
  });
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
      paiseOf(before._sum.debitPaise) - paiseOf(before._sum.creditPaise),
      entries.map((entry) => ({
        date: isoDateOf(entry.entryDate),
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
