import { authorize, domainError, scopesOf, type DomainError, type Principal } from '@possier/events';
import type { ReportScope } from '@possier/read-models';
import type { TokenClaims } from '../auth/tokens.js';
import type { LedgerContext } from '../commands/ledger-context.js';

/**
 * The stores a report covers, by the org's tenancy as it is now (a revoked role stops at once):
 *
 * - with `storeId`: that store, if the caller may read reports there; otherwise 403 naming it
 *   (another org's store is unknown in this org, and says only that);
 * - without: every store where the caller may read reports (`scopesOf`), so a store analyst sees
 *   their store and an owner the whole org;
 * - a caller who may read reports in no store of an org that has stores is refused (403), so a
 *   cashier or a register is told why instead of getting an empty report that looks like no
 *   sales. An org with no stores yet answers an empty report to those entitled org-wide.
 */
export const resolveReportScope = async (
  ledger: LedgerContext,
  claims: TokenClaims,
  storeId: string | undefined,
): Promise<ReportScope | DomainError> => {
  if (claims.kind === 'operator')
    return domainError('AUTH.FORBIDDEN', '', 'an operator token may only create organisations');
  const tenancy = await ledger.tenancy(claims.orgId);
  if (tenancy.status !== 'active') return domainError('AUTH.UNKNOWN_ORG', '', `org ${claims.orgId} does not exist`);
  const principal: Principal = claims;
  if (storeId !== undefined) {
    const refused = authorize(principal, 'reports.read', { orgId: claims.orgId, storeId }, tenancy);
    if (refused)
      return domainError(refused.code, 'storeId', `may not read reports of store ${storeId}: ${refused.reason}`);
    return { orgId: claims.orgId, storeIds: [storeId] };
  }
  const storeIds = scopesOf(principal, tenancy, 'reports.read');
  if (storeIds.length === 0) {
    const orgWide = authorize(principal, 'reports.read', { orgId: claims.orgId }, tenancy);
    if (Object.keys(tenancy.stores).length > 0 || orgWide) {
      const who = principal.kind === 'user' ? `user ${principal.userId}` : `register ${principal.registerId}`;
      return domainError('AUTH.FORBIDDEN', '', `${who} may read reports in no store of org ${claims.orgId}`);
    }
  }
  return { orgId: claims.orgId, storeIds };
};
