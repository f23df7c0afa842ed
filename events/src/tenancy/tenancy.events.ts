import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { Gstin, GstStateCode } from '../gst.js';
import { Uuid } from '../ids.js';
import { TimeZone } from '../time.js';
import { Role, Scope } from './grant.js';

const Name = z.string().min(1).max(120);

export const OrganizationCreated = z.object({
  type: z.literal('OrganizationCreated'),
  data: z.object({ orgId: Uuid, name: Name }),
});
export type OrganizationCreated = z.infer<typeof OrganizationCreated>;

export const BrandCreated = z.object({
  type: z.literal('BrandCreated'),
  data: z.object({ orgId: Uuid, brandId: Uuid, name: Name }),
});
export type BrandCreated = z.infer<typeof BrandCreated>;

export const StoreCreated = z.object({
  type: z.literal('StoreCreated'),
  data: z
    .object({
      orgId: Uuid,
      storeId: Uuid,
      brandId: Uuid,
      name: Name,
      timeZone: TimeZone,
      stateCode: GstStateCode,
      gstin: Gstin.optional(),
    })
    .refine((data) => data.gstin === undefined || data.gstin.startsWith(data.stateCode), {
      message: "must be registered in the store's state",
      path: ['gstin'],
    }),
});
export type StoreCreated = z.infer<typeof StoreCreated>;

export const RegisterCreated = z.object({
  type: z.literal('RegisterCreated'),
  data: z.object({ orgId: Uuid, registerId: Uuid, storeId: Uuid, name: Name }),
});
export type RegisterCreated = z.infer<typeof RegisterCreated>;

export const UserAdded = z.object({
  type: z.literal('UserAdded'),
  data: z.object({ orgId: Uuid, userId: Uuid, name: Name, email: z.email() }),
});
export type UserAdded = z.infer<typeof UserAdded>;

export const RoleGranted = z.object({
  type: z.literal('RoleGranted'),
  data: z.object({ orgId: Uuid, userId: Uuid, role: Role, scope: Scope }),
});
export type RoleGranted = z.infer<typeof RoleGranted>;

export const RoleRevoked = z.object({
  type: z.literal('RoleRevoked'),
  data: z.object({ orgId: Uuid, userId: Uuid, role: Role, scope: Scope }),
});
export type RoleRevoked = z.infer<typeof RoleRevoked>;

const Reason = z.string().min(1).max(500);

/** The user's tokens are refused from now on; their grants stay, to count again on reactivation. */
export const UserDeactivated = z.object({
  type: z.literal('UserDeactivated'),
  data: z.object({ orgId: Uuid, userId: Uuid, reason: Reason }),
});
export type UserDeactivated = z.infer<typeof UserDeactivated>;

export const UserReactivated = z.object({
  type: z.literal('UserReactivated'),
  data: z.object({ orgId: Uuid, userId: Uuid, reason: Reason }),
});
export type UserReactivated = z.infer<typeof UserReactivated>;

/** The register's tokens (and so its sync and replay) are refused from now on. */
export const RegisterDeactivated = z.object({
  type: z.literal('RegisterDeactivated'),
  data: z.object({ orgId: Uuid, registerId: Uuid, reason: Reason }),
});
export type RegisterDeactivated = z.infer<typeof RegisterDeactivated>;

export const RegisterReactivated = z.object({
  type: z.literal('RegisterReactivated'),
  data: z.object({ orgId: Uuid, registerId: Uuid, reason: Reason }),
});
export type RegisterReactivated = z.infer<typeof RegisterReactivated>;

/** Whom a token speaks for: a register device (a till being paired) or a user. */
export const TokenSubject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('register'), registerId: Uuid }),
  z.object({ kind: z.literal('user'), userId: Uuid }),
]);
export type TokenSubject = z.infer<typeof TokenSubject>;

/**
 * A bearer token was signed by the ledger for `subject`, on the request of `issuedBy`, valid until
 * `expiresAt`. The token itself is never recorded: the event says who may hold one, for the audit
 * trail; deactivating the subject is what withdraws it.
 */
export const TokenIssued = z.object({
  type: z.literal('TokenIssued'),
  data: z.object({
    orgId: Uuid,
    subject: TokenSubject,
    issuedBy: Uuid,
    issuedAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
});
export type TokenIssued = z.infer<typeof TokenIssued>;

export type TenancyEvent =
  | OrganizationCreated
  | BrandCreated
  | StoreCreated
  | RegisterCreated
  | UserAdded
  | RoleGranted
  | RoleRevoked
  | UserDeactivated
  | UserReactivated
  | RegisterDeactivated
  | RegisterReactivated
  | TokenIssued;

export const tenancyEventDefinitions: EventDefinition[] = [
  { schema: OrganizationCreated, schemaVersion: 1 },
  { schema: BrandCreated, schemaVersion: 1 },
  { schema: StoreCreated, schemaVersion: 1 },
  { schema: RegisterCreated, schemaVersion: 1 },
  { schema: UserAdded, schemaVersion: 1 },
  { schema: RoleGranted, schemaVersion: 1 },
  { schema: RoleRevoked, schemaVersion: 1 },
  { schema: UserDeactivated, schemaVersion: 1 },
  { schema: UserReactivated, schemaVersion: 1 },
  { schema: RegisterDeactivated, schemaVersion: 1 },
  { schema: RegisterReactivated, schemaVersion: 1 },
  { schema: TokenIssued, schemaVersion: 1 },
];
