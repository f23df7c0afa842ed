import { declareCommand, type CommandAuthorization } from '../command-declaration.js';
import { domainError } from '../errors.js';
import {
  AddUser,
  CreateBrand,
  CreateOrganization,
  CreateRegister,
  CreateStore,
  DeactivateRegister,
  DeactivateUser,
  GrantRole,
  IssueToken,
  ReactivateRegister,
  ReactivateUser,
  RevokeRole,
} from './tenancy.commands.js';
import { tenancyDecider, tenancyStreamId, type TenancyState } from './tenancy.decider.js';
import { IssuedToken } from '../setup.contract.js';
import { TokenIssued } from './tenancy.events.js';

/**
 * A new organisation is the one thing no org member can create: it takes an operator token, and
 * its owner (created with it) administers everything after.
 */
export const createOrganization = declareCommand({
  type: 'CreateOrganization',
  route: { path: '/v1/organizations', summary: 'Create an organisation with its owner (operator token)' },
  data: CreateOrganization.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: { operator: true, org: (data) => data.orgId, actor: (data) => data.ownerUserId },
  command: ({ data }) => ({ type: 'CreateOrganization' as const, data }),
});

/** Administration of an existing org: its tree, users and grants. */
const administration: CommandAuthorization<{ orgId: string }, TenancyState> = {
  action: 'tenancy.manage',
  target: (data) => ({ orgId: data.orgId }),
};

export const createBrand = declareCommand({
  type: 'CreateBrand',
  route: { path: '/v1/brands', summary: 'Create a brand' },
  data: CreateBrand.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: administration,
  command: ({ data }) => ({ type: 'CreateBrand' as const, data }),
});

export const createStore = declareCommand({
  type: 'CreateStore',
  route: { path: '/v1/stores', summary: 'Create a store with its time zone and GST state' },
  data: CreateStore.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: administration,
  command: ({ data }) => ({ type: 'CreateStore' as const, data }),
});

export const createRegister = declareCommand({
  type: 'CreateRegister',
  route: { path: '/v1/registers', summary: 'Create a register in a store' },
  data: CreateRegister.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: administration,
  command: ({ data }) => ({ type: 'CreateRegister' as const, data }),
});

export const addUser = declareCommand({
  type: 'AddUser',
  route: { path: '/v1/users', summary: 'Add a user to the organisation' },
  data: AddUser.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: administration,
  command: ({ data }) => ({ type: 'AddUser' as const, data }),
});

export const grantRole = declareCommand({
  type: 'GrantRole',
  route: { path: '/v1/users/{userId}/roles', summary: 'Grant a user a role over the org, a brand or a store' },
  data: GrantRole.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: administration,
  command: ({ data }) => ({ type: 'GrantRole' as const, data }),
});

export const revokeRole = declareCommand({
  type: 'RevokeRole',
  route: { path: '/v1/users/{userId}/roles/revoke', summary: 'Revoke a role from a user' },
  data: RevokeRole.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: administration,
  command: ({ data }) => ({ type: 'RevokeRole' as const, data }),
});

export const deactivateUser = declareCommand({
  type: 'DeactivateUser',
  route: {
    path: '/v1/users/{userId}/deactivate',
    summary: 'Deactivate a user: every token of theirs is refused from the next request on (owner)',
  },
  data: DeactivateUser.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: administration,
  command: ({ data, scope }) => ({
    type: 'DeactivateUser' as const,
    data,
    context: { actorId: scope.principal.kind === 'user' ? scope.principal.userId : scope.principal.registerId },
  }),
});

export const reactivateUser = declareCommand({
  type: 'ReactivateUser',
  route: { path: '/v1/users/{userId}/reactivate', summary: 'Reactivate a deactivated user (owner)' },
  data: ReactivateUser.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: administration,
  command: ({ data }) => ({ type: 'ReactivateUser' as const, data }),
});

/**
 * A register is acted on in its store, so its store's and brand's managers may stop it. One the
 * org does not have (another org's included) is checked at the org, where only org-wide roles
 * reach, and the decider answers that it does not exist.
 */
const onRegister: CommandAuthorization<{ orgId: string; registerId: string }, TenancyState> = {
  action: 'register.deactivate',
  target: (data, state) => {
    const register = state.status === 'active' ? state.registers[data.registerId] : undefined;
    return register
      ? { orgId: data.orgId, storeId: register.storeId, registerId: data.registerId }
      : { orgId: data.orgId };
  },
};

export const deactivateRegister = declareCommand({
  type: 'DeactivateRegister',
  route: {
    path: '/v1/registers/{registerId}/deactivate',
    summary: 'Deactivate a register: its tokens, sync and replay are refused from the next request on',
  },
  data: DeactivateRegister.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: onRegister,
  command: ({ data }) => ({ type: 'DeactivateRegister' as const, data }),
});

export const reactivateRegister = declareCommand({
  type: 'ReactivateRegister',
  route: { path: '/v1/registers/{registerId}/reactivate', summary: 'Reactivate a deactivated register' },
  data: ReactivateRegister.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: onRegister,
  command: ({ data }) => ({ type: 'ReactivateRegister' as const, data }),
});

/**
 * A bearer token for a register (pairing a till) or a user of the org, signed by the ledger with
 * its key for the kind's default lifetime. Owners only: a token is the power to act as its
 * subject. The issuance is an event (who, for whom, until when), the token is not.
 */
export const issueToken = declareCommand({
  type: 'IssueToken',
  route: {
    path: '/v1/tokens',
    summary: 'Issue a bearer token for a register (to pair a till) or a user, shown once and never stored (owner)',
  },
  data: IssueToken.shape.data,
  stream: (data) => tenancyStreamId(data.orgId),
  decider: tenancyDecider,
  authorization: administration,
  needs: ({ data }) => ({ tokenValidity: { kind: data.subject.kind } }),
  command: ({ data, scope, context }) => {
    const validity = context.tokenValidity;
    if (validity === undefined) return domainError('TENANCY.ONLINE_ONLY', '', 'only the ledger signs tokens');
    if (scope.principal.kind !== 'user') return domainError('AUTH.FORBIDDEN', '', 'only a person issues tokens');
    return {
      type: 'IssueToken' as const,
      data,
      context: { issuedBy: scope.principal.userId, ...validity },
    };
  },
  answer: {
    schema: IssuedToken,
    of: (outcome): IssuedToken => {
      const issued = outcome.events.find((event) => event.type === 'TokenIssued');
      const data = TokenIssued.shape.data.parse(issued?.data);
      if (outcome.token === undefined) throw new Error('the ledger answered a token issuance without signing it');
      return {
        commandId: outcome.commandId,
        streamId: outcome.streamId,
        subject: data.subject,
        issuedAt: data.issuedAt,
        expiresAt: data.expiresAt,
        token: outcome.token,
      };
    },
  },
});
