import { deactivatedPrincipal, type TenancyState } from '@possier/events';
import { AuthenticationError, type TokenClaims } from './tokens.js';

/** An org's tenancy as it is now (`LedgerContext.tenancy`). */
export type TenancyReader = (orgId: string) => Promise<TenancyState>;

/**
 * Refuses, as a 401 (`AUTH.PRINCIPAL_DEACTIVATED`), the claims of a user or register its org has
 * deactivated. A token cannot be taken back once signed; this is what withdraws it.
 *
 * The org's tenancy is read from the event store, the source of truth, on every call: the folded
 * state is kept in memory and brought up to date by one indexed read of what the tenancy stream was
 * appended since (usually nothing). So a deactivation any ledger instance has answered counts on
 * every other instance at its next request, with no cache to expire and no second table that could
 * disagree with the stream. Operator tokens belong to no org and are not checked here.
 */
export const assertActivePrincipal = async (tenancyOf: TenancyReader, claims: TokenClaims): Promise<void> => {
  if (claims.kind === 'operator') return;
  const tenancy = await tenancyOf(claims.orgId);
  // An org that does not exist has no principals to deactivate; authorization refuses its tokens.
  if (tenancy.status !== 'active') return;
  const refused = deactivatedPrincipal(claims, tenancy);
  if (refused) throw new AuthenticationError(refused.reason, refused.code);
};
