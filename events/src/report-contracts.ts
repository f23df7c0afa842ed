/**
 * What a client of the reports API needs, and nothing of the domain: the reports' contracts, the
 * error body and the rupee formatting (`@possier/events/report-contracts`). The `possier report`
 * command loads this instead of the whole package, so it starts in a fraction of the time.
 */
export * from './reports/index.js';
export { ErrorBody, ErrorDetail } from './error-body.js';
export { formatRupees, type Paise } from './money.js';
export { ReportScopeView } from './scope.contract.js';
