import {
  authorize,
  DEFAULT_TIME_ZONE,
  domainError,
  DomainError,
  orderStreamId,
  type AuditRecord,
  type Principal,
} from '@possier/events';
import type { TokenClaims } from '../auth/tokens.js';
import type { LedgerContext } from '../commands/ledger-context.js';
import type { AuditContext } from './audit-context.js';

/** One store of the caller's org the caller may audit, with the zone its local times are in. */
export type AuditScope = { orgId: string; storeId: string; timeZone: string; registerId?: string };

/**
 * Checks the caller may read the audit trail (`audit.read`: accountants and owners) of a store,
 * or of one register of it, by the org's tenancy as it is now. The org is always the caller's:
 * another org's store or register is simply unknown here, and the refusal says no more than that.
 */
export const resolveAuditScope = async (
  ledger: LedgerContext,
  claims: TokenClaims,
  target: { storeId?: string; registerId?: string },
): Promise<AuditScope | DomainError> => {
  if (claims.kind === 'operator')
    return domainError('AUTH.FORBIDDEN', '', 'an operator token may only create organisations');
  const tenancy = await ledger.tenancy(claims.orgId);
  if (tenancy.status !== 'active') return domainError('AUTH.UNKNOWN_ORG', '', `org ${claims.orgId} does not exist`);
  const principal: Principal = claims;
  const refused = authorize(principal, 'audit.read', { orgId: claims.orgId, ...target }, tenancy);
  if (refused) return refused;
  const storeId = target.storeId ?? tenancy.registers[target.registerId as string]?.storeId;
  if (storeId === undefined) return domainError('AUTH.UNKNOWN_STORE', 'storeId', 'names no store');
  return {
    orgId: claims.orgId,
    storeId,
    timeZone: tenancy.stores[storeId]?.timeZone ?? DEFAULT_TIME_ZONE,
    ...(target.registerId === undefined ? {} : { registerId: target.registerId }),
  };
};

/**
 * An order's stored events, if the caller may audit the store it was sold in. An order of
 * another org, or none, is "not found" alike: whether it exists elsewhere is not the caller's to know.
 */
export const auditOrder = async (
  ledger: LedgerContext,
  audit: AuditContext,
  claims: TokenClaims,
  orderId: string,
): Promise<{ scope: AuditScope; records: AuditRecord[] } | DomainError> => {
  if (claims.kind === 'operator')
    return domainError('AUTH.FORBIDDEN', '', 'an operator token may only create organisations');
  const records = await audit.log.stream(claims.orgId, orderStreamId(orderId));
  const storeId = records.find((record) => record.storeId !== null)?.storeId;
  if (!storeId) return domainError('AUDIT.ORDER_NOT_FOUND', 'orderId', `your org has no order ${orderId}`);
  const scope = await resolveAuditScope(ledger, claims, { storeId });
  if (scope instanceof DomainError) return scope;
  return { scope, records };
};
