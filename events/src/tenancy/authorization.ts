import { z } from 'zod';
import { DomainError, domainError } from '../errors.js';
import { Uuid } from '../ids.js';
import { ACTION_PHRASES, REGISTER_ACTIONS, ROLE_ACTIONS, STORE_ACTIONS, type Action } from './actions.js';
import { describeScope, type Scope } from './grant.js';
import type { ActiveTenancy } from './tenancy.decider.js';

/** A till or tablet, bound at enrolment to one register of one store; it acts only as itself. */
export const RegisterPrincipal = z.object({
  kind: z.literal('register'),
  orgId: Uuid,
  brandId: Uuid,
  storeId: Uuid,
  registerId: Uuid,
});
export type RegisterPrincipal = z.infer<typeof RegisterPrincipal>;

/** A person; what they may do comes from their grants in the tenancy stream, never from the token. */
export const UserPrincipal = z.object({ kind: z.literal('user'), orgId: Uuid, userId: Uuid });
export type UserPrincipal = z.infer<typeof UserPrincipal>;

export const Principal = z.discriminatedUnion('kind', [RegisterPrincipal, UserPrincipal]);
export type Principal = z.infer<typeof Principal>;

/**
 * The ids a command or query names, as the handler read them from it. Only `orgId` is required;
 * the most specific id named is the node the caller must be entitled to. A brand is always taken
 * from the tenancy tree, so a request cannot move a store into a brand the caller manages.
 */
export const AuthTarget = z.object({
  orgId: Uuid,
  brandId: Uuid.optional(),
  storeId: Uuid.optional(),
  registerId: Uuid.optional(),
});
export type AuthTarget = z.infer<typeof AuthTarget>;

/** The target resolved against the tree: a store's brand comes from tenancy, not from the request. */
type TargetNode =
  | { level: 'org'; orgId: string }
  | { level: 'brand'; brandId: string }
  | { level: 'store'; brandId: string; storeId: string; registerId?: string };

const forbidden = (path: string, reason: string): DomainError => domainError('AUTH.FORBIDDEN', path, reason);

const describeNode = (node: TargetNode): string => {
  switch (node.level) {
    case 'org':
      return `org ${node.orgId}`;
    case 'brand':
      return `brand ${node.brandId}`;
    case 'store':
      return `store ${node.storeId}`;
  }
};

const resolveTarget = (target: AuthTarget, tenancy: ActiveTenancy): TargetNode | DomainError => {
  let storeId = target.storeId;
  if (target.registerId !== undefined) {
    const register = tenancy.registers[target.registerId];
    if (!register)
      return domainError('AUTH.UNKNOWN_REGISTER', 'registerId', `the org has no register ${target.registerId}`);
    if (storeId !== undefined && storeId !== register.storeId) {
      return domainError(
        'AUTH.TARGET_MISMATCH',
        'registerId',
        `register ${target.registerId} belongs to store ${register.storeId}, not ${storeId}`,
      );
    }
    storeId = register.storeId;
  }
  if (storeId !== undefined) {
    const store = tenancy.stores[storeId];
    if (!store) return domainError('AUTH.UNKNOWN_STORE', 'storeId', `the org has no store ${storeId}`);
    if (target.brandId !== undefined && target.brandId !== store.brandId) {
      return domainError(
        'AUTH.TARGET_MISMATCH',
        'brandId',
        `store ${storeId} belongs to brand ${store.brandId}, not ${target.brandId}`,
      );
    }
    return {
      level: 'store',
      brandId: store.brandId,
      storeId,
      ...(target.registerId === undefined ? {} : { registerId: target.registerId }),
    };
  }
  if (target.brandId !== undefined) {
    if (!tenancy.brands[target.brandId])
      return domainError('AUTH.UNKNOWN_BRAND', 'brandId', `the org has no brand ${target.brandId}`);
    return { level: 'brand', brandId: target.brandId };
  }
  return { level: 'org', orgId: target.orgId };
};

/** Org covers everything in it, a brand covers itself and its stores, a store covers itself. */
const covers = (scope: Scope, node: TargetNode): boolean => {
  switch (scope.level) {
    case 'org':
      return true;
    case 'brand':
      return node.level !== 'org' && node.brandId === scope.brandId;
    case 'store':
      return node.level === 'store' && node.storeId === scope.storeId;
  }
};

const authorizeRegister = (
  principal: RegisterPrincipal,
  action: Action,
  node: TargetNode,
  tenancy: ActiveTenancy,
): DomainError | undefined => {
  const { registerId, storeId, brandId } = principal;
  // A signed token says where the register was enrolled; the tree says where it is. Both must agree.
  const enrolled = tenancy.registers[registerId];
  if (enrolled?.storeId !== storeId || tenancy.stores[storeId]?.brandId !== brandId) {
    return domainError(
      'AUTH.UNKNOWN_REGISTER',
      'principal',
      `register ${registerId} is not a register of store ${storeId} in brand ${brandId}`,
    );
  }
  if (!REGISTER_ACTIONS.includes(action))
    return forbidden('', `register ${registerId} is a device and may not ${ACTION_PHRASES[action]}`);
  if (node.level !== 'store' || node.storeId !== storeId) {
    return forbidden(
      node.level === 'store' ? 'storeId' : '',
      `register ${registerId} may only act in its own store ${storeId}, not in ${describeNode(node)}`,
    );
  }
  if (node.registerId !== undefined && node.registerId !== registerId)
    return forbidden('registerId', `register ${registerId} may only act as itself, not as ${node.registerId}`);
  return undefined;
};

const authorizeUser = (
  principal: UserPrincipal,
  action: Action,
  node: TargetNode,
  tenancy: ActiveTenancy,
): DomainError | undefined => {
  const grants = tenancy.grants.filter((grant) => grant.userId === principal.userId);
  const covering = grants.filter((grant) => covers(grant.scope, node));
  if (covering.some((grant) => ROLE_ACTIONS[grant.role].includes(action))) return undefined;
  if (grants.length === 0) return forbidden('', `user ${principal.userId} holds no role in org ${tenancy.orgId}`);
  if (covering.length === 0) return forbidden('', `no role of user ${principal.userId} covers ${describeNode(node)}`);
  const roles = covering.map((grant) => `${grant.role} at ${describeScope(grant.scope)}`).join(', ');
  return forbidden('', `${roles} may not ${ACTION_PHRASES[action]} in ${describeNode(node)}`);
};

/**
 * Why `principal` may not act at all any more — its user or register was deactivated — or
 * undefined. Hosts check it on every authenticated request, before anything else: a deactivated
 * principal's tokens are still validly signed, and this is what withdraws them.
 */
export const deactivatedPrincipal = (principal: Principal, tenancy: ActiveTenancy): DomainError | undefined => {
  if (principal.kind === 'user') {
    if (tenancy.users[principal.userId]?.status !== 'deactivated') return undefined;
    return domainError(
      'AUTH.PRINCIPAL_DEACTIVATED',
      'principal',
      `user ${principal.userId} has been deactivated in org ${tenancy.orgId}; an owner can reactivate them`,
    );
  }
  if (tenancy.registers[principal.registerId]?.status !== 'deactivated') return undefined;
  return domainError(
    'AUTH.PRINCIPAL_DEACTIVATED',
    'principal',
    `register ${principal.registerId} has been deactivated in org ${tenancy.orgId}; an owner or a manager of its store can reactivate it`,
  );
};

/**
 * May `principal` perform `action` on `target`? Answers undefined when it may, or the AUTH error
 * that says which org, scope or role was missing. Every command and query is checked, whatever its
 * body says: the org first (so nothing about another org's tree is ever revealed), then whether the
 * principal is still active, then the target against the tree, then the principal's grants or
 * device binding.
 *
 * `tenancy` must be the principal's own org, folded from its tenancy stream.
 */
export const authorize = (
  principal: Principal,
  action: Action,
  target: AuthTarget,
  tenancy: ActiveTenancy,
): DomainError | undefined => {
  if (target.orgId !== principal.orgId) {
    return domainError(
      'AUTH.WRONG_ORG',
      'orgId',
      `a token of org ${principal.orgId} cannot act in org ${target.orgId}`,
    );
  }
  if (tenancy.orgId !== principal.orgId) {
    return domainError(
      'AUTH.WRONG_ORG',
      'orgId',
      `the tenancy of org ${tenancy.orgId} cannot authorize a token of org ${principal.orgId}`,
    );
  }
  const deactivated = deactivatedPrincipal(principal, tenancy);
  if (deactivated) return deactivated;
  if (STORE_ACTIONS.includes(action) && target.storeId === undefined) {
    return domainError(
      'AUTH.STORE_REQUIRED',
      'storeId',
      `to ${ACTION_PHRASES[action]} the request must name its store`,
    );
  }
  const node = resolveTarget(target, tenancy);
  if (node instanceof DomainError) return node;
  return principal.kind === 'register'
    ? authorizeRegister(principal, action, node, tenancy)
    : authorizeUser(principal, action, node, tenancy);
};

/**
 * The stores in which `principal` may perform `action` (by default, read reports): the filter a
 * report or audit query applies, so a listing shows exactly the stores `authorize` would allow one
 * by one. In the order the stores were created.
 */
export const scopesOf = (principal: Principal, tenancy: ActiveTenancy, action: Action = 'reports.read'): string[] =>
  Object.keys(tenancy.stores).filter(
    (storeId) => authorize(principal, action, { orgId: principal.orgId, storeId }, tenancy) === undefined,
  );
