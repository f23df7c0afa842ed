import { z } from 'zod';
import { Uuid } from './ids.js';

/**
 * What `GET /v1/scope` answers: what the caller may read reports of, with names. The stores are
 * those `scopesOf` lists, so exactly the stores a report without `storeId` covers, with their
 * brands and registers. A page builds its store and brand filters from it; an empty list means no
 * report will be served.
 */
export const ReportScopeView = z.object({
  orgId: Uuid,
  orgName: z.string(),
  /** Who the token is, by name, for a page's header ("Signed in as Asha Rao"). */
  signedInAs: z.object({ kind: z.enum(['user', 'register']), name: z.string() }),
  brands: z.array(z.object({ brandId: Uuid, name: z.string() })),
  stores: z.array(z.object({ storeId: Uuid, brandId: Uuid, name: z.string(), timeZone: z.string() })),
  registers: z.array(z.object({ registerId: Uuid, storeId: Uuid, name: z.string() })),
});
export type ReportScopeView = z.infer<typeof ReportScopeView>;
