import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider.js';
import { BRAND, ORG, OTHER_STORE, REGISTER, STORE, id } from '../testing/fixtures.js';
import { Action, REGISTER_ACTIONS, ROLE_ACTIONS } from './actions.js';
import {
  authorize,
  Principal,
  scopesOf,
  type AuthTarget,
  type RegisterPrincipal,
  type UserPrincipal,
} from './authorization.js';
import type { Role, Scope } from './grant.js';
import { tenancyDecider, type ActiveTenancy } from './tenancy.decider.js';
import type { TenancyEvent } from './tenancy.events.js';

const OTHER_ORG = id(0x0d);
/** Brand B2 with its own store; STORE and OTHER_STORE are in BRAND. */
const OTHER_BRAND = id(0x0e);
const FAR_STORE = id(0x5c);
const OTHER_REGISTER = id(0x7f);
const FAR_REGISTER = id(0x80);

const user = (n: number): UserPrincipal => ({ kind: 'user', orgId: ORG, userId: id(0xc00 + n) });
const OWNER = user(1);
const BRAND_MANAGER = user(2);
const STORE_MANAGER = user(3);
const CASHIER = user(4);
const ACCOUNTANT = user(5);
const ANALYST = user(6);
const ORG_CASHIER = user(7);
const NOBODY = user(8);
const SPLIT = user(9);

const TILL: RegisterPrincipal = { kind: 'register', orgId: ORG, brandId: BRAND, storeId: STORE, registerId: REGISTER };

const org: Scope = { level: 'org' };
const brand = (brandId: string): Scope => ({ level: 'brand', brandId });
const store = (storeId: string): Scope => ({ level: 'store', storeId });

const created = (type: 'BrandCreated' | 'StoreCreated' | 'RegisterCreated', data: object): TenancyEvent =>
  ({ type, data: { orgId: ORG, name: 'x', ...data } }) as TenancyEvent;
const storeAt = (storeId: string, brandId: string) =>
  created('StoreCreated', { storeId, brandId, timeZone: 'Asia/Kolkata', stateCode: '27' });
const staff = (principal: UserPrincipal, grants: Array<[Role, Scope]>): TenancyEvent[] => [
  {
    type: 'UserAdded',
    data: { orgId: ORG, userId: principal.userId, name: 'x', email: `${principal.userId}@slice.in` },
  },
  ...grants.map(([role, scope]): TenancyEvent => ({
    type: 'RoleGranted',
    data: { orgId: ORG, userId: principal.userId, role, scope },
  })),
];

const treeEvents: TenancyEvent[] = [
  { type: 'OrganizationCreated', data: { orgId: ORG, name: 'Slice Hospitality' } },
  created('BrandCreated', { brandId: BRAND }),
  created('BrandCreated', { brandId: OTHER_BRAND }),
  storeAt(STORE, BRAND),
  storeAt(OTHER_STORE, BRAND),
  storeAt(FAR_STORE, OTHER_BRAND),
  created('RegisterCreated', { registerId: REGISTER, storeId: STORE }),
  created('RegisterCreated', { registerId: OTHER_REGISTER, storeId: STORE }),
  created('RegisterCreated', { registerId: FAR_REGISTER, storeId: OTHER_STORE }),
];

const treeEventsAndStaff: TenancyEvent[] = [
  ...treeEvents,
  ...staff(OWNER, [['owner', org]]),
  ...staff(BRAND_MANAGER, [['brand_manager', brand(BRAND)]]),
  ...staff(STORE_MANAGER, [['store_manager', store(STORE)]]),
  ...staff(CASHIER, [['cashier', store(STORE)]]),
  ...staff(ACCOUNTANT, [['accountant', org]]),
  ...staff(ANALYST, [['analyst', brand(OTHER_BRAND)]]),
  ...staff(ORG_CASHIER, [['cashier', org]]),
  ...staff(NOBODY, []),
  ...staff(SPLIT, [
    ['store_manager', store(STORE)],
    ['cashier', store(OTHER_STORE)],
  ]),
];
const TENANCY = foldEvents(tenancyDecider, treeEventsAndStaff) as ActiveTenancy;

const at = (target: Omit<AuthTarget, 'orgId'> = {}): AuthTarget => ({ orgId: ORG, ...target });
const inStore = (storeId: string, registerId?: string) => at({ storeId, ...(registerId ? { registerId } : {}) });

type Case = [name: string, principal: Principal, action: Action, target: AuthTarget, code?: string, reason?: string];

const cases: Case[] = [
  ['owner does anything anywhere in the org', OWNER, 'order.refund', inStore(FAR_STORE)],
  ['owner administers the org', OWNER, 'tenancy.manage', at()],
  ['owner reads the audit trail of the whole org', OWNER, 'audit.read', at()],
  [
    'owner may not replay a register outbox',
    OWNER,
    'register.replay',
    inStore(STORE),
    'AUTH.FORBIDDEN',
    'owner at the org may not replay',
  ],

  ['brand manager voids in a store of the brand', BRAND_MANAGER, 'order.void', inStore(OTHER_STORE)],
  ['brand manager manages the brand catalog', BRAND_MANAGER, 'catalog.manage', at({ brandId: BRAND })],
  ['brand manager sets a store price in the brand', BRAND_MANAGER, 'catalog.manage', inStore(STORE)],
  [
    'brand manager may not act in another brand',
    BRAND_MANAGER,
    'order.void',
    inStore(FAR_STORE),
    'AUTH.FORBIDDEN',
    `covers store ${FAR_STORE}`,
  ],
  [
    'brand manager may not manage org-wide tax categories',
    BRAND_MANAGER,
    'catalog.manage',
    at(),
    'AUTH.FORBIDDEN',
    `covers org ${ORG}`,
  ],
  [
    'brand manager may not administer the org',
    BRAND_MANAGER,
    'tenancy.manage',
    at({ brandId: BRAND }),
    'AUTH.FORBIDDEN',
    'may not administer the org',
  ],

  ['store manager refunds in the store', STORE_MANAGER, 'order.refund', inStore(STORE)],
  ['store manager closes shifts in the store', STORE_MANAGER, 'shift.close', inStore(STORE, OTHER_REGISTER)],
  ['store manager reads the store reports', STORE_MANAGER, 'reports.read', inStore(STORE)],
  [
    'store manager may not act in a sister store',
    STORE_MANAGER,
    'order.refund',
    inStore(OTHER_STORE),
    'AUTH.FORBIDDEN',
    `covers store ${OTHER_STORE}`,
  ],
  [
    'store manager may not read the brand reports',
    STORE_MANAGER,
    'reports.read',
    at({ brandId: BRAND }),
    'AUTH.FORBIDDEN',
    `covers brand ${BRAND}`,
  ],
  [
    'store manager may not manage the catalog',
    STORE_MANAGER,
    'catalog.manage',
    inStore(STORE),
    'AUTH.FORBIDDEN',
    'store_manager at store',
  ],

  ['cashier places orders in the store', CASHIER, 'order.place', inStore(STORE)],
  ['cashier counts stock in the store', CASHIER, 'stock.adjust', inStore(STORE)],
  ['cashier pays cash in and out', CASHIER, 'shift.move_cash', inStore(STORE, REGISTER)],
  [
    'cashier may not void orders',
    CASHIER,
    'order.void',
    inStore(STORE),
    'AUTH.FORBIDDEN',
    `cashier at store ${STORE} may not void orders`,
  ],
  ['cashier may not refund orders', CASHIER, 'order.refund', inStore(STORE), 'AUTH.FORBIDDEN', 'may not refund orders'],
  ['cashier may not close shifts', CASHIER, 'shift.close', inStore(STORE), 'AUTH.FORBIDDEN', 'may not close shifts'],
  ['cashier may not read reports', CASHIER, 'reports.read', inStore(STORE), 'AUTH.FORBIDDEN', 'may not read reports'],
  [
    'cashier may not sell in another store',
    CASHIER,
    'order.place',
    inStore(OTHER_STORE),
    'AUTH.FORBIDDEN',
    `no role of user ${CASHIER.userId} covers store ${OTHER_STORE}`,
  ],
  ['an org-wide cashier sells in every store', ORG_CASHIER, 'order.place', inStore(FAR_STORE)],
  [
    'an org-wide cashier still may not void',
    ORG_CASHIER,
    'order.void',
    inStore(FAR_STORE),
    'AUTH.FORBIDDEN',
    'cashier at the org may not void orders',
  ],

  ['accountant manages invoices of any store', ACCOUNTANT, 'invoice.manage', inStore(FAR_STORE)],
  ['accountant reads the audit trail of the org', ACCOUNTANT, 'audit.read', at()],
  [
    'accountant may not place orders',
    ACCOUNTANT,
    'order.place',
    inStore(STORE),
    'AUTH.FORBIDDEN',
    'accountant at the org may not place orders',
  ],

  ['analyst reads reports of the brand', ANALYST, 'reports.read', at({ brandId: OTHER_BRAND })],
  ['analyst reads reports of a store of the brand', ANALYST, 'reports.read', inStore(FAR_STORE)],
  [
    'analyst may not read another brand',
    ANALYST,
    'reports.read',
    inStore(STORE),
    'AUTH.FORBIDDEN',
    `covers store ${STORE}`,
  ],
  ['analyst may not read the whole org', ANALYST, 'reports.read', at(), 'AUTH.FORBIDDEN', `covers org ${ORG}`],
  [
    'analyst may not read the audit trail',
    ANALYST,
    'audit.read',
    inStore(FAR_STORE),
    'AUTH.FORBIDDEN',
    'may not read the audit trail',
  ],

  ['a user with no role may do nothing', NOBODY, 'reports.read', inStore(STORE), 'AUTH.FORBIDDEN', 'holds no role'],
  [
    'a user unknown to the org may do nothing',
    user(99),
    'order.place',
    inStore(STORE),
    'AUTH.FORBIDDEN',
    'holds no role',
  ],
  ['each grant counts only in its own scope: manager here', SPLIT, 'order.void', inStore(STORE)],
  [
    'each grant counts only in its own scope: cashier there',
    SPLIT,
    'order.void',
    inStore(OTHER_STORE),
    'AUTH.FORBIDDEN',
    `cashier at store ${OTHER_STORE} may not void orders`,
  ],

  ['a register sells at its own store', TILL, 'order.place', inStore(STORE)],
  ['a register acts as itself', TILL, 'shift.close', inStore(STORE, REGISTER)],
  ['a register voids at the till', TILL, 'order.void', inStore(STORE)],
  ['a register replays its own outbox', TILL, 'register.replay', inStore(STORE, REGISTER)],
  [
    'a register may not act as another register',
    TILL,
    'shift.open',
    inStore(STORE, OTHER_REGISTER),
    'AUTH.FORBIDDEN',
    `register ${REGISTER} may only act as itself, not as ${OTHER_REGISTER}`,
  ],
  [
    'a register may not replay another register',
    TILL,
    'register.replay',
    inStore(STORE, OTHER_REGISTER),
    'AUTH.FORBIDDEN',
    'may only act as itself',
  ],
  [
    'a register may not sell for another store',
    TILL,
    'order.place',
    inStore(OTHER_STORE),
    'AUTH.FORBIDDEN',
    `only act in its own store ${STORE}`,
  ],
  ['a register may not refund', TILL, 'order.refund', inStore(STORE), 'AUTH.FORBIDDEN', 'may not refund orders'],
  ['a register may not read reports', TILL, 'reports.read', inStore(STORE), 'AUTH.FORBIDDEN', 'may not read reports'],
  [
    'a register may not manage the catalog',
    TILL,
    'catalog.manage',
    at({ brandId: BRAND }),
    'AUTH.FORBIDDEN',
    'may not manage the catalog',
  ],
  [
    'a register token whose register is not in the tree is refused',
    { ...TILL, registerId: id(0x99) },
    'order.place',
    inStore(STORE),
    'AUTH.UNKNOWN_REGISTER',
  ],
  [
    'a register token naming the wrong store is refused',
    { ...TILL, storeId: OTHER_STORE },
    'order.place',
    inStore(OTHER_STORE),
    'AUTH.UNKNOWN_REGISTER',
  ],
  [
    'a register token naming the wrong brand is refused',
    { ...TILL, brandId: OTHER_BRAND },
    'order.place',
    inStore(STORE),
    'AUTH.UNKNOWN_REGISTER',
  ],

  [
    'a token of one org cannot act in another',
    OWNER,
    'reports.read',
    { orgId: OTHER_ORG },
    'AUTH.WRONG_ORG',
    `token of org ${ORG} cannot act in org ${OTHER_ORG}`,
  ],
  [
    'a register of one org cannot act in another',
    TILL,
    'order.place',
    { orgId: OTHER_ORG, storeId: STORE },
    'AUTH.WRONG_ORG',
  ],
  [
    "another org's token is refused even when the target names this org",
    { ...OWNER, orgId: OTHER_ORG },
    'reports.read',
    at(),
    'AUTH.WRONG_ORG',
  ],
  ['a store the org does not have is unknown', OWNER, 'order.place', inStore(id(0x5d)), 'AUTH.UNKNOWN_STORE'],
  [
    'a brand the org does not have is unknown',
    OWNER,
    'catalog.manage',
    at({ brandId: id(0x0f) }),
    'AUTH.UNKNOWN_BRAND',
  ],
  [
    'a register the org does not have is unknown',
    OWNER,
    'shift.open',
    inStore(STORE, id(0x81)),
    'AUTH.UNKNOWN_REGISTER',
  ],
  [
    "a store's brand comes from the tree, not the request",
    BRAND_MANAGER,
    'order.void',
    at({ storeId: FAR_STORE, brandId: BRAND }),
    'AUTH.TARGET_MISMATCH',
  ],
  [
    'a register named in another store than the request says is refused',
    STORE_MANAGER,
    'shift.close',
    inStore(STORE, FAR_REGISTER),
    'AUTH.TARGET_MISMATCH',
  ],
  ['a store action must name its store', OWNER, 'order.place', at({ brandId: BRAND }), 'AUTH.STORE_REQUIRED'],
  [
    'a register action must name its store',
    TILL,
    'register.replay',
    at({ registerId: REGISTER }),
    'AUTH.STORE_REQUIRED',
  ],
];

describe('authorize', () => {
  it.each(cases)('%s', (_name, principal, action, target, code, reason) => {
    expect(Principal.safeParse(principal).success).toBe(true);
    const decision = authorize(principal, action, target, TENANCY);
    if (code === undefined) {
      expect(decision).toBeUndefined();
      return;
    }
    expect(decision?.code).toBe(code);
    expect(decision?.reason).toContain(reason ?? '');
  });

  it('names the target field the refusal is about', () => {
    expect(authorize(OWNER, 'order.place', inStore(id(0x5d)), TENANCY)?.path).toBe('storeId');
    expect(authorize(TILL, 'order.place', inStore(STORE, OTHER_REGISTER), TENANCY)?.path).toBe('registerId');
    expect(authorize(OWNER, 'reports.read', { orgId: OTHER_ORG }, TENANCY)?.path).toBe('orgId');
  });

  it('refuses to judge with the tenancy of another org than the token', () => {
    const other = { ...TENANCY, orgId: OTHER_ORG };
    expect(authorize(OWNER, 'reports.read', at(), other)?.code).toBe('AUTH.WRONG_ORG');
  });
});

describe('a deactivated principal', () => {
  const deactivated = (event: TenancyEvent) =>
    foldEvents(tenancyDecider, [...treeEventsAndStaff, event]) as ActiveTenancy;
  const withoutCashier = deactivated({
    type: 'UserDeactivated',
    data: { orgId: ORG, userId: CASHIER.userId, reason: 'left' },
  });
  const withoutTill = deactivated({
    type: 'RegisterDeactivated',
    data: { orgId: ORG, registerId: REGISTER, reason: 'stolen' },
  });

  it('is refused every action, whatever its grants or binding say', () => {
    for (const action of ['order.place', 'customer.manage'] as const)
      expect(authorize(CASHIER, action, inStore(STORE), withoutCashier)?.code).toBe('AUTH.PRINCIPAL_DEACTIVATED');
    for (const action of ['order.place', 'register.replay'] as const)
      expect(authorize(TILL, action, inStore(STORE, REGISTER), withoutTill)?.code).toBe('AUTH.PRINCIPAL_DEACTIVATED');
    expect(scopesOf(CASHIER, withoutCashier, 'order.place')).toEqual([]);
  });

  it('leaves everyone else as they were', () => {
    expect(authorize(STORE_MANAGER, 'order.place', inStore(STORE), withoutCashier)).toBeUndefined();
    expect(authorize(TILL, 'order.place', inStore(STORE, REGISTER), withoutCashier)).toBeUndefined();
    expect(authorize(OWNER, 'reports.read', at(), withoutTill)).toBeUndefined();
  });
});

describe('deactivating a register', () => {
  it("is for the owner and the managers over the register's store, never for its cashiers or itself", () => {
    const target = inStore(STORE, OTHER_REGISTER);
    for (const principal of [OWNER, BRAND_MANAGER, STORE_MANAGER])
      expect(authorize(principal, 'register.deactivate', target, TENANCY)).toBeUndefined();
    for (const principal of [CASHIER, ACCOUNTANT, ANALYST, TILL])
      expect(authorize(principal, 'register.deactivate', target, TENANCY)?.code).toBe('AUTH.FORBIDDEN');
    expect(authorize(STORE_MANAGER, 'register.deactivate', inStore(OTHER_STORE, FAR_REGISTER), TENANCY)?.code).toBe(
      'AUTH.FORBIDDEN',
    );
  });
});

describe('role and register tables', () => {
  it('give the owner every action but replaying a register', () => {
    expect([...ROLE_ACTIONS.owner].sort()).toEqual(
      Action.options.filter((action) => action !== 'register.replay').sort(),
    );
  });

  it('let no person replay a register outbox', () => {
    for (const actions of Object.values(ROLE_ACTIONS)) expect(actions).not.toContain('register.replay');
  });

  it('let a register do only store operations, never refunds, reports or administration', () => {
    for (const action of [
      'order.refund',
      'catalog.manage',
      'invoice.manage',
      'tenancy.manage',
      'reports.read',
      'audit.read',
    ] as const)
      expect(REGISTER_ACTIONS).not.toContain(action);
  });
});

describe('scopesOf', () => {
  it('lists the stores a user may read, in the order they were created', () => {
    expect(scopesOf(OWNER, TENANCY)).toEqual([STORE, OTHER_STORE, FAR_STORE]);
    expect(scopesOf(BRAND_MANAGER, TENANCY)).toEqual([STORE, OTHER_STORE]);
    expect(scopesOf(STORE_MANAGER, TENANCY)).toEqual([STORE]);
    expect(scopesOf(ANALYST, TENANCY)).toEqual([FAR_STORE]);
    expect(scopesOf(CASHIER, TENANCY)).toEqual([]);
    expect(scopesOf(NOBODY, TENANCY)).toEqual([]);
  });

  it('lists the stores for another action when asked', () => {
    expect(scopesOf(SPLIT, TENANCY, 'order.place')).toEqual([STORE, OTHER_STORE]);
    expect(scopesOf(SPLIT, TENANCY, 'order.void')).toEqual([STORE]);
    expect(scopesOf(TILL, TENANCY, 'order.place')).toEqual([STORE]);
  });

  it('lists nothing for a token of another org', () => {
    expect(scopesOf({ ...OWNER, orgId: OTHER_ORG }, TENANCY)).toEqual([]);
  });
});

describe('authorization properties', () => {
  const STORES = [STORE, OTHER_STORE, FAR_STORE, id(0x5d), id(0x5e), id(0x5f)];
  const BRAND_OF = [BRAND, BRAND, OTHER_BRAND, OTHER_BRAND, BRAND, OTHER_BRAND];
  const REGISTERS = STORES.map((_, index) => id(0x900 + index));
  const SUBJECT = user(50);
  const COLLEAGUE = user(51);
  const storeRoles = ['store_manager', 'cashier', 'accountant', 'analyst'] as const;

  const tree = foldEvents(tenancyDecider, [
    { type: 'OrganizationCreated', data: { orgId: ORG, name: 'Slice Hospitality' } },
    created('BrandCreated', { brandId: BRAND }),
    created('BrandCreated', { brandId: OTHER_BRAND }),
    ...STORES.flatMap((storeId, index) => [
      storeAt(storeId, BRAND_OF[index] as string),
      created('RegisterCreated', { registerId: REGISTERS[index], storeId }),
    ]),
  ]);

  const grantsOver = (max: number) =>
    fc.array(fc.tuple(fc.constantFrom(...storeRoles), fc.nat({ max })), { maxLength: 6 });

  /** The subject's store-level grants, plus a colleague with any grant at all, whose grants must not leak. */
  const scenario = fc.record({
    // Indices into the stores other than the target, so every draw is a case the property speaks of.
    subjectGrants: grantsOver(STORES.length - 2),
    colleagueRole: fc.constantFrom(...(['owner', 'brand_manager', 'store_manager', 'cashier'] as const)),
    action: fc.constantFrom(...Action.options),
    target: fc.nat({ max: STORES.length - 1 }),
    namesRegister: fc.boolean(),
  });

  it('never authorizes a user with only store-level grants in a store they hold no grant on', () => {
    fc.assert(
      fc.property(scenario, ({ subjectGrants, colleagueRole, action, target, namesRegister }) => {
        const elsewhere = (index: number) => STORES[index >= target ? index + 1 : index] as string;
        const state = [
          ...staff(
            SUBJECT,
            subjectGrants.map(([role, index]) => [role, store(elsewhere(index))]),
          ),
          ...staff(COLLEAGUE, [[colleagueRole, org]]),
        ].reduce(tenancyDecider.evolve, tree) as ActiveTenancy;
        const storeId = STORES[target] as string;
        const decision = authorize(
          SUBJECT,
          action,
          { orgId: ORG, storeId, ...(namesRegister ? { registerId: REGISTERS[target] as string } : {}) },
          state,
        );
        expect(decision?.code).toBe('AUTH.FORBIDDEN');
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('lists in scopesOf exactly the stores some granted role covers and allows the action in', () => {
    fc.assert(
      fc.property(grantsOver(STORES.length - 1), fc.constantFrom(...Action.options), (subjectGrants, action) => {
        // Odd draws become brand grants, so the oracle also has to follow a store up to its brand.
        const grants = subjectGrants.map(([role, index]): [Role, Scope] => [
          role,
          index % 2 === 0 ? store(STORES[index] as string) : brand(BRAND_OF[index] as string),
        ]);
        const state = staff(SUBJECT, grants).reduce(tenancyDecider.evolve, tree) as ActiveTenancy;
        const expected = STORES.filter((storeId, index) =>
          grants.some(
            ([role, scope]) =>
              ROLE_ACTIONS[role].includes(action) &&
              (scope.level === 'store'
                ? scope.storeId === storeId
                : scope.level === 'brand' && scope.brandId === BRAND_OF[index]),
          ),
        );
        expect(scopesOf(SUBJECT, state, action)).toEqual(expected);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
