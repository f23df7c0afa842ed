import type { ReportName } from '@possier/events';
import { customersReport } from './customers.query.js';
import { gstReport } from './gst.query.js';
import { itemsReport } from './items.query.js';
import { loyaltyReport } from './loyalty.query.js';
import { paymentsReport } from './payments.query.js';
import { receivablesReport } from './receivables.query.js';
import type { ReportQuery } from './report-query.js';
import type { ReportScope } from './report-scope.js';
import { salesReport } from './sales.query.js';
import { shiftsReport } from './shifts.query.js';
import { statementReport } from './statement.query.js';
import { stockReport } from './stock.query.js';
import type { ReadTransaction } from './tenant-read.js';

/** Every report of the contract and the query that answers it; a report left out fails to compile. */
export const reportQueries: { [Name in ReportName]: ReportQuery<Name> } = {
  sales: salesReport,
  items: itemsReport,
  payments: paymentsReport,
  gst: gstReport,
  stock: stockReport,
  shifts: shiftsReport,
  receivables: receivablesReport,
  statement: statementReport,
  customers: customersReport,
  loyalty: loyaltyReport,
};

/** Runs report `name` on a query already parsed by that report's own schema. */
export const runReport = (
  name: ReportName,
  tx: ReadTransaction,
  scope: ReportScope,
  query: unknown,
): Promise<unknown> => (reportQueries[name] as ReportQuery<ReportName>)(tx, scope, query as never);

export * from './report-scope.js';
export * from './tenant-read.js';
