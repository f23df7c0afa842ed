import type { ReportName } from '@possier/events';
import { conflictsQuery } from './conflicts.query.js';
import { customersQuery } from './customers.query.js';
import { floorQuery } from './floor.query.js';
import { gstQuery } from './gst.query.js';
import { itemsQuery } from './items.query.js';
import { loyaltyQuery } from './loyalty.query.js';
import { paymentsQuery } from './payments.query.js';
import { receivablesQuery } from './receivables.query.js';
import type { ReadModelQuery, ReportQuery, ReportScope } from './report-query.js';
import { salesQuery } from './sales.query.js';
import { shiftsQuery } from './shifts.query.js';
import { statementQuery } from './statement.query.js';
import { stockQuery } from './stock.query.js';

/** Every report of the contract and the query that answers it; a report left out fails to compile. */
export const reportQueries: { [Name in ReportName]: ReportQuery<Name> } = {
  sales: salesQuery,
  items: itemsQuery,
  payments: paymentsQuery,
  gst: gstQuery,
  stock: stockQuery,
  conflicts: conflictsQuery,
  shifts: shiftsQuery,
  receivables: receivablesQuery,
  statement: statementQuery,
  customers: customersQuery,
  loyalty: loyaltyQuery,
  floor: floorQuery,
};

/** Runs report `name` on a query already parsed by that report's own schema. */
export const runReportQuery = (
  name: ReportName,
  read: ReadModelQuery,
  scope: ReportScope,
  query: unknown,
): Promise<unknown> => (reportQueries[name] as ReportQuery<ReportName>)(read, scope, query as never);

export type { ReadModelQuery, ReportQuery, ReportScope } from './report-query.js';
