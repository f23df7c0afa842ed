import { z } from 'zod';
import { Role } from './tenancy/grant.js';
import { Uuid } from './ids.js';
import { TokenSubject } from './tenancy/tenancy.events.js';

const Status = z.enum(['active', 'deactivated']);

/**
 * What `GET /v1/org` answers an owner: the org's whole tree and its people, by name, as an
 * administrator sets it up. Ids are there for machines and for the commands that take them.
 */
export const OrgView = z.object({
  orgId: Uuid,
  name: z.string(),
  brands: z.array(z.object({ brandId: Uuid, name: z.string() })),
  stores: z.array(
    z.object({
      storeId: Uuid,
      brandId: Uuid,
      name: z.string(),
      timeZone: z.string(),
      stateCode: z.string(),
      gstin: z.string().nullable(),
    }),
  ),
  registers: z.array(z.object({ registerId: Uuid, storeId: Uuid, name: z.string(), status: Status })),
  users: z.array(
    z.object({
      userId: Uuid,
      name: z.string(),
      email: z.string(),
      status: Status,
      /** Each role in force, with the id of the brand or store it is held over (null: the whole org). */
      roles: z.array(z.object({ role: Role, level: z.enum(['org', 'brand', 'store']), scopeId: Uuid.nullable() })),
    }),
  ),
});
export type OrgView = z.infer<typeof OrgView>;

/** `GET /v1/catalog?brandId=`: only the items of that brand. */
export const CatalogQuery = z.strictObject({ brandId: Uuid.optional() });
export type CatalogQuery = z.infer<typeof CatalogQuery>;

/**
 * What `GET /v1/catalog` answers someone who manages a catalog: the org's tax categories and the
 * items of each brand they manage, folded from the log rather than a projection. It reads the log
 * as every reader does, below the oldest transaction still open, so a change made a moment ago may
 * be missing while another transaction is open. Prices are brand prices in paise; a store's own
 * price is not shown.
 */
export const CatalogListing = z.object({
  taxCategories: z.array(
    z.object({ taxCategoryId: Uuid, name: z.string(), rateBasisPoints: z.number().int(), hsnSac: z.string() }),
  ),
  items: z.array(
    z.object({
      itemId: Uuid,
      brandId: Uuid,
      name: z.string(),
      kind: z.enum(['item', 'modifier']),
      taxCategoryId: Uuid,
      /** The item's own HSN/SAC; null when its tax category's code applies. */
      hsnSac: z.string().nullable(),
      unitPricePaise: z.number().int(),
      priceIncludesTax: z.boolean(),
      active: z.boolean(),
    }),
  ),
});
export type CatalogListing = z.infer<typeof CatalogListing>;

/** What `POST /v1/tokens` answers: the token, shown once, and what the audit trail records of it. */
export const IssuedToken = z.object({
  commandId: Uuid,
  streamId: z.string(),
  subject: TokenSubject,
  issuedAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
  /** The bearer token. Not stored anywhere: lost, a new one is issued. */
  token: z.string(),
});
export type IssuedToken = z.infer<typeof IssuedToken>;
