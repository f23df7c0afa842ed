import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertActivePrincipal, type TenancyReader } from '../auth/active-principals.js';
import { authenticate, AuthenticationError, type TokenClaims, type TokenService } from '../auth/tokens.js';
import { toHttpError } from './http-errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without a bearer token: health, metrics, the API document, the dashboard's files. */
    public?: boolean;
  }
}

const verified = new WeakMap<FastifyRequest, TokenClaims>();

/**
 * The claims the bearer token of this request carried, verified before its body was read. Throws
 * AuthenticationError (a 401) for a request nothing verified, so a route that forgot the hook
 * fails closed.
 */
export const claimsOf = (request: FastifyRequest): TokenClaims => {
  const claims = verified.get(request);
  if (claims === undefined) throw new AuthenticationError('an Authorization: Bearer token is required');
  return claims;
};

/** Whether this request's caller was authenticated (the JSON parser reads no body otherwise). */
export const isAuthenticated = (request: FastifyRequest): boolean => verified.has(request);

/**
 * Every route asks for a bearer token unless it is declared `config: { public: true }`, and the
 * token is verified in `onRequest`: before Fastify reads a byte of the body, so a caller without
 * one is answered 401 while still uploading and their body is never parsed (DESIGN.md,
 * invariant 12). A token of a user or register its org has deactivated is refused there too, by
 * the org's tenancy as it is now (active-principals.ts). The claims are kept for the handler
 * (`claimsOf`). An unknown route was answered before this hook (unknown-routes.ts).
 */
export const authenticateRequests = (app: FastifyInstance, tokens: TokenService, tenancyOf: TenancyReader): void => {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.public === true) return;
    try {
      const claims = await authenticate(tokens, request.headers.authorization);
      await assertActivePrincipal(tenancyOf, claims);
      verified.set(request, claims);
    } catch (error) {
      const mapped = toHttpError(error);
      if (!(error instanceof AuthenticationError) || !mapped) throw error;
      request.log.info({ status: mapped.status, error: mapped.body.error }, 'request refused before its body was read');
      return reply.code(mapped.status).send(mapped.body);
    }
  });
};
