import {
  CustomerLookupQuery,
  DomainError,
  domainError,
  loyaltyBalance,
  normaliseIndianPhone,
  type CustomerPullResponse,
  type LoyaltyBalanceView,
} from '@possier/events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Caller, LedgerContext } from '../commands/ledger-context.js';
import { allCustomers, customerState, customerViews } from '../customers/customer-directory.js';
import { customersForRegister } from '../customers/register-customer-pull.js';
import { loyaltyAccountOf, loyaltyRuleOf } from '../loyalty/order-loyalty.js';
import { claimsOf } from './authenticate-requests.js';
import { toHttpError } from './http-errors.js';
import { requestErrorHandler } from './request-errors.js';

const send = (reply: FastifyReply, error: unknown) => {
  const mapped = toHttpError(error);
  if (!mapped) throw error;
  return reply.code(mapped.status).send(mapped.body);
};

/** The path and query strings of the customer routes, as validated here and documented (openapi-reads.ts). */
export const CustomerParams = z.object({ customerId: z.uuid() });
export const StoreQuery = z.strictObject({ storeId: z.uuid().optional() });
export const LoyaltyQuery = z.strictObject({ brandId: z.uuid(), storeId: z.uuid().optional() });

/**
 * Customers read back, decrypted here at read time (nothing in clear is stored anywhere else):
 * `GET /v1/customers/:customerId`, `POST /v1/customers/lookup` (by phone, in the body, so a number
 * never lands in an access log's URL) and, for a register to attach
 * customers offline, `GET /v1/registers/:registerId/customers`. Reading details is
 * `customer.manage`; a person whose grant is a store's names it (`storeId`).
 */
export const registerCustomerRoutes = (app: FastifyInstance, deps: { ledger: LedgerContext }): void => {
  const allowed = async (request: FastifyRequest, storeId?: string) => {
    const claims = claimsOf(request);
    const caller: Caller = { claims, correlationId: request.id };
    const target = { storeId: claims.kind === 'register' ? claims.storeId : storeId };
    const result = await deps.ledger.authorize(caller, 'customer.manage', target);
    if (result instanceof DomainError) throw result;
    return result;
  };

  app.get<{ Params: unknown; Querystring: unknown }>('/v1/customers/:customerId', async (request, reply) => {
    try {
      const { customerId } = CustomerParams.parse(request.params);
      const query = StoreQuery.parse(request.query);
      const { principal } = await allowed(request, query.storeId);
      const state = await customerState(deps.ledger.store, principal.orgId, customerId);
      if (state.status === 'none')
        throw domainError('CUSTOMER.NOT_FOUND', 'customerId', 'no customer with this id is registered');
      const [view] = await customerViews(deps.ledger.customerKeys, principal.orgId, [state]);
      return reply.code(200).send(view);
    } catch (error) {
      return send(reply, error);
    }
  });

  app.get<{ Params: unknown; Querystring: unknown }>('/v1/customers/:customerId/loyalty', async (request, reply) => {
    try {
      const { customerId } = CustomerParams.parse(request.params);
      const query = LoyaltyQuery.parse(request.query);
      const { principal, tenancy } = await allowed(request, query.storeId);
      if (!tenancy.brands[query.brandId])
        throw domainError('TENANCY.BRAND_NOT_FOUND', 'brandId', 'the org has no brand with this id');
      const state = await customerState(deps.ledger.store, principal.orgId, customerId);
      if (state.status === 'none')
        throw domainError('CUSTOMER.NOT_FOUND', 'customerId', 'no customer with this id is registered');
      const [account, rule] = await Promise.all([
        loyaltyAccountOf(deps.ledger.store, principal.orgId, query.brandId, customerId),
        loyaltyRuleOf(deps.ledger.store, principal.orgId, query.brandId),
      ]);
      const points = loyaltyBalance(account);
      const body: LoyaltyBalanceView = {
        brandId: query.brandId,
        customerId,
        points,
        valuePaise: points * (rule?.pointValuePaise ?? 0),
        lots: account.lots.map(({ points: lotPoints, expiresOn }) => ({ points: lotPoints, expiresOn })),
      };
      return reply.code(200).send(body);
    } catch (error) {
      return send(reply, error);
    }
  });

  app.post<{ Body: unknown }>('/v1/customers/lookup', { errorHandler: requestErrorHandler }, async (request, reply) => {
    try {
      const query = CustomerLookupQuery.parse(request.body);
      const phone = normaliseIndianPhone(query.phone);
      if (phone === null) throw domainError('VALIDATION.INVALID', 'phone', 'must be an Indian phone number');
      const { principal } = await allowed(request, query.storeId);
      const owner = await deps.ledger.customerKeys.phoneOwner(principal.orgId, phone);
      const state = owner === null ? undefined : await customerState(deps.ledger.store, principal.orgId, owner);
      const found = state?.status === 'active' ? [state] : [];
      return reply.code(200).send({ customers: await customerViews(deps.ledger.customerKeys, principal.orgId, found) });
    } catch (error) {
      return send(reply, error);
    }
  });

  app.get<{ Params: { registerId: string } }>('/v1/registers/:registerId/customers', async (request, reply) => {
    try {
      const claims = claimsOf(request);
      if (claims.kind !== 'register' || claims.registerId !== request.params.registerId) {
        throw domainError('AUTH.FORBIDDEN', 'registerId', 'only the register itself pulls its customers');
      }
      const { principal, store } = await allowed(request);
      const states = (await allCustomers(deps.ledger.store, principal.orgId)).filter(
        (state) => state.status === 'active',
      );
      const views = await customerViews(deps.ledger.customerKeys, principal.orgId, states);
      const brandId = store?.brandId;
      const rule = brandId === undefined ? null : await loyaltyRuleOf(deps.ledger.store, principal.orgId, brandId);
      const points = new Map<string, number>();
      if (brandId !== undefined && rule !== null) {
        for (const view of views) {
          const account = await loyaltyAccountOf(deps.ledger.store, principal.orgId, brandId, view.customerId);
          points.set(view.customerId, loyaltyBalance(account));
        }
      }
      const pulled = views.flatMap((view) =>
        view.status === 'active' && view.phone !== null
          ? [
              {
                customerId: view.customerId,
                name: view.name,
                phone: view.phone,
                ...(rule === null ? {} : { loyaltyPoints: points.get(view.customerId) ?? 0 }),
              },
            ]
          : [],
      );
      const body: CustomerPullResponse = {
        ...(await customersForRegister(deps.ledger.customerKeys, principal.orgId, claims.registerId, pulled)),
        ...(rule === null ? {} : { loyaltyRule: rule }),
      };
      return reply.code(200).send(body);
    } catch (error) {
      return send(reply, error);
    }
  });
};
