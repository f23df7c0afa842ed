import { z } from 'zod';
import { Gstin, GstStateCode } from '../gst.js';
import { Uuid } from '../ids.js';
import { TimeZone } from '../time.js';
import { Role, Scope } from './grant.js';
import { TokenSubject } from './tenancy.events.js';

const Name = z.string().trim().min(1, { message: 'must not be empty' }).max(120);
const Email = z.email({ message: 'must be an email address' }).max(254);

/** Creates the org with its first owner, so an org never exists without someone who can run it. */
export const CreateOrganization = z.object({
  type: z.literal('CreateOrganization'),
  data: z.object({ orgId: Uuid, name: Name, ownerUserId: Uuid, ownerName: Name, ownerEmail: Email }),
});
export type CreateOrganization = z.infer<typeof CreateOrganization>;

export const CreateBrand = z.object({
  type: z.literal('CreateBrand'),
  data: z.object({ orgId: Uuid, brandId: Uuid, name: Name }),
});
export type CreateBrand = z.infer<typeof CreateBrand>;

/**
 * `timeZone` decides the store's business dates; `stateCode` is where it supplies from, which
 * decides CGST + SGST against IGST on every bill; `gstin` is its registration in that state.
 */
export const CreateStore = z.object({
  type: z.literal('CreateStore'),
  data: z.object({
    orgId: Uuid,
    storeId: Uuid,
    brandId: Uuid,
    name: Name,
    timeZone: TimeZone,
    stateCode: GstStateCode,
    gstin: Gstin.optional(),
  }),
});
export type CreateStore = z.infer<typeof CreateStore>;

export const CreateRegister = z.object({
  type: z.literal('CreateRegister'),
  data: z.object({ orgId: Uuid, registerId: Uuid, storeId: Uuid, name: Name }),
});
export type CreateRegister = z.infer<typeof CreateRegister>;

export const AddUser = z.object({
  type: z.literal('AddUser'),
  data: z.object({ orgId: Uuid, userId: Uuid, name: Name, email: Email }),
});
export type AddUser = z.infer<typeof AddUser>;

export const GrantRole = z.object({
  type: z.literal('GrantRole'),
  data: z.object({ orgId: Uuid, userId: Uuid, role: Role, scope: Scope }),
});
export type GrantRole = z.infer<typeof GrantRole>;

export const RevokeRole = z.object({
  type: z.literal('RevokeRole'),
  data: z.object({ orgId: Uuid, userId: Uuid, role: Role, scope: Scope }),
});
export type RevokeRole = z.infer<typeof RevokeRole>;

/** Why a user or register is deactivated or reactivated: kept in the event, for whoever reads the history. */
const Reason = z.string().trim().min(1, { message: 'must not be empty' }).max(500);

/**
 * Who asks, as the host authorized them: a user may not deactivate themselves (an owner doing so
 * could leave the org with nobody to run it).
 */
const Requester = z.object({ actorId: Uuid });

/** Stops a user's tokens at once, on every ledger instance; their grants are kept for reactivation. */
export const DeactivateUser = z.object({
  type: z.literal('DeactivateUser'),
  data: z.object({ orgId: Uuid, userId: Uuid, reason: Reason }),
  context: Requester,
});
export type DeactivateUser = z.infer<typeof DeactivateUser>;

export const ReactivateUser = z.object({
  type: z.literal('ReactivateUser'),
  data: z.object({ orgId: Uuid, userId: Uuid, reason: Reason }),
});
export type ReactivateUser = z.infer<typeof ReactivateUser>;

/** Stops a register device's tokens at once (a lost or stolen till); its sales already stored stand. */
export const DeactivateRegister = z.object({
  type: z.literal('DeactivateRegister'),
  data: z.object({ orgId: Uuid, registerId: Uuid, reason: Reason }),
});
export type DeactivateRegister = z.infer<typeof DeactivateRegister>;

export const ReactivateRegister = z.object({
  type: z.literal('ReactivateRegister'),
  data: z.object({ orgId: Uuid, registerId: Uuid, reason: Reason }),
});
export type ReactivateRegister = z.infer<typeof ReactivateRegister>;

/**
 * Records that the ledger signs a token for a register or user of the org. The host supplies
 * who asks and the validity it signs for (its clock and the kind's lifetime); never the token.
 */
export const IssueToken = z.object({
  type: z.literal('IssueToken'),
  data: z.object({ orgId: Uuid, subject: TokenSubject }),
  context: z.object({
    issuedBy: Uuid,
    issuedAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
});
export type IssueToken = z.infer<typeof IssueToken>;

export const TenancyCommand = z.discriminatedUnion('type', [
  CreateOrganization,
  CreateBrand,
  CreateStore,
  CreateRegister,
  AddUser,
  GrantRole,
  RevokeRole,
  DeactivateUser,
  ReactivateUser,
  DeactivateRegister,
  ReactivateRegister,
  IssueToken,
]);
export type TenancyCommand = z.infer<typeof TenancyCommand>;
