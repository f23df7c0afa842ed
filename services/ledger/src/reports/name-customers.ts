import type { CustomersReport } from '@possier/events';
import type { LedgerContext } from '../commands/ledger-context.js';
import { customerState, customerViews, ERASED_NAME } from '../customers/customer-directory.js';

/**
 * Puts each row's customer name in, decrypted now from the customer's stream and key: the read
 * model keeps ids only, so an erased customer reads as "erased customer" and nothing of theirs
 * survives in a projection. One stream read per row shown (at most the report's `limit`).
 */
export const nameCustomers = async (ledger: LedgerContext, report: CustomersReport): Promise<CustomersReport> => {
  const states = await Promise.all(report.rows.map((row) => customerState(ledger.store, report.orgId, row.customerId)));
  const known = states.flatMap((state) => (state.status === 'none' ? [] : [state]));
  const views = await customerViews(ledger.customerKeys, report.orgId, known);
  const names = new Map(views.map((view) => [view.customerId, view.name]));
  return { ...report, rows: report.rows.map((row) => ({ ...row, name: names.get(row.customerId) ?? ERASED_NAME })) };
};
