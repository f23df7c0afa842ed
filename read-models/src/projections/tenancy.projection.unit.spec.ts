import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmBrands, rmOrgs, rmRegisters, rmRoleGrants, rmUsers } from '../tables.js';
import { fold } from '../testing/fold.js';
import { BRAND, CASHIER, MANAGER, ORG, OWNER, REGISTER, STORE } from '../testing/fixtures.js';
import type { TestLedger } from '../testing/ledger.js';
import { SET_UP, openedOrg } from '../testing/org-setup.js';
import { tenancyProjection } from './tenancy.projection.js';

const STORE_SCOPE = { level: 'store', storeId: STORE } as const;

const tenancy = (ledger: TestLedger, type: string, data: Record<string, unknown>, at: string) =>
  ledger.tenancy({ type, data: { orgId: ORG, ...data } }, at);

const grants = (ledger: TestLedger) => rowsOf(fold([tenancyProjection], ledger.events), rmRoleGrants);

const ownerGrant = {
  org_id: ORG,
  user_id: OWNER,
  role: 'owner',
  scope_level: 'org',
  scope_id: ORG,
  granted_at: SET_UP,
  revoked_at: null,
};
const cashierAtBandra = {
  org_id: ORG,
  user_id: CASHIER,
  role: 'cashier',
  scope_level: 'store',
  scope_id: STORE,
  granted_at: SET_UP,
  revoked_at: null,
};

const active = { status: 'active', deactivated_at: null };

describe('tenancy projection', () => {
  describe('given an org set up with a brand, a store, a till and a cashier', () => {
    const tables = fold([tenancyProjection], openedOrg().events);

    it('records the org, its brand, its till and its users', () => {
      expect(rowsOf(tables, rmOrgs)).toEqual([{ org_id: ORG, name: 'Spice Route Hospitality' }]);
      expect(rowsOf(tables, rmBrands)).toEqual([{ org_id: ORG, brand_id: BRAND, name: 'Pizza Lane' }]);
      expect(rowsOf(tables, rmRegisters)).toEqual([
        { org_id: ORG, register_id: REGISTER, store_id: STORE, name: 'Till 1', ...active },
      ]);
      expect(rowsOf(tables, rmUsers)).toEqual([
        { org_id: ORG, user_id: CASHIER, name: 'Ravi Kumar', email: 'ravi@example.in', ...active },
        { org_id: ORG, user_id: OWNER, name: 'Asha Rao', email: 'asha@example.in', ...active },
      ]);
    });

    it('keys an org-wide grant by the org itself and a store grant by the store', () => {
      expect(rowsOf(tables, rmRoleGrants)).toEqual([cashierAtBandra, ownerGrant]);
    });
  });

  describe('given a user and a register deactivated', () => {
    const DEACTIVATED = '2026-11-20T18:00:00+05:30';
    const REACTIVATED = '2026-11-21T09:00:00+05:30';
    const reason = 'till left unattended overnight';

    const deactivated = () => {
      const ledger = openedOrg();
      ledger.tenancy(
        { type: 'DeactivateUser', data: { orgId: ORG, userId: CASHIER, reason }, context: { actorId: OWNER } },
        DEACTIVATED,
      );
      tenancy(ledger, 'DeactivateRegister', { registerId: REGISTER, reason }, DEACTIVATED);
      return ledger;
    };
    const statusOf = (ledger: TestLedger) => {
      const tables = fold([tenancyProjection], ledger.events);
      return {
        cashier: rowsOf(tables, rmUsers).find((row) => row.user_id === CASHIER),
        till: rowsOf(tables, rmRegisters)[0],
      };
    };

    it('shows them deactivated, since when, and keeps their rows', () => {
      const { cashier, till } = statusOf(deactivated());
      expect(cashier).toMatchObject({ status: 'deactivated', deactivated_at: DEACTIVATED, name: 'Ravi Kumar' });
      expect(till).toMatchObject({ status: 'deactivated', deactivated_at: DEACTIVATED, name: 'Till 1' });
    });

    it('shows them active again once reactivated', () => {
      const ledger = deactivated();
      tenancy(ledger, 'ReactivateUser', { userId: CASHIER, reason }, REACTIVATED);
      tenancy(ledger, 'ReactivateRegister', { registerId: REGISTER, reason }, REACTIVATED);
      const { cashier, till } = statusOf(ledger);
      expect(cashier).toMatchObject(active);
      expect(till).toMatchObject(active);
    });
  });

  describe('given a grant revoked', () => {
    const REVOKED = '2026-11-20T18:00:00+05:30';
    const REGRANTED = '2026-12-01T09:00:00+05:30';

    const revoked = () => {
      const ledger = openedOrg();
      tenancy(ledger, 'RevokeRole', { userId: CASHIER, role: 'cashier', scope: STORE_SCOPE }, REVOKED);
      return ledger;
    };

    it('keeps the row, stamped with when it was revoked', () => {
      expect(grants(revoked())).toEqual([{ ...cashierAtBandra, revoked_at: REVOKED }, ownerGrant]);
    });

    it('a re-grant clears the revocation and dates the grant anew', () => {
      const ledger = revoked();
      tenancy(ledger, 'GrantRole', { userId: CASHIER, role: 'cashier', scope: STORE_SCOPE }, REGRANTED);
      expect(grants(ledger)).toEqual([{ ...cashierAtBandra, granted_at: REGRANTED }, ownerGrant]);
    });
  });

  describe('given one role granted at two levels', () => {
    it('revoking the wider grant leaves the narrower one in force', () => {
      const ledger = openedOrg();
      const LATER = '2026-11-10T10:00:00+05:30';
      const REVOKED = '2026-11-11T10:00:00+05:30';
      tenancy(ledger, 'GrantRole', { userId: CASHIER, role: 'cashier', scope: { level: 'org' } }, LATER);
      tenancy(
        ledger,
        'GrantRole',
        { userId: CASHIER, role: 'analyst', scope: { level: 'brand', brandId: BRAND } },
        LATER,
      );
      tenancy(ledger, 'RevokeRole', { userId: CASHIER, role: 'cashier', scope: { level: 'org' } }, REVOKED);
      expect(grants(ledger)).toEqual([
        {
          org_id: ORG,
          user_id: CASHIER,
          role: 'analyst',
          scope_level: 'brand',
          scope_id: BRAND,
          granted_at: LATER,
          revoked_at: null,
        },
        { ...cashierAtBandra, scope_level: 'org', scope_id: ORG, granted_at: LATER, revoked_at: REVOKED },
        cashierAtBandra,
        ownerGrant,
      ]);
    });
  });

  describe('given a second owner added and the first stepping down', () => {
    it('the org keeps an owner in force and the former owner’s grant is revoked', () => {
      const ledger = openedOrg();
      const HANDOVER = '2026-11-15T10:00:00+05:30';
      tenancy(ledger, 'AddUser', { userId: MANAGER, name: 'Meera Iyer', email: 'meera@example.in' }, HANDOVER);
      tenancy(ledger, 'GrantRole', { userId: MANAGER, role: 'owner', scope: { level: 'org' } }, HANDOVER);
      tenancy(ledger, 'RevokeRole', { userId: OWNER, role: 'owner', scope: { level: 'org' } }, HANDOVER);
      expect(grants(ledger).filter((grant) => grant.role === 'owner')).toEqual([
        { ...ownerGrant, user_id: MANAGER, granted_at: HANDOVER },
        { ...ownerGrant, revoked_at: HANDOVER },
      ]);
    });
  });
});
