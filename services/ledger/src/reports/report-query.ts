import type { ReportName, ReportOf, ReportQueryOf } from '@possier/events';
import type { ReportScope } from './report-scope.js';
import type { ReadTransaction } from './tenant-read.js';

/**
 * One report over the read models: given a tenant transaction (row-level security set to the
 * scope's org) and the stores it covers, the parsed query → the report as the contract shapes it.
 */
export type ReportQuery<Name extends ReportName> = (
  tx: ReadTransaction,
  scope: ReportScope,
  query: ReportQueryOf<Name>,
) => Promise<ReportOf<Name>>;
