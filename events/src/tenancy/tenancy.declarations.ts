import { declareCommand, type CommandAuthorization } from '../command-declaration.js';
import {
  AddUser,
  CreateBrand,
  CreateOrganization,
  CreateRegister,
  CreateStore,
  GrantRole,
  RevokeRole,
} from './tenancy.commands.js';
import { tenancyDecider, tenancyStreamId, type TenancyState } from './tenancy.decider.js';

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
