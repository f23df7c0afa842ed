import { ageReceivables } from '@possier/events';
import { dateRange, isoDateOf, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

/**
 * Unsettled rm_receivables of the covered stores issued in the period (and by `asOf`), aged by
 * the contract's `ageReceivables` as of `asOf`, the period's end unless given.
 */
export const receivablesReport: ReportQuery<'receivables'> = async (tx, scope, query) => {
  const asOf = query.asOf ?? query.to;
  const invoices = await tx.rmReceivables.findMany({
    where: {
      storeId: { in: scope.storeIds },
      issueDate: dateRange(query.from, asOf < query.to ? asOf : query.to),
      status: { in: ['issued', 'overdue'] },
      outstandingPaise: { gt: 0 },
    },
  });
  const aged = ageReceivables(
    invoices.map((invoice) => ({
      invoiceId: invoice.invoiceId,
      storeId: invoice.storeId,
      invoiceNumber: invoice.invoiceNumber,
      customerId: invoice.customerId,
      customerName: invoice.customerName,
      customerGstin: invoice.customerGstin,
      issueDate: isoDateOf(invoice.issueDate),
      dueDate: isoDateOf(invoice.dueDate),
      status: invoice.status === 'overdue' ? 'overdue' : 'issued',
      payablePaise: paiseOf(invoice.payablePaise),
      creditedPaise: paiseOf(invoice.creditedPaise),
      debitedPaise: paiseOf(invoice.debitedPaise),
      discountPaise: paiseOf(invoice.discountPaise),
      paidPaise: paiseOf(invoice.paidPaise),
      outstandingPaise: paiseOf(invoice.outstandingPaise),
    })),
    asOf,
  );
  return {
    report: 'receivables',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    asOf,
    ...aged,
  };
};
