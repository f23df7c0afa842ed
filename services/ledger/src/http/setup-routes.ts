import {
  CatalogQuery,
  DomainError,
  itemDecider,
  taxCategoryDecider,
  type CatalogListing,
  type ItemState,
  type OrgView,
  type TaxCategoryState,
} from '@possier/events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerContext } from '../commands/ledger-context.js';
import { catalogEventsAfter } from '../offline/catalog-pull.js';
import { claimsOf } from './authenticate-requests.js';
import { toHttpError } from './http-errors.js';

export const ORG_PATH = '/v1/org';
export const CATALOG_PATH = '/v1/catalog';

const refuse = (reply: FastifyReply, error: unknown) => {
  const mapped = toHttpError(error);
  // A bug, not a refusal: the route's error handler logs it and answers 500 (request-errors.ts).
  if (!mapped) throw error;
  return reply.code(mapped.status).send(mapped.body);
};

/** The org's whole tree and people, for its owners (who alone may change them). */
const readOrg = async (ledger: LedgerContext, request: FastifyRequest): Promise<OrgView> => {
  const claims = claimsOf(request);
  const allowed = await ledger.authorize({ claims, correlationId: request.id }, 'tenancy.manage', {});
  if (allowed instanceof DomainError) throw allowed;
  const { tenancy } = allowed;
  return {
    orgId: tenancy.orgId,
    name: tenancy.name,
    brands: Object.entries(tenancy.brands).map(([brandId, brand]) => ({ brandId, name: brand.name })),
    stores: Object.entries(tenancy.stores).map(([storeId, store]) => ({
      storeId,
      brandId: store.brandId,
      name: store.name,
      timeZone: store.timeZone,
      stateCode: store.stateCode,
      gstin: store.gstin ?? null,
    })),
    registers: Object.entries(tenancy.registers).map(([registerId, register]) => ({
      registerId,
      storeId: register.storeId,
      name: register.name,
      status: register.status,
    })),
    users: Object.entries(tenancy.users).map(([userId, user]) => ({
      userId,
      name: user.name,
      email: user.email,
      status: user.status,
      roles: tenancy.grants
        .filter((grant) => grant.userId === userId)
        .map(({ role, scope }) => ({
          role,
          level: scope.level,
          scopeId: scope.level === 'brand' ? scope.brandId : scope.level === 'store' ? scope.storeId : null,
        })),
    })),
  };
};

/**
 * The org's tax categories and the items of the brands the caller manages (or of the one brand
 * asked for), folded from the org's catalog events, read from the start of the global log: an
 * administrator's read, not a till's. The global log is read below the oldest open transaction
 * (see the store), so what was appended a moment ago may show a moment later.
 */
const readCatalog = async (ledger: LedgerContext, request: FastifyRequest): Promise<CatalogListing> => {
  const claims = claimsOf(request);
  const query = CatalogQuery.parse(request.query);
  const caller = { claims, correlationId: request.id };
  const allowed = await ledger.authorize(caller, 'catalog.manage', { brandId: query.brandId });
  let brands: ReadonlySet<string>;
  if (!(allowed instanceof DomainError)) {
    brands = new Set(query.brandId === undefined ? Object.keys(allowed.tenancy.brands) : [query.brandId]);
  } else {
    // Not org-wide: the brands this caller manages, if any.
    if (query.brandId !== undefined || allowed.code !== 'AUTH.FORBIDDEN' || claims.kind === 'operator') throw allowed;
    const tenancy = await ledger.tenancy(claims.orgId);
    const brandIds = tenancy.status === 'active' ? Object.keys(tenancy.brands) : [];
    const managed = await Promise.all(
      brandIds.map(async (brandId) =>
        (await ledger.authorize(caller, 'catalog.manage', { brandId })) instanceof DomainError ? [] : [brandId],
      ),
    );
    brands = new Set(managed.flat());
    if (brands.size === 0) throw allowed;
  }
  const orgId = claims.kind === 'operator' ? '' : claims.orgId;
  const items = new Map<string, ItemState>();
  const categories = new Map<string, TaxCategoryState>();
  for (const event of await catalogEventsAfter(ledger, orgId, undefined)) {
    const domainEvent = { type: event.type, data: event.data } as never;
    if (event.streamId.startsWith('item-')) {
      const state = items.get(event.streamId) ?? itemDecider.initialState();
      items.set(event.streamId, itemDecider.evolve(state, domainEvent));
    } else if (event.streamId.startsWith('tax_category-')) {
      const state = categories.get(event.streamId) ?? taxCategoryDecider.initialState();
      categories.set(event.streamId, taxCategoryDecider.evolve(state, domainEvent));
    }
  }
  return {
    taxCategories: [...categories.values()].flatMap((category) =>
      category.status === 'defined'
        ? [
            {
              taxCategoryId: category.taxCategoryId,
              name: category.name,
              rateBasisPoints: category.rateBasisPoints,
              hsnSac: category.hsnSac,
            },
          ]
        : [],
    ),
    items: [...items.values()].flatMap((item) =>
      item.status === 'defined' && brands.has(item.brandId)
        ? [
            {
              itemId: item.itemId,
              brandId: item.brandId,
              name: item.name,
              kind: item.kind,
              taxCategoryId: item.taxCategoryId,
              hsnSac: item.hsnSac,
              unitPricePaise: item.price.unitPricePaise,
              priceIncludesTax: item.price.priceIncludesTax,
              active: item.active,
            },
          ]
        : [],
    ),
  };
};

/**
 * `GET /v1/org` (OrgView) and `GET /v1/catalog` (CatalogListing): what an owner or a brand manager
 * sets up, by name, always of the caller's own org. Operators read no org.
 */
export const registerSetupRoutes = (app: FastifyInstance, deps: { ledger: LedgerContext }): void => {
  app.get(ORG_PATH, async (request, reply) => {
    try {
      return reply.code(200).send(await readOrg(deps.ledger, request));
    } catch (error) {
      return refuse(reply, error);
    }
  });
  app.get(CATALOG_PATH, async (request, reply) => {
    try {
      return reply.code(200).send(await readCatalog(deps.ledger, request));
    } catch (error) {
      return refuse(reply, error);
    }
  });
};
