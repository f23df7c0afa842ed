import { z } from 'zod';
import { Gstin, GstStateCode } from '../gst.js';
import { Uuid } from '../ids.js';
import { TimeZone } from '../time.js';
import { Role, Scope } from './grant.js';

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

export const TenancyCommand = z.discriminatedUnion('type', [
  CreateOrganization,
  CreateBrand,
  CreateStore,
  CreateRegister,
  AddUser,
  GrantRole,
  RevokeRole,
]);
export type TenancyCommand = z.infer<typeof TenancyCommand>;
