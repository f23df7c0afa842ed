import type { Scope } from '@possier/events';
import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { update, upsert, type RowChange } from '../row-change.js';
import { rmBrands, rmOrgs, rmRegisters, rmRoleGrants, rmUsers } from '../tables.js';

/** The grant's node as a key: an org-wide grant is keyed by the org itself, so no key column is NULL. */
const scopeKey = (orgId: string, scope: Scope) => {
  switch (scope.level) {
    case 'org':
      return { scope_level: scope.level, scope_id: orgId };
    case 'brand':
      return { scope_level: scope.level, scope_id: scope.brandId };
    case 'store':
      return { scope_level: scope.level, scope_id: scope.storeId };
  }
};

/**
 * The org's tree (brands and registers; stores are the stores projection's), its users and their
 * role grants. Rows are keyed on the envelope's org, the one row-level security checks them
 * against; the tenancy stream is one org's, so it is the org the data names too.
 *
 * A grant's instants, and a deactivation's, are the event's `occurredAt`: those events carry none
 * of their own. A user's or register's status here is for people to read; the ledger refuses a
 * deactivated principal's tokens from the tenancy stream itself, never from this projection.
 */
export const tenancyProjection: Projection = {
  name: 'tenancy',
  tables: [rmOrgs.name, rmBrands.name, rmRegisters.name, rmUsers.name, rmRoleGrants.name],
  eventTypes: [
    'OrganizationCreated',
    'BrandCreated',
    'RegisterCreated',
    'UserAdded',
    'RoleGranted',
    'RoleRevoked',
    'UserDeactivated',
    'UserReactivated',
    'RegisterDeactivated',
    'RegisterReactivated',
  ],
  project: (event): RowChange[] => {
    const decoded = decode(event);
    const org_id = event.orgId;
    switch (decoded?.type) {
      case 'OrganizationCreated':
        return [upsert(rmOrgs, { org_id }, { name: decoded.data.name })];
      case 'BrandCreated':
        return [upsert(rmBrands, { org_id, brand_id: decoded.data.brandId }, { name: decoded.data.name })];
      case 'RegisterCreated': {
        const { registerId, storeId, name } = decoded.data;
        return [upsert(rmRegisters, { org_id, register_id: registerId }, { store_id: storeId, name })];
      }
      case 'UserAdded': {
        const { userId, name, email } = decoded.data;
        return [upsert(rmUsers, { org_id, user_id: userId }, { name, email })];
      }
      case 'RoleGranted': {
        const { userId, role, scope } = decoded.data;
        const key = { org_id, user_id: userId, role, ...scopeKey(org_id, scope) };
        return [upsert(rmRoleGrants, key, { granted_at: event.occurredAt, revoked_at: null })];
      }
      case 'RoleRevoked': {
        const { userId, role, scope } = decoded.data;
        const key = { org_id, user_id: userId, role, ...scopeKey(org_id, scope) };
        return [update(rmRoleGrants, key, { revoked_at: event.occurredAt })];
      }
      case 'UserDeactivated':
        return [
          update(
            rmUsers,
            { org_id, user_id: decoded.data.userId },
            { status: 'deactivated', deactivated_at: event.occurredAt },
          ),
        ];
      case 'UserReactivated':
        return [update(rmUsers, { org_id, user_id: decoded.data.userId }, { status: 'active', deactivated_at: null })];
      case 'RegisterDeactivated':
        return [
          update(
            rmRegisters,
            { org_id, register_id: decoded.data.registerId },
            { status: 'deactivated', deactivated_at: event.occurredAt },
          ),
        ];
      case 'RegisterReactivated':
        return [
          update(
            rmRegisters,
            { org_id, register_id: decoded.data.registerId },
            { status: 'active', deactivated_at: null },
          ),
        ];
      default:
        return [];
    }
  },
};
