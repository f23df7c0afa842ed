import { CatalogPullQuery, DomainError, domainError, type TenancyStore } from '@possier/events';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { LedgerContext } from '../commands/ledger-context.js';
import { pullCatalog } from '../offline/catalog-pull.js';
import { claimsOf } from './authenticate-requests.js';
import { toHttpError } from './http-errors.js';

const send = (reply: FastifyReply, error: unknown) => {
  const mapped = toHttpError(error);
  if (!mapped) throw error;
  return reply.code(mapped.status).send(mapped.body);
};

/**
 * `GET /v1/registers/:registerId/catalog?after=<position>`: the catalog changes a register
 * needs to keep selling offline. Only the register itself may pull, for its own store.
 */
export const registerRegisterRoutes = (app: FastifyInstance, deps: { ledger: LedgerContext }): void => {
  app.get<{ Params: { registerId: string }; Querystring: unknown }>(
    '/v1/registers/:registerId/catalog',
    async (request, reply) => {
      try {
        const claims = claimsOf(request);
        if (claims.kind !== 'register' || claims.registerId !== request.params.registerId) {
          throw domainError('AUTH.FORBIDDEN', 'registerId', 'only the register itself pulls its catalog');
        }
        const query = CatalogPullQuery.parse(request.query);
        const allowed = await deps.ledger.authorize({ claims, correlationId: request.id }, 'register.replay', {
          storeId: claims.storeId,
          registerId: claims.registerId,
        });
        if (allowed instanceof DomainError) throw allowed;
        const store = allowed.store as TenancyStore;
        const { tenancy } = allowed;
        // The names the till shows instead of ids, from the tenancy tree the authorization read.
        const brand = tenancy.brands[store.brandId]?.name;
        const register = tenancy.registers[claims.registerId]?.name;
        const names = {
          org: tenancy.name,
          ...(brand !== undefined && { brand }),
          ...(register !== undefined && { register }),
        };
        const pulled = await pullCatalog(deps.ledger, claims, store, query.after, names);
        if (pulled instanceof DomainError) throw pulled;
        return reply.code(200).send(pulled);
      } catch (error) {
        return send(reply, error);
      }
    },
  );
};
