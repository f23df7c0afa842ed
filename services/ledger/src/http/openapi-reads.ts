import {
  AuditHistory,
  auditRoutes,
  CatalogListing,
  CatalogPullQuery,
  CatalogQuery,
  CatalogPullResponse,
  CustomerLookupQuery,
  CustomerPullResponse,
  CustomerView,
  EXPORT_RECORDS_HEADER,
  LoyaltyBalanceView,
  OpsStatus,
  OrgView,
  ReportScopeView,
} from '@possier/events';
import { z } from 'zod';
import { CustomerParams, LoyaltyQuery, StoreQuery } from './customer-routes.js';
import { jsonResponse, jsonSchema, pathParameters, queryParameters, refusals } from './openapi-parts.js';

const RegisterParams = z.object({ registerId: z.uuid() });

const history = (description: string) => jsonResponse(description, { $ref: '#/components/schemas/AuditHistory' });

const AUDIT_REFUSED = 'The caller may not read the audit trail of that store (`audit.read`)';

/** Schemas the read paths refer to by name. */
export const readSchemas = () => ({
  AuditHistory: jsonSchema(AuditHistory, 'output'),
  CustomerView: jsonSchema(CustomerView, 'output'),
});

/**
 * The reads besides the reports: what a register pulls to sell offline, customers, the audit
 * trail, the caller's scope and the operations status. Parameters come from the schemas the
 * routes validate with.
 */
export const readPaths = () => ({
  '/v1/registers/{registerId}/catalog': {
    get: {
      operationId: 'pullCatalog',
      tags: ['Registers'],
      summary: 'The catalog changes a register needs to sell offline, since its last position (register tokens only)',
      parameters: [...pathParameters(RegisterParams), ...queryParameters(CatalogPullQuery)],
      responses: {
        '200': jsonResponse(
          'Changed catalog entries of the register’s store, and the position to pull after next time',
          jsonSchema(CatalogPullResponse, 'output'),
        ),
        ...refusals({
          '400': 'The position is malformed or past the end of the log',
          '403': 'Not this register’s own token',
        }),
      },
    },
  },
  '/v1/registers/{registerId}/customers': {
    get: {
      operationId: 'pullCustomers',
      tags: ['Registers'],
      summary:
        'Every active customer of the org as a till finds them offline: a display name and a phone digest, with loyalty points (register tokens only)',
      parameters: pathParameters(RegisterParams),
      responses: {
        '200': jsonResponse(
          'The register’s phone lookup key, the customers and the brand’s loyalty rule',
          jsonSchema(CustomerPullResponse, 'output'),
        ),
        ...refusals({ '403': 'Not this register’s own token, or it may not read customers' }),
      },
    },
  },
  '/v1/customers/{customerId}': {
    get: {
      operationId: 'readCustomer',
      tags: ['Customers'],
      summary: 'A customer’s details, decrypted at read time (`customer.manage`)',
      parameters: [...pathParameters(CustomerParams), ...queryParameters(StoreQuery)],
      responses: {
        '200': jsonResponse('The customer; an erased one reads as `erased`, without contact details', {
          $ref: '#/components/schemas/CustomerView',
        }),
        ...refusals({
          '400': 'The customer id or the store id is malformed, or a parameter is unknown',
          '403': 'The caller may not manage customers (in that store)',
          '404': 'No customer with this id is registered (`CUSTOMER.NOT_FOUND`)',
        }),
      },
    },
  },
  '/v1/customers/{customerId}/loyalty': {
    get: {
      operationId: 'readLoyaltyBalance',
      tags: ['Customers'],
      summary: 'A customer’s loyalty points with a brand, their value and when they expire',
      parameters: [...pathParameters(CustomerParams), ...queryParameters(LoyaltyQuery)],
      responses: {
        '200': jsonResponse(
          'The points, their value in paise and the lots they expire in',
          jsonSchema(LoyaltyBalanceView, 'output'),
        ),
        ...refusals({
          '400': 'An id is malformed or missing (`brandId` is required), or a parameter is unknown',
          '403': 'The caller may not manage customers (in that store)',
          '404': 'No such customer, or the org has no such brand',
        }),
      },
    },
  },
  '/v1/customers/lookup': {
    post: {
      operationId: 'lookUpCustomer',
      tags: ['Customers'],
      summary: 'The org’s customer with a phone number, if any (the number travels in the body, never in a URL)',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchema(CustomerLookupQuery, 'input') } },
      },
      responses: {
        '200': jsonResponse(
          'A list of zero or one customers',
          jsonSchema(z.object({ customers: z.array(CustomerView) }), 'output'),
        ),
        ...refusals({
          '400': 'Not an Indian phone number, a malformed store id, or a body that is not JSON',
          '403': 'The caller may not manage customers (in that store)',
          '413': 'The body is larger than the limit (`REQUEST.TOO_LARGE`)',
          '415': 'The body is not `application/json` (`REQUEST.UNSUPPORTED_MEDIA_TYPE`)',
        }),
      },
    },
  },
  [auditRoutes.orderHistory.path]: {
    get: {
      operationId: 'auditOrderHistory',
      tags: ['Audit'],
      summary: 'Every stored event of an order, with its hash chain, as an accountant reads it',
      parameters: [
        ...pathParameters(auditRoutes.orderHistory.params),
        ...queryParameters(auditRoutes.orderHistory.query),
      ],
      responses: {
        '200': history('The order’s events, times in UTC and store-local'),
        ...refusals({
          '400': 'The order id is malformed, or a parameter is unknown',
          '403': AUDIT_REFUSED,
          '404': 'No such order in the caller’s org',
        }),
      },
    },
  },
  [auditRoutes.storeDayHistory.path]: {
    get: {
      operationId: 'auditStoreDayHistory',
      tags: ['Audit'],
      summary: 'A store’s business day as stored, optionally one register’s part of it, with the seal that closed it',
      parameters: [
        ...pathParameters(auditRoutes.storeDayHistory.params),
        ...queryParameters(auditRoutes.storeDayHistory.query),
      ],
      responses: {
        '200': history('The day’s events and, once the day is closed, its seal'),
        ...refusals({
          '400': 'A malformed id or date, or a parameter is unknown',
          '403': AUDIT_REFUSED,
          '404': 'No such store or register in the caller’s org',
          '422': 'The day holds too many events to answer at once: read it as an export (`AUDIT.HISTORY_TOO_LONG`)',
        }),
      },
    },
  },
  [auditRoutes.registerHistory.path]: {
    get: {
      operationId: 'auditRegisterHistory',
      tags: ['Audit'],
      summary: 'What one register recorded on a business day of its store',
      parameters: [
        ...pathParameters(auditRoutes.registerHistory.params),
        ...queryParameters(auditRoutes.registerHistory.query),
      ],
      responses: {
        '200': history('The register’s events of the day'),
        ...refusals({
          '400': 'A malformed id or date (`date` is required), or a parameter is unknown',
          '403': AUDIT_REFUSED,
          '404': 'No such register in the caller’s org',
          '422': 'The day holds too many events to answer at once: read it as an export (`AUDIT.HISTORY_TOO_LONG`)',
        }),
      },
    },
  },
  [auditRoutes.storeExport.path]: {
    get: {
      operationId: 'auditStoreExport',
      tags: ['Audit'],
      summary: 'A store’s days as stored, streamed: JSON Lines to verify offline with the org’s public key, or CSV',
      parameters: [
        ...pathParameters(auditRoutes.storeExport.params),
        ...queryParameters(auditRoutes.storeExport.query),
      ],
      responses: {
        '200': {
          description: `A header line, then one line per stored event (\`${EXPORT_RECORDS_HEADER}\` says how many)`,
          headers: { [EXPORT_RECORDS_HEADER]: { schema: { type: 'integer' } } },
          content: {
            'application/x-ndjson': { schema: { type: 'string' } },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        ...refusals({
          '400': 'A malformed id or date, `to` before `from`, a span too long, or a parameter is unknown',
          '403': AUDIT_REFUSED,
          '404': 'No such store in the caller’s org',
        }),
      },
    },
  },
  '/v1/scope': {
    get: {
      operationId: 'readScope',
      tags: ['Operations'],
      summary: 'The brands, stores and registers the caller may read reports of, by name',
      responses: {
        '200': jsonResponse('The caller’s readable part of the org', jsonSchema(ReportScopeView, 'output')),
        ...refusals({ '403': 'An operator token, which reads no org, or an org that does not exist' }),
      },
    },
  },
  '/v1/org': {
    get: {
      operationId: 'readOrg',
      tags: ['Set-up'],
      summary: 'The caller’s org: its brands, stores, registers and users, by name (owners)',
      responses: {
        '200': jsonResponse('The org’s tree and people', jsonSchema(OrgView, 'output')),
        ...refusals({ '403': 'The caller may not administer the org' }),
      },
    },
  },
  '/v1/catalog': {
    get: {
      operationId: 'readCatalog',
      tags: ['Set-up'],
      summary: 'The org’s tax categories and the items of the brands the caller manages, folded from the log',
      parameters: queryParameters(CatalogQuery),
      responses: {
        '200': jsonResponse(
          'Tax categories and items; prices are brand prices in integer paise',
          jsonSchema(CatalogListing, 'output'),
        ),
        ...refusals({
          '400': 'A query parameter is malformed or unknown',
          '403': 'The caller manages no catalog, or not that brand’s',
        }),
      },
    },
  },
  '/v1/ops/status': {
    get: {
      operationId: 'readOpsStatus',
      tags: ['Operations'],
      summary:
        'Each projector and relay checkpoint against the log’s head, and registers’ outboxes (operators and org owners)',
      responses: {
        '200': jsonResponse(
          'The read side’s status; for an org owner, what each register last said of its outbox',
          jsonSchema(OpsStatus, 'output'),
        ),
        ...refusals({ '403': 'Neither an operator nor an owner of the org' }),
      },
    },
  },
});
