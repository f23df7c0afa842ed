import { assertNever, type Decider, type Decision } from '../decider.js';
import { DomainError, domainError } from '../errors.js';
import { parseOrError } from '../validation.js';
import { describeScope, ROLE_LEVELS, sameGrant, type Grant, type Scope } from './grant.js';
import {
  TenancyCommand,
  type AddUser,
  type CreateBrand,
  type CreateOrganization,
  type CreateRegister,
  type CreateStore,
  type DeactivateRegister,
  type DeactivateUser,
  type GrantRole,
  type IssueToken,
  type ReactivateRegister,
  type ReactivateUser,
  type RevokeRole,
} from './tenancy.commands.js';
import type { TenancyEvent } from './tenancy.events.js';

export type TenancyStore = { brandId: string; name: string; timeZone: string; stateCode: string; gstin?: string };

/** A deactivated user or register keeps its place in the tree, but no token of theirs is accepted. */
export type PrincipalStatus = 'active' | 'deactivated';
export type TenancyRegister = { storeId: string; name: string; status: PrincipalStatus };
export type TenancyUser = { name: string; email: string; status: PrincipalStatus };

/**
 * One org's whole tree, users and grants. Writes are rare, and holding the tree in one stream makes
 * every consistency rule below (a store's brand exists, a grant's node exists, the last owner stays)
 * one atomic check against one expected version.
 */
export type TenancyState =
  | { status: 'none' }
  | {
      status: 'active';
      orgId: string;
      name: string;
      brands: Readonly<Record<string, { name: string }>>;
      stores: Readonly<Record<string, TenancyStore>>;
      registers: Readonly<Record<string, TenancyRegister>>;
      users: Readonly<Record<string, TenancyUser>>;
      grants: ReadonlyArray<Grant>;
    };
export type ActiveTenancy = Extract<TenancyState, { status: 'active' }>;

export const tenancyStreamId = (orgId: string): string => `tenancy-${orgId}`;

const createOrganization = ({ data }: CreateOrganization, state: TenancyState): Decision<TenancyEvent> => {
  if (state.status !== 'none')
    return domainError('TENANCY.ORG_EXISTS', 'data.orgId', `org ${state.orgId} already exists`);
  const { orgId, name, ownerUserId, ownerName, ownerEmail } = data;
  return [
    { type: 'OrganizationCreated', data: { orgId, name } },
    { type: 'UserAdded', data: { orgId, userId: ownerUserId, name: ownerName, email: ownerEmail } },
    { type: 'RoleGranted', data: { orgId, userId: ownerUserId, role: 'owner', scope: { level: 'org' } } },
  ];
};

const createBrand = ({ data }: CreateBrand, state: ActiveTenancy): Decision<TenancyEvent> => {
  if (state.brands[data.brandId])
    return domainError('TENANCY.BRAND_EXISTS', 'data.brandId', `brand ${data.brandId} already exists`);
  return [{ type: 'BrandCreated', data }];
};

const createStore = ({ data }: CreateStore, state: ActiveTenancy): Decision<TenancyEvent> => {
  // A GSTIN is one registration in one state; a store supplying from another state needs that
  // state's GSTIN, or every bill it prints would carry the wrong registration and tax split.
  if (data.gstin !== undefined && !data.gstin.startsWith(data.stateCode)) {
    return domainError(
      'TENANCY.GSTIN_STATE_MISMATCH',
      'data.gstin',
      `GSTIN ${data.gstin} is registered in state ${data.gstin.slice(0, 2)}, not ${data.stateCode}`,
    );
  }
  if (!state.brands[data.brandId])
    return domainError('TENANCY.BRAND_NOT_FOUND', 'data.brandId', `the org has no brand ${data.brandId}`);
  if (state.stores[data.storeId])
    return domainError('TENANCY.STORE_EXISTS', 'data.storeId', `store ${data.storeId} already exists`);
  return [{ type: 'StoreCreated', data }];
};

const createRegister = ({ data }: CreateRegister, state: ActiveTenancy): Decision<TenancyEvent> => {
  if (!state.stores[data.storeId])
    return domainError('TENANCY.STORE_NOT_FOUND', 'data.storeId', `the org has no store ${data.storeId}`);
  if (state.registers[data.registerId])
    return domainError('TENANCY.REGISTER_EXISTS', 'data.registerId', `register ${data.registerId} already exists`);
  return [{ type: 'RegisterCreated', data }];
};

const addUser = ({ data }: AddUser, state: ActiveTenancy): Decision<TenancyEvent> => {
  if (state.users[data.userId])
    return domainError('TENANCY.USER_EXISTS', 'data.userId', `user ${data.userId} already exists`);
  // Email is how a person signs in, so two users of one org must not share it. Compared without
  // case: mail systems treat Asha@x.in and asha@x.in as one mailbox.
  const email = data.email.toLowerCase();
  const holder = Object.entries(state.users).find(([, user]) => user.email.toLowerCase() === email);
  if (holder)
    return domainError('TENANCY.EMAIL_TAKEN', 'data.email', `user ${holder[0]} of this org already uses this email`);
  return [{ type: 'UserAdded', data }];
};

/** Why a grant's node does not exist, or undefined when it does. */
const missingNode = (scope: Scope, state: ActiveTenancy): DomainError | undefined => {
  switch (scope.level) {
    case 'org':
      return undefined;
    case 'brand':
      return state.brands[scope.brandId]
        ? undefined
        : domainError('TENANCY.BRAND_NOT_FOUND', 'data.scope.brandId', `the org has no brand ${scope.brandId}`);
    case 'store':
      return state.stores[scope.storeId]
        ? undefined
        : domainError('TENANCY.STORE_NOT_FOUND', 'data.scope.storeId', `the org has no store ${scope.storeId}`);
  }
};

/**
 * Only an identical grant is a no-op. A narrower grant beside a wider one (cashier at a store, and
 * at the org) is recorded: revoking the wider one later must leave the narrower one standing.
 */
const grantRole = ({ data }: GrantRole, state: ActiveTenancy): Decision<TenancyEvent> => {
  if (!state.users[data.userId]) return userNotFound(data.userId);
  const levels = ROLE_LEVELS[data.role];
  if (!levels.includes(data.scope.level)) {
    return domainError(
      'TENANCY.ROLE_SCOPE_NOT_ALLOWED',
      'data.scope.level',
      `${data.role} may be granted at ${levels.join(' or ')} level, not at ${data.scope.level} level`,
    );
  }
  const missing = missingNode(data.scope, state);
  if (missing) return missing;
  if (state.grants.some((grant) => sameGrant(grant, data))) return [];
  return [{ type: 'RoleGranted', data }];
};

const revokeRole = ({ data }: RevokeRole, state: ActiveTenancy): Decision<TenancyEvent> => {
  if (!state.grants.some((grant) => sameGrant(grant, data))) {
    return domainError(
      'TENANCY.GRANT_NOT_FOUND',
      'data.role',
      `user ${data.userId} holds no ${data.role} grant at ${describeScope(data.scope)}`,
    );
  }
  // An org nobody owns cannot grant or revoke anything ever again, and a deactivated owner owns
  // nothing until reactivated.
  if (data.role === 'owner' && activeOwners(state).every((userId) => userId === data.userId))
    return domainError('TENANCY.LAST_OWNER', 'data.role', 'the org must keep at least one active owner');
  return [{ type: 'RoleRevoked', data }];
};

/** The owners who can still act: a deactivated owner's grant stands, but nobody can use it. */
const activeOwners = (state: ActiveTenancy): string[] =>
  state.grants
    .filter((grant) => grant.role === 'owner' && state.users[grant.userId]?.status === 'active')
    .map((grant) => grant.userId);

const userNotFound = (userId: string): DomainError =>
  domainError('TENANCY.USER_NOT_FOUND', 'data.userId', `the org has no user ${userId}`);

const registerNotFound = (registerId: string): DomainError =>
  domainError('TENANCY.REGISTER_NOT_FOUND', 'data.registerId', `the org has no register ${registerId}`);

const deactivateUser = ({ data, context }: DeactivateUser, state: ActiveTenancy): Decision<TenancyEvent> => {
  const user = state.users[data.userId];
  if (!user) return userNotFound(data.userId);
  if (user.status === 'deactivated')
    return domainError('TENANCY.USER_ALREADY_DEACTIVATED', 'data.userId', `user ${data.userId} is already deactivated`);
  if (data.userId === context.actorId)
    return domainError(
      'TENANCY.CANNOT_DEACTIVATE_SELF',
      'data.userId',
      'a user may not deactivate themselves; another owner must do it',
    );
  const owners = activeOwners(state);
  if (owners.includes(data.userId) && owners.length === 1)
    return domainError('TENANCY.LAST_OWNER', 'data.userId', 'the org must keep at least one active owner');
  return [{ type: 'UserDeactivated', data }];
};

const reactivateUser = ({ data }: ReactivateUser, state: ActiveTenancy): Decision<TenancyEvent> => {
  const user = state.users[data.userId];
  if (!user) return userNotFound(data.userId);
  if (user.status === 'active')
    return domainError('TENANCY.USER_NOT_DEACTIVATED', 'data.userId', `user ${data.userId} is active`);
  return [{ type: 'UserReactivated', data }];
};

const deactivateRegister = ({ data }: DeactivateRegister, state: ActiveTenancy): Decision<TenancyEvent> => {
  const register = state.registers[data.registerId];
  if (!register) return registerNotFound(data.registerId);
  if (register.status === 'deactivated')
    return domainError(
      'TENANCY.REGISTER_ALREADY_DEACTIVATED',
      'data.registerId',
      `register ${data.registerId} is already deactivated`,
    );
  return [{ type: 'RegisterDeactivated', data }];
};

const reactivateRegister = ({ data }: ReactivateRegister, state: ActiveTenancy): Decision<TenancyEvent> => {
  const register = state.registers[data.registerId];
  if (!register) return registerNotFound(data.registerId);
  if (register.status === 'active')
    return domainError('TENANCY.REGISTER_NOT_DEACTIVATED', 'data.registerId', `register ${data.registerId} is active`);
  return [{ type: 'RegisterReactivated', data }];
};

/** A token only for a register or user the org has and has not deactivated: one it could use at once. */
const issueToken = ({ data, context }: IssueToken, state: ActiveTenancy): Decision<TenancyEvent> => {
  const { subject } = data;
  if (subject.kind === 'register') {
    const register = state.registers[subject.registerId];
    if (!register)
      return domainError(
        'TENANCY.REGISTER_NOT_FOUND',
        'data.subject.registerId',
        `the org has no register ${subject.registerId}`,
      );
    if (register.status === 'deactivated')
      return domainError(
        'TENANCY.REGISTER_DEACTIVATED',
        'data.subject.registerId',
        `register "${register.name}" is deactivated; reactivate it before issuing it a token`,
      );
  } else {
    const user = state.users[subject.userId];
    if (!user)
      return domainError('TENANCY.USER_NOT_FOUND', 'data.subject.userId', `the org has no user ${subject.userId}`);
    if (user.status === 'deactivated')
      return domainError(
        'TENANCY.USER_DEACTIVATED',
        'data.subject.userId',
        `${user.name} is deactivated; reactivate them before issuing them a token`,
      );
  }
  return [{ type: 'TokenIssued', data: { orgId: data.orgId, subject, ...context } }];
};

const decide = (command: TenancyCommand, state: TenancyState): Decision<TenancyEvent> => {
  const parsed = parseOrError(TenancyCommand, command);
  if (parsed instanceof DomainError) return parsed;
  if (parsed.type === 'CreateOrganization') return createOrganization(parsed, state);
  if (state.status === 'none')
    return domainError('TENANCY.ORG_NOT_FOUND', 'data.orgId', 'the org has not been created');
  if (parsed.data.orgId !== state.orgId)
    return domainError('TENANCY.WRONG_STREAM', 'data.orgId', `this stream holds org ${state.orgId}`);
  switch (parsed.type) {
    case 'CreateBrand':
      return createBrand(parsed, state);
    case 'CreateStore':
      return createStore(parsed, state);
    case 'CreateRegister':
      return createRegister(parsed, state);
    case 'AddUser':
      return addUser(parsed, state);
    case 'GrantRole':
      return grantRole(parsed, state);
    case 'RevokeRole':
      return revokeRole(parsed, state);
    case 'DeactivateUser':
      return deactivateUser(parsed, state);
    case 'ReactivateUser':
      return reactivateUser(parsed, state);
    case 'DeactivateRegister':
      return deactivateRegister(parsed, state);
    case 'ReactivateRegister':
      return reactivateRegister(parsed, state);
    case 'IssueToken':
      return issueToken(parsed, state);
    default:
      return assertNever(parsed);
  }
};

/** Records what happened; an event before the org was created (a stream out of order) changes nothing. */
const evolve = (state: TenancyState, event: TenancyEvent): TenancyState => {
  if (event.type === 'OrganizationCreated') {
    const { orgId, name } = event.data;
    return { status: 'active', orgId, name, brands: {}, stores: {}, registers: {}, users: {}, grants: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'BrandCreated':
      return { ...state, brands: { ...state.brands, [event.data.brandId]: { name: event.data.name } } };
    case 'StoreCreated': {
      const { storeId, brandId, name, timeZone, stateCode, gstin } = event.data;
      const store = { brandId, name, timeZone, stateCode, ...(gstin === undefined ? {} : { gstin }) };
      return { ...state, stores: { ...state.stores, [storeId]: store } };
    }
    case 'RegisterCreated': {
      const { registerId, storeId, name } = event.data;
      return { ...state, registers: { ...state.registers, [registerId]: { storeId, name, status: 'active' } } };
    }
    case 'UserAdded': {
      const { userId, name, email } = event.data;
      return { ...state, users: { ...state.users, [userId]: { name, email, status: 'active' } } };
    }
    case 'RoleGranted': {
      const { userId, role, scope } = event.data;
      return { ...state, grants: [...state.grants, { userId, role, scope }] };
    }
    case 'RoleRevoked':
      return { ...state, grants: state.grants.filter((grant) => !sameGrant(grant, event.data)) };
    case 'UserDeactivated':
    case 'UserReactivated': {
      const user = state.users[event.data.userId];
      if (!user) return state;
      const status = event.type === 'UserDeactivated' ? 'deactivated' : 'active';
      return { ...state, users: { ...state.users, [event.data.userId]: { ...user, status } } };
    }
    case 'RegisterDeactivated':
    case 'RegisterReactivated': {
      const register = state.registers[event.data.registerId];
      if (!register) return state;
      const status = event.type === 'RegisterDeactivated' ? 'deactivated' : 'active';
      return { ...state, registers: { ...state.registers, [event.data.registerId]: { ...register, status } } };
    }
    // A token changes nothing in the tree: who holds one is history, not state.
    case 'TokenIssued':
      return state;
    default:
      return assertNever(event);
  }
};

const initialState = (): TenancyState => ({ status: 'none' });

export const tenancyDecider: Decider<TenancyCommand, TenancyEvent, TenancyState> = { decide, evolve, initialState };
