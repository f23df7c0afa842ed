import { ageReceivables } from '@possier/events';
import { isoDate } from './as-text.js';
import { paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

type Receivable = {
  invoiceId: string;
  storeId: string;
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  customerGstin: string;
  issueDate: string;
  dueDate: string;
  status: string;
  payablePaise: string;
  creditedPaise: string;
  debitedPaise: string;
  discountPaise: string;
  paidPaise: string;
  outstandingPaise: string;
};

/**
 * Unsettled rm_receivables of the covered stores issued in the period (and by `asOf`), aged by
 * the contract's `ageReceivables` as of `asOf`, the period's end unless given.
 */
export const receivablesQuery: ReportQuery<'receivables'> = async (read, scope, query) => {
  const asOf = query.asOf ?? query.to;
  const invoices = await read<Receivable>(
    `SELECT invoice_id::text            AS "invoiceId",
            store_id::text              AS "storeId",
            invoice_number              AS "invoiceNumber",
            customer_id::text           AS "customerId",
            customer_name               AS "customerName",
            customer_gstin              AS "customerGstin",
            ${isoDate('issue_date')}    AS "issueDate",
            ${isoDate('due_date')}      AS "dueDate",
            status,
            payable_paise::text         AS "payablePaise",
            credited_paise::text        AS "creditedPaise",
            debited_paise::text         AS "debitedPaise",
            discount_paise::text        AS "discountPaise",
            paid_paise::text            AS "paidPaise",
            outstanding_paise::text     AS "outstandingPaise"
       FROM rm_receivables
      WHERE store_id = ANY($1::uuid[])
        AND issue_date BETWEEN $2::date AND $3::date
        AND status IN ('issued', 'overdue')
        AND outstanding_paise > 0`,
    [scope.storeIds, query.from, asOf < query.to ? asOf : query.to],
  );
  const aged = ageReceivables(
    invoices.map((invoice) => ({
      ...invoice,
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
