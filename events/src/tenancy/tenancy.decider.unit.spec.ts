import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider.js';
import { gstinCheckCharacter } from '../gst.js';
import { spec } from '../testing/decider-spec.js';
import { BRAND, CASHIER, ORG, OTHER_STORE, REGISTER, STORE, id } from '../testing/fixtures.js';
import type { Scope } from './grant.js';
import type { TenancyCommand } from './tenancy.commands.js';
import { tenancyDecider, tenancyStreamId } from './tenancy.decider.js';
import { StoreCreated, tenancyEventDefinitions, type TenancyEvent } from './tenancy.events.js';

const OTHER_ORG = id(0x0d);
const OTHER_BRAND = id(0x0e);
const OTHER_REGISTER = id(0x7f);
const OWNER = id(0xc1);
const MANAGER = id(0xcb);

const MAHARASHTRA_GSTIN = '27AAPFU0939F1ZV';
const KARNATAKA_GSTIN = `29AAPFU0939F1Z${gstinCheckCharacter('29AAPFU0939F1Z')}`;

const createOrganization: TenancyCommand = {
  type: 'CreateOrganization',
  data: {
    orgId: ORG,
    name: 'Slice Hospitality',
    ownerUserId: OWNER,
    ownerName: 'Meera Rao',
    ownerEmail: 'meera@slice.in',
  },
};
const orgCreated: TenancyEvent[] = [
  { type: 'OrganizationCreated', data: { orgId: ORG, name: 'Slice Hospitality' } },
  { type: 'UserAdded', data: { orgId: ORG, userId: OWNER, name: 'Meera Rao', email: 'meera@slice.in' } },
  { type: 'RoleGranted', data: { orgId: ORG, userId: OWNER, role: 'owner', scope: { level: 'org' } } },
];

const createBrand = (brandId = BRAND, orgId = ORG): TenancyCommand => ({
  type: 'CreateBrand',
  data: { orgId, brandId, name: 'Pizza Piazza' },
});
const brandCreated: TenancyEvent = { type: 'BrandCreated', data: { orgId: ORG, brandId: BRAND, name: 'Pizza Piazza' } };

const storeData = {
  orgId: ORG,
  storeId: STORE,
  brandId: BRAND,
  name: 'Bandra West',
  timeZone: 'Asia/Kolkata',
  stateCode: '27',
  gstin: MAHARASHTRA_GSTIN,
};
const createStore = (overrides: Partial<typeof storeData> = {}): TenancyCommand => ({
  type: 'CreateStore',
  data: { ...storeData, ...overrides },
});
const storeCreated: TenancyEvent = { type: 'StoreCreated', data: storeData };

const createRegister = (registerId = REGISTER, storeId = STORE): TenancyCommand => ({
  type: 'CreateRegister',
  data: { orgId: ORG, registerId, storeId, name: 'Front till' },
});
const registerCreated: TenancyEvent = {
  type: 'RegisterCreated',
  data: { orgId: ORG, registerId: REGISTER, storeId: STORE, name: 'Front till' },
};

const addUser = (userId: string, email: string): TenancyCommand => ({
  type: 'AddUser',
  data: { orgId: ORG, userId, name: 'Ravi Kumar', email },
});
const userAdded = (userId: string, email: string): TenancyEvent => ({
  type: 'UserAdded',
  data: { orgId: ORG, userId, name: 'Ravi Kumar', email },
});

type RoleName = 'owner' | 'brand_manager' | 'store_manager' | 'cashier' | 'accountant' | 'analyst';
const grantRole = (userId: string, role: RoleName, scope: Scope): TenancyCommand => ({
  type: 'GrantRole',
  data: { orgId: ORG, userId, role, scope },
});
const roleGranted = (userId: string, role: RoleName, scope: Scope): TenancyEvent => ({
  type: 'RoleGranted',
  data: { orgId: ORG, userId, role, scope },
});
const revokeRole = (userId: string, role: RoleName, scope: Scope): TenancyCommand => ({
  type: 'RevokeRole',
  data: { orgId: ORG, userId, role, scope },
});
const roleRevoked = (userId: string, role: RoleName, scope: Scope): TenancyEvent => ({
  type: 'RoleRevoked',
  data: { orgId: ORG, userId, role, scope },
});

const LOST = 'till stolen from the counter';
const FOUND = 'till recovered and wiped';

const deactivateUser = (userId: string, actorId = OWNER, reason = 'left the company'): TenancyCommand => ({
  type: 'DeactivateUser',
  data: { orgId: ORG, userId, reason },
  context: { actorId },
});
const userDeactivated = (userId: string, reason = 'left the company'): TenancyEvent => ({
  type: 'UserDeactivated',
  data: { orgId: ORG, userId, reason },
});
const reactivateUser = (userId: string, reason = 'deactivated by mistake'): TenancyCommand => ({
  type: 'ReactivateUser',
  data: { orgId: ORG, userId, reason },
});
const userReactivated = (userId: string, reason = 'deactivated by mistake'): TenancyEvent => ({
  type: 'UserReactivated',
  data: { orgId: ORG, userId, reason },
});
const deactivateRegister = (registerId = REGISTER): TenancyCommand => ({
  type: 'DeactivateRegister',
  data: { orgId: ORG, registerId, reason: LOST },
});
const registerDeactivated = (): TenancyEvent => ({
  type: 'RegisterDeactivated',
  data: { orgId: ORG, registerId: REGISTER, reason: LOST },
});
const reactivateRegister = (registerId = REGISTER): TenancyCommand => ({
  type: 'ReactivateRegister',
  data: { orgId: ORG, registerId, reason: FOUND },
});
const registerReactivated = (): TenancyEvent => ({
  type: 'RegisterReactivated',
  data: { orgId: ORG, registerId: REGISTER, reason: FOUND },
});

const ISSUED = { issuedBy: OWNER, issuedAt: '2026-11-24T07:30:00.000Z', expiresAt: '2026-12-24T07:30:00.000Z' };
const issueToken = (subject: { kind: 'register'; registerId: string } | { kind: 'user'; userId: string }) =>
  ({ type: 'IssueToken', data: { orgId: ORG, subject }, context: ISSUED }) satisfies TenancyCommand;
const tokenIssued = (
  subject: { kind: 'register'; registerId: string } | { kind: 'user'; userId: string },
): TenancyEvent => ({ type: 'TokenIssued', data: { orgId: ORG, subject, ...ISSUED } });

const ORG_SCOPE: Scope = { level: 'org' };
const BRAND_SCOPE: Scope = { level: 'brand', brandId: BRAND };
const STORE_SCOPE: Scope = { level: 'store', storeId: STORE };

const tree = [...orgCreated, brandCreated, storeCreated, registerCreated];
const staffed = [...tree, userAdded(CASHIER, 'ravi@slice.in'), userAdded(MANAGER, 'anita@slice.in')];

describe('tenancy stream id', () => {
  it('is one stream per org, under the tenancy category', () => {
    expect(tenancyStreamId(ORG)).toBe(`tenancy-${ORG}`);
  });
});

describe('org that was never created', () => {
  const given = spec(tenancyDecider).given([]);

  it('is created together with its owner, so it never exists without someone who can run it', () => {
    given.when(createOrganization).then(orgCreated);
  });

  it('refuses every other command', () => {
    const commands: TenancyCommand[] = [
      createBrand(),
      createStore(),
      createRegister(),
      addUser(CASHIER, 'ravi@slice.in'),
      grantRole(OWNER, 'owner', ORG_SCOPE),
      revokeRole(OWNER, 'owner', ORG_SCOPE),
    ];
    for (const command of commands) given.when(command).thenFails('TENANCY.ORG_NOT_FOUND', 'data.orgId');
  });

  it('refuses a malformed creation, naming the field', () => {
    given
      .when({
        ...createOrganization,
        data: { ...createOrganization.data, ownerEmail: 'meera at slice' },
      } as TenancyCommand)
      .thenFails('VALIDATION.INVALID', 'data.ownerEmail');
    given
      .when({ ...createOrganization, data: { ...createOrganization.data, name: '   ' } } as TenancyCommand)
      .thenFails('VALIDATION.INVALID', 'data.name');
    given
      .when({ ...createOrganization, data: { ...createOrganization.data, orgId: 'org-1' } } as TenancyCommand)
      .thenFails('VALIDATION.INVALID', 'data.orgId');
  });

  it('refuses a command it does not know', () => {
    given.when({ type: 'DeleteOrganization', data: { orgId: ORG } } as never).thenFails('VALIDATION.INVALID', 'type');
  });
});

describe('org that exists', () => {
  const given = spec(tenancyDecider).given(orgCreated);

  it('refuses to be created again', () => {
    given.when(createOrganization).thenFails('TENANCY.ORG_EXISTS', 'data.orgId');
  });

  it('refuses a command for another org than the stream holds', () => {
    given.when(createBrand(BRAND, OTHER_ORG)).thenFails('TENANCY.WRONG_STREAM', 'data.orgId');
  });

  it('creates a brand', () => {
    given.when(createBrand()).then([brandCreated]);
  });

  it('refuses a brand id that already exists', () => {
    spec(tenancyDecider)
      .given([...orgCreated, brandCreated])
      .when(createBrand())
      .thenFails('TENANCY.BRAND_EXISTS', 'data.brandId');
  });

  it('refuses a store in a brand the org does not have', () => {
    given.when(createStore()).thenFails('TENANCY.BRAND_NOT_FOUND', 'data.brandId');
  });
});

describe('org with a brand', () => {
  const given = spec(tenancyDecider).given([...orgCreated, brandCreated]);

  it('creates a store with its time zone, GST state and GSTIN', () => {
    given.when(createStore()).then([storeCreated]);
  });

  it('creates a store without a GSTIN (not yet registered)', () => {
    const { gstin: _omitted, ...withoutGstin } = storeData;
    given.when({ type: 'CreateStore', data: withoutGstin }).then([{ type: 'StoreCreated', data: withoutGstin }]);
  });

  it('refuses a GSTIN registered in another state than the store supplies from', () => {
    given.when(createStore({ gstin: KARNATAKA_GSTIN })).thenFails('TENANCY.GSTIN_STATE_MISMATCH', 'data.gstin');
  });

  it('accepts a GSTIN of the store state, whichever state that is', () => {
    given
      .when(createStore({ stateCode: '29', gstin: KARNATAKA_GSTIN }))
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { stateCode: '29', gstin: KARNATAKA_GSTIN } }));
  });

  it('refuses a malformed GSTIN, state code or time zone, naming the field', () => {
    given.when(createStore({ gstin: '27AAPFU0939F1ZW' })).thenFails('VALIDATION.INVALID', 'data.gstin');
    given.when(createStore({ stateCode: '42' })).thenFails('VALIDATION.INVALID', 'data.stateCode');
    given.when(createStore({ timeZone: 'IST' })).thenFails('VALIDATION.INVALID', 'data.timeZone');
    given.when(createStore({ timeZone: 'Asia/Atlantis' })).thenFails('VALIDATION.INVALID', 'data.timeZone');
  });

  it('refuses a store id that already exists', () => {
    spec(tenancyDecider)
      .given([...orgCreated, brandCreated, storeCreated])
      .when(createStore({ name: 'Bandra again' }))
      .thenFails('TENANCY.STORE_EXISTS', 'data.storeId');
  });

  it('refuses a register in a store the org does not have', () => {
    given.when(createRegister()).thenFails('TENANCY.STORE_NOT_FOUND', 'data.storeId');
  });
});

describe('org with a store', () => {
  const given = spec(tenancyDecider).given([...orgCreated, brandCreated, storeCreated]);

  it('creates a register in the store', () => {
    given.when(createRegister()).then([registerCreated]);
  });

  it('refuses a register id that already exists', () => {
    spec(tenancyDecider)
      .given(tree)
      .when(createRegister(REGISTER, STORE))
      .thenFails('TENANCY.REGISTER_EXISTS', 'data.registerId');
  });
});

describe('org users', () => {
  const given = spec(tenancyDecider).given(staffed);

  it('adds a user', () => {
    spec(tenancyDecider)
      .given(tree)
      .when(addUser(CASHIER, 'ravi@slice.in'))
      .then([userAdded(CASHIER, 'ravi@slice.in')]);
  });

  it('refuses a user id that already exists', () => {
    given.when(addUser(CASHIER, 'ravi.k@slice.in')).thenFails('TENANCY.USER_EXISTS', 'data.userId');
  });

  it('refuses an email another user of the org signs in with, whatever its case', () => {
    given.when(addUser(id(0xcc), 'ravi@slice.in')).thenFails('TENANCY.EMAIL_TAKEN', 'data.email');
    given.when(addUser(id(0xcc), 'Ravi@Slice.IN')).thenFails('TENANCY.EMAIL_TAKEN', 'data.email');
    given.when(addUser(id(0xcc), 'MEERA@slice.in')).thenFails('TENANCY.EMAIL_TAKEN', 'data.email');
  });

  it('refuses a malformed email', () => {
    given.when(addUser(id(0xcc), 'ravi@')).thenFails('VALIDATION.INVALID', 'data.email');
  });
});

describe('granting roles', () => {
  const given = spec(tenancyDecider).given(staffed);

  it('grants a role at org, brand or store level', () => {
    given.when(grantRole(CASHIER, 'cashier', STORE_SCOPE)).then([roleGranted(CASHIER, 'cashier', STORE_SCOPE)]);
    given.when(grantRole(CASHIER, 'cashier', BRAND_SCOPE)).then([roleGranted(CASHIER, 'cashier', BRAND_SCOPE)]);
    given.when(grantRole(CASHIER, 'cashier', ORG_SCOPE)).then([roleGranted(CASHIER, 'cashier', ORG_SCOPE)]);
    given.when(grantRole(MANAGER, 'owner', ORG_SCOPE)).then([roleGranted(MANAGER, 'owner', ORG_SCOPE)]);
    given
      .when(grantRole(MANAGER, 'brand_manager', BRAND_SCOPE))
      .then([roleGranted(MANAGER, 'brand_manager', BRAND_SCOPE)]);
    given.when(grantRole(MANAGER, 'accountant', STORE_SCOPE)).then([roleGranted(MANAGER, 'accountant', STORE_SCOPE)]);
    given.when(grantRole(MANAGER, 'analyst', BRAND_SCOPE)).then([roleGranted(MANAGER, 'analyst', BRAND_SCOPE)]);
  });

  it('refuses a grant to a user the org does not have', () => {
    given.when(grantRole(id(0xcc), 'cashier', STORE_SCOPE)).thenFails('TENANCY.USER_NOT_FOUND', 'data.userId');
  });

  it('grants owner only over the whole org', () => {
    given
      .when(grantRole(MANAGER, 'owner', BRAND_SCOPE))
      .thenFails('TENANCY.ROLE_SCOPE_NOT_ALLOWED', 'data.scope.level');
    given
      .when(grantRole(MANAGER, 'owner', STORE_SCOPE))
      .thenFails('TENANCY.ROLE_SCOPE_NOT_ALLOWED', 'data.scope.level');
  });

  it('grants brand manager over a brand or the org, never one store', () => {
    given.when(grantRole(MANAGER, 'brand_manager', ORG_SCOPE)).then([roleGranted(MANAGER, 'brand_manager', ORG_SCOPE)]);
    given
      .when(grantRole(MANAGER, 'brand_manager', STORE_SCOPE))
      .thenFails('TENANCY.ROLE_SCOPE_NOT_ALLOWED', 'data.scope.level');
  });

  it('refuses a grant over a brand or store the org does not have', () => {
    given
      .when(grantRole(MANAGER, 'brand_manager', { level: 'brand', brandId: OTHER_BRAND }))
      .thenFails('TENANCY.BRAND_NOT_FOUND', 'data.scope.brandId');
    given
      .when(grantRole(CASHIER, 'cashier', { level: 'store', storeId: OTHER_STORE }))
      .thenFails('TENANCY.STORE_NOT_FOUND', 'data.scope.storeId');
  });

  it('refuses an unknown role or scope level, naming the field', () => {
    given.when(grantRole(CASHIER, 'waiter' as RoleName, STORE_SCOPE)).thenFails('VALIDATION.INVALID', 'data.role');
    given
      .when(grantRole(CASHIER, 'cashier', { level: 'register', registerId: REGISTER } as unknown as Scope))
      .thenFails('VALIDATION.INVALID', 'data.scope.level');
  });

  it('treats an identical grant as a no-op', () => {
    spec(tenancyDecider)
      .given([...staffed, roleGranted(CASHIER, 'cashier', STORE_SCOPE)])
      .when(grantRole(CASHIER, 'cashier', STORE_SCOPE))
      .then([]);
    given.when(grantRole(OWNER, 'owner', ORG_SCOPE)).then([]);
    spec(tenancyDecider)
      .given([...staffed, roleGranted(MANAGER, 'brand_manager', BRAND_SCOPE)])
      .when(grantRole(MANAGER, 'brand_manager', BRAND_SCOPE))
      .then([]);
  });

  it('treats ids an org-level scope does not take as absent, so the grant is still identical', () => {
    given.when(grantRole(OWNER, 'owner', { level: 'org', storeId: STORE } as Scope)).then([]);
  });

  it('records a narrower grant beside a wider one of the same role, so revoking the wider keeps it', () => {
    const history = [
      ...staffed,
      roleGranted(CASHIER, 'cashier', ORG_SCOPE),
      roleGranted(CASHIER, 'cashier', STORE_SCOPE),
    ];
    spec(tenancyDecider)
      .given([...staffed, roleGranted(CASHIER, 'cashier', ORG_SCOPE)])
      .when(grantRole(CASHIER, 'cashier', STORE_SCOPE))
      .then([roleGranted(CASHIER, 'cashier', STORE_SCOPE)]);
    const state = foldEvents(tenancyDecider, [...history, roleRevoked(CASHIER, 'cashier', ORG_SCOPE)]);
    expect(state.status === 'active' && state.grants.filter((grant) => grant.userId === CASHIER)).toEqual([
      { userId: CASHIER, role: 'cashier', scope: STORE_SCOPE },
    ]);
  });
});

describe('revoking roles', () => {
  const history = [...staffed, roleGranted(CASHIER, 'cashier', STORE_SCOPE)];
  const given = spec(tenancyDecider).given(history);

  it('revokes a grant the user holds', () => {
    given.when(revokeRole(CASHIER, 'cashier', STORE_SCOPE)).then([roleRevoked(CASHIER, 'cashier', STORE_SCOPE)]);
  });

  it('refuses to revoke a grant the user does not hold at that scope', () => {
    given.when(revokeRole(CASHIER, 'cashier', BRAND_SCOPE)).thenFails('TENANCY.GRANT_NOT_FOUND', 'data.role');
    given.when(revokeRole(CASHIER, 'store_manager', STORE_SCOPE)).thenFails('TENANCY.GRANT_NOT_FOUND', 'data.role');
    given.when(revokeRole(MANAGER, 'cashier', STORE_SCOPE)).thenFails('TENANCY.GRANT_NOT_FOUND', 'data.role');
    given.when(revokeRole(id(0xcc), 'cashier', STORE_SCOPE)).thenFails('TENANCY.GRANT_NOT_FOUND', 'data.role');
  });

  it('refuses to revoke a grant that was already revoked', () => {
    spec(tenancyDecider)
      .given([...history, roleRevoked(CASHIER, 'cashier', STORE_SCOPE)])
      .when(revokeRole(CASHIER, 'cashier', STORE_SCOPE))
      .thenFails('TENANCY.GRANT_NOT_FOUND', 'data.role');
  });

  it("refuses to revoke the org's last owner", () => {
    given.when(revokeRole(OWNER, 'owner', ORG_SCOPE)).thenFails('TENANCY.LAST_OWNER', 'data.role');
  });

  it('revokes an owner while another owner remains, then keeps the one left', () => {
    const twoOwners = [...history, roleGranted(MANAGER, 'owner', ORG_SCOPE)];
    spec(tenancyDecider)
      .given(twoOwners)
      .when(revokeRole(OWNER, 'owner', ORG_SCOPE))
      .then([roleRevoked(OWNER, 'owner', ORG_SCOPE)]);
    spec(tenancyDecider)
      .given([...twoOwners, roleRevoked(OWNER, 'owner', ORG_SCOPE)])
      .when(revokeRole(MANAGER, 'owner', ORG_SCOPE))
      .thenFails('TENANCY.LAST_OWNER', 'data.role');
  });

  it('grants again what was revoked', () => {
    spec(tenancyDecider)
      .given([...history, roleRevoked(CASHIER, 'cashier', STORE_SCOPE)])
      .when(grantRole(CASHIER, 'cashier', STORE_SCOPE))
      .then([roleGranted(CASHIER, 'cashier', STORE_SCOPE)]);
  });
});

describe('deactivating users', () => {
  const history = [...staffed, roleGranted(CASHIER, 'cashier', STORE_SCOPE)];
  const given = spec(tenancyDecider).given(history);

  it('deactivates a user, with the reason the owner gave', () => {
    given.when(deactivateUser(CASHIER)).then([userDeactivated(CASHIER)]);
  });

  it('keeps their grants, so reactivation restores what they could do', () => {
    const state = foldEvents(tenancyDecider, [...history, userDeactivated(CASHIER)]);
    expect(state.status === 'active' && state.users[CASHIER]?.status).toBe('deactivated');
    expect(state.status === 'active' && state.grants.filter((grant) => grant.userId === CASHIER)).toEqual([
      { userId: CASHIER, role: 'cashier', scope: STORE_SCOPE },
    ]);
  });

  it('refuses a user the org does not have', () => {
    given.when(deactivateUser(id(0xcc))).thenFails('TENANCY.USER_NOT_FOUND', 'data.userId');
  });

  it('refuses a user already deactivated', () => {
    spec(tenancyDecider)
      .given([...history, userDeactivated(CASHIER)])
      .when(deactivateUser(CASHIER))
      .thenFails('TENANCY.USER_ALREADY_DEACTIVATED', 'data.userId');
  });

  it('refuses an owner deactivating themselves, which would lock the org', () => {
    given.when(deactivateUser(OWNER, OWNER)).thenFails('TENANCY.CANNOT_DEACTIVATE_SELF', 'data.userId');
  });

  it("lets one owner deactivate another, but never the org's last active owner", () => {
    const twoOwners = [...history, roleGranted(MANAGER, 'owner', ORG_SCOPE)];
    spec(tenancyDecider)
      .given(twoOwners)
      .when(deactivateUser(MANAGER))
      .then([userDeactivated(MANAGER)]);
    spec(tenancyDecider)
      .given([...twoOwners, userDeactivated(MANAGER)])
      .when(deactivateUser(OWNER, CASHIER))
      .thenFails('TENANCY.LAST_OWNER', 'data.userId');
  });

  it('counts a deactivated owner out when the last active owner is revoked', () => {
    spec(tenancyDecider)
      .given([...history, roleGranted(MANAGER, 'owner', ORG_SCOPE), userDeactivated(MANAGER)])
      .when(revokeRole(OWNER, 'owner', ORG_SCOPE))
      .thenFails('TENANCY.LAST_OWNER', 'data.role');
  });

  it('refuses a blank reason, naming the field', () => {
    given.when(deactivateUser(CASHIER, OWNER, '   ')).thenFails('VALIDATION.INVALID', 'data.reason');
  });
});

describe('reactivating users', () => {
  it('reactivates a deactivated user', () => {
    spec(tenancyDecider)
      .given([...staffed, userDeactivated(CASHIER)])
      .when(reactivateUser(CASHIER))
      .then([userReactivated(CASHIER)]);
  });

  it('makes them active again', () => {
    const state = foldEvents(tenancyDecider, [...staffed, userDeactivated(CASHIER), userReactivated(CASHIER)]);
    expect(state.status === 'active' && state.users[CASHIER]?.status).toBe('active');
  });

  it('refuses a user who is active, or whom the org does not have', () => {
    const given = spec(tenancyDecider).given(staffed);
    given.when(reactivateUser(CASHIER)).thenFails('TENANCY.USER_NOT_DEACTIVATED', 'data.userId');
    given.when(reactivateUser(id(0xcc))).thenFails('TENANCY.USER_NOT_FOUND', 'data.userId');
  });
});

describe('deactivating registers', () => {
  const given = spec(tenancyDecider).given(tree);

  it('deactivates a register, with the reason', () => {
    given.when(deactivateRegister()).then([registerDeactivated()]);
  });

  it('refuses a register the org does not have', () => {
    given.when(deactivateRegister(OTHER_REGISTER)).thenFails('TENANCY.REGISTER_NOT_FOUND', 'data.registerId');
  });

  it('refuses a register already deactivated', () => {
    spec(tenancyDecider)
      .given([...tree, registerDeactivated()])
      .when(deactivateRegister())
      .thenFails('TENANCY.REGISTER_ALREADY_DEACTIVATED', 'data.registerId');
  });
});

describe('reactivating registers', () => {
  it('reactivates a deactivated register, which is active again', () => {
    const history = [...tree, registerDeactivated()];
    spec(tenancyDecider).given(history).when(reactivateRegister()).then([registerReactivated()]);
    const state = foldEvents(tenancyDecider, [...history, registerReactivated()]);
    expect(state.status === 'active' && state.registers[REGISTER]?.status).toBe('active');
  });

  it('refuses a register that is active, or that the org does not have', () => {
    const given = spec(tenancyDecider).given(tree);
    given.when(reactivateRegister()).thenFails('TENANCY.REGISTER_NOT_DEACTIVATED', 'data.registerId');
    given.when(reactivateRegister(OTHER_REGISTER)).thenFails('TENANCY.REGISTER_NOT_FOUND', 'data.registerId');
  });
});

describe('issuing tokens', () => {
  const given = spec(tenancyDecider).given(staffed);

  it('records who issued a token for which register or user, and until when', () => {
    given
      .when(issueToken({ kind: 'register', registerId: REGISTER }))
      .then([tokenIssued({ kind: 'register', registerId: REGISTER })]);
    given.when(issueToken({ kind: 'user', userId: CASHIER })).then([tokenIssued({ kind: 'user', userId: CASHIER })]);
  });

  it('refuses a register or user the org does not have', () => {
    given
      .when(issueToken({ kind: 'register', registerId: OTHER_REGISTER }))
      .thenFails('TENANCY.REGISTER_NOT_FOUND', 'data.subject.registerId');
    given
      .when(issueToken({ kind: 'user', userId: id(0x99) }))
      .thenFails('TENANCY.USER_NOT_FOUND', 'data.subject.userId');
  });

  it('refuses a deactivated register or user: their token would be refused at once', () => {
    spec(tenancyDecider)
      .given([...staffed, registerDeactivated(), userDeactivated(CASHIER)])
      .when(issueToken({ kind: 'register', registerId: REGISTER }))
      .thenFails('TENANCY.REGISTER_DEACTIVATED', 'data.subject.registerId');
    spec(tenancyDecider)
      .given([...staffed, userDeactivated(CASHIER)])
      .when(issueToken({ kind: 'user', userId: CASHIER }))
      .thenFails('TENANCY.USER_DEACTIVATED', 'data.subject.userId');
  });

  it('changes nothing in the tree', () => {
    expect(foldEvents(tenancyDecider, [...staffed, tokenIssued({ kind: 'user', userId: CASHIER })])).toEqual(
      foldEvents(tenancyDecider, staffed),
    );
  });
});

describe('tenancy state', () => {
  it('holds the whole tree, its users and grants', () => {
    const history = [
      ...staffed,
      { type: 'BrandCreated', data: { orgId: ORG, brandId: OTHER_BRAND, name: 'Dosa Corner' } } as TenancyEvent,
      {
        type: 'StoreCreated',
        data: { ...storeData, storeId: OTHER_STORE, brandId: OTHER_BRAND, gstin: undefined },
      } as TenancyEvent,
      {
        type: 'RegisterCreated',
        data: { orgId: ORG, registerId: OTHER_REGISTER, storeId: OTHER_STORE, name: 'Tablet' },
      } as TenancyEvent,
      roleGranted(CASHIER, 'cashier', STORE_SCOPE),
      roleGranted(MANAGER, 'store_manager', STORE_SCOPE),
      roleRevoked(MANAGER, 'store_manager', STORE_SCOPE),
    ];
    expect(foldEvents(tenancyDecider, history)).toEqual({
      status: 'active',
      orgId: ORG,
      name: 'Slice Hospitality',
      brands: { [BRAND]: { name: 'Pizza Piazza' }, [OTHER_BRAND]: { name: 'Dosa Corner' } },
      stores: {
        [STORE]: {
          brandId: BRAND,
          name: 'Bandra West',
          timeZone: 'Asia/Kolkata',
          stateCode: '27',
          gstin: MAHARASHTRA_GSTIN,
        },
        [OTHER_STORE]: { brandId: OTHER_BRAND, name: 'Bandra West', timeZone: 'Asia/Kolkata', stateCode: '27' },
      },
      registers: {
        [REGISTER]: { storeId: STORE, name: 'Front till', status: 'active' },
        [OTHER_REGISTER]: { storeId: OTHER_STORE, name: 'Tablet', status: 'active' },
      },
      users: {
        [OWNER]: { name: 'Meera Rao', email: 'meera@slice.in', status: 'active' },
        [CASHIER]: { name: 'Ravi Kumar', email: 'ravi@slice.in', status: 'active' },
        [MANAGER]: { name: 'Ravi Kumar', email: 'anita@slice.in', status: 'active' },
      },
      grants: [
        { userId: OWNER, role: 'owner', scope: ORG_SCOPE },
        { userId: CASHIER, role: 'cashier', scope: STORE_SCOPE },
      ],
    });
  });

  it('ignores events before the org was created: evolve records, it does not judge', () => {
    expect(foldEvents(tenancyDecider, [brandCreated, storeCreated, roleGranted(OWNER, 'owner', ORG_SCOPE)])).toEqual({
      status: 'none',
    });
  });
});

describe('tenancy event definitions', () => {
  it('list every tenancy event type at schema version 1', () => {
    expect(
      tenancyEventDefinitions.map((definition) => [definition.schema.shape.type.value, definition.schemaVersion]),
    ).toEqual([
      ['OrganizationCreated', 1],
      ['BrandCreated', 1],
      ['StoreCreated', 1],
      ['RegisterCreated', 1],
      ['UserAdded', 1],
      ['RoleGranted', 1],
      ['RoleRevoked', 1],
      ['UserDeactivated', 1],
      ['UserReactivated', 1],
      ['RegisterDeactivated', 1],
      ['RegisterReactivated', 1],
      ['TokenIssued', 1],
    ]);
  });

  it('accept every event the decider emits', () => {
    const byType = new Map(
      tenancyEventDefinitions.map((definition) => [definition.schema.shape.type.value, definition.schema]),
    );
    const events = [
      ...staffed,
      roleGranted(CASHIER, 'cashier', STORE_SCOPE),
      roleRevoked(CASHIER, 'cashier', STORE_SCOPE),
      userDeactivated(CASHIER),
      userReactivated(CASHIER),
      registerDeactivated(),
      registerReactivated(),
      tokenIssued({ kind: 'register', registerId: REGISTER }),
    ];
    for (const event of events) expect(byType.get(event.type)?.safeParse(event).success, event.type).toBe(true);
  });

  it('refuse a stored store whose GSTIN is from another state', () => {
    const result = StoreCreated.safeParse({ ...storeCreated, data: { ...storeData, gstin: KARNATAKA_GSTIN } });
    expect(result.error?.issues[0]?.path).toEqual(['data', 'gstin']);
  });
});
