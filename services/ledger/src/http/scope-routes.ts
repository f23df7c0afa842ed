import { domainError, scopesOf, type Principal, type ReportScopeView } from '@possier/events';
import type { FastifyInstance } from 'fastify';
import type { LedgerContext } from '../commands/ledger-context.js';
import { claimsOf } from './authenticate-requests.js';
import { toHttpError } from './http-errors.js';

export const SCOPE_PATH = '/v1/scope';

/** `GET /v1/scope`: the caller's readable part of the org → brand → store tree (ReportScopeView in the contract). */
export const registerScopeRoutes = (app: FastifyInstance, deps: { ledger: LedgerContext }): void => {
  app.get(SCOPE_PATH, async (request, reply) => {
    try {
      const claims = claimsOf(request);
      if (claims.kind === 'operator')
        throw domainError('AUTH.FORBIDDEN', '', 'an operator token reads no org; it may only create organisations');
      const tenancy = await deps.ledger.tenancy(claims.orgId);
      if (tenancy.status !== 'active') throw domainError('AUTH.UNKNOWN_ORG', '', `org ${claims.orgId} does not exist`);
      const principal: Principal = claims;
      const readable = new Set(scopesOf(principal, tenancy, 'reports.read'));
      const stores = Object.entries(tenancy.stores)
        .filter(([storeId]) => readable.has(storeId))
        .map(([storeId, store]) => ({ storeId, brandId: store.brandId, name: store.name, timeZone: store.timeZone }));
      const brandIds = new Set(stores.map((store) => store.brandId));
      const view: ReportScopeView = {
        orgId: tenancy.orgId,
        orgName: tenancy.name,
        signedInAs:
          claims.kind === 'user'
            ? { kind: 'user', name: tenancy.users[claims.userId]?.name ?? 'a user the org no longer lists' }
            : {
                kind: 'register',
                name: tenancy.registers[claims.registerId]?.name ?? 'a register the org no longer lists',
              },
        brands: Object.entries(tenancy.brands)
          .filter(([brandId]) => brandIds.has(brandId))
          .map(([brandId, brand]) => ({ brandId, name: brand.name })),
        stores,
        registers: Object.entries(tenancy.registers)
          .filter(([, register]) => readable.has(register.storeId))
          .map(([registerId, register]) => ({ registerId, storeId: register.storeId, name: register.name })),
      };
      return reply.code(200).send(view);
    } catch (error) {
      const mapped = toHttpError(error);
      // A bug, not a refusal: the route's error handler logs it and answers 500 (request-errors.ts).
      if (!mapped) throw error;
      return reply.code(mapped.status).send(mapped.body);
    }
  });
};
