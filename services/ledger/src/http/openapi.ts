import {
  CatalogListing,
  CatalogPullQuery,
  CatalogQuery,
  CatalogPullResponse,
  commandRoutes,
  CommandResult,
  ErrorBody,
  OrgView,
  REPORT_NAMES,
  ReplayResponse,
  reportRoutes,
} from '@possier/events';
import { z } from 'zod';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

/** A report's query string as OpenAPI parameters, one per property of its Zod schema. */
const queryParameters = (schema: z.ZodType) => {
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: (json.required ?? []).includes(name),
    schema: property,
  }));
};

type ObjectSchema = { properties?: Record<string, ObjectSchema | undefined> };

/** A path parameter repeats an id of the body (in its `data`, or at its top for a replay): its schema is that id's. */
const pathParameterSchema = (body: z.ZodType, param: string): object => {
  const json = jsonSchema(body, 'input') as ObjectSchema;
  return json.properties?.['data']?.properties?.[param] ?? json.properties?.[param] ?? { type: 'string' };
};

const reportPaths = () =>
  Object.fromEntries(
    REPORT_NAMES.map((name) => {
      const route = reportRoutes[name];
      return [
        route.path,
        {
          get: {
            operationId: route.operationId,
            summary: route.summary,
            parameters: queryParameters(route.query),
            responses: {
              '200': {
                description: 'The report; money in integer paise',
                content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
              },
              '400': errorResponse('A query parameter is malformed or unknown: every failing one is listed'),
              '401': errorResponse('No valid bearer token'),
              '403': errorResponse('The caller may not read reports of the store named, or of any store'),
            },
          },
        },
      ];
    }),
  );

/**
 * The OpenAPI 3.1 document of the ledger's API, generated from the contract's Zod schemas: the
 * same schemas validate requests, so the document cannot drift from what the server accepts.
 */
export const openApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'Possier ledger',
    version: '0.1.0',
    description:
      'Commands and reports of the sales ledger. Money is integer paise. Every command carries a client-minted UUIDv7 commandId: sending it again returns the first result (header Idempotent-Replayed: true) and appends nothing.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      CommandResult: jsonSchema(CommandResult, 'output'),
      ReplayResponse: jsonSchema(ReplayResponse, 'output'),
      ErrorBody: jsonSchema(ErrorBody, 'output'),
    },
  },
  security: [{ bearer: [] }],
  paths: {
    ...Object.fromEntries(
      Object.entries(commandRoutes).map(([name, route]) => {
        const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, param]) => ({
          name: param,
          in: 'path',
          required: true,
          schema: pathParameterSchema(route.body, param as string),
        }));
        return [
          route.path,
          {
            post: {
              operationId: name,
              summary: route.summary,
              ...(parameters.length > 0 ? { parameters } : {}),
              requestBody: {
                required: true,
                content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
              },
              responses: {
                '200':
                  name === 'replay'
                    ? {
                        description: 'A verdict per replayed event',
                        content: { 'application/json': { schema: { $ref: '#/components/schemas/ReplayResponse' } } },
                      }
                    : route.response === CommandResult
                      ? {
                          description: 'The events the command appended (or, replayed, appended before)',
                          content: { 'application/json': { schema: { $ref: '#/components/schemas/CommandResult' } } },
                        }
                      : {
                          description: 'What the command did (or, replayed, did before)',
                          content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
                        },
                '400': errorResponse('The request is malformed: every failing field is listed'),
                '401': errorResponse('No valid bearer token'),
                '403': errorResponse('The token’s role or scope does not cover the target'),
                '404': errorResponse('The target does not exist'),
                '409': errorResponse('A concurrent change won, or the command id was used for another command'),
                '422': errorResponse('A business rule refused the command'),
              },
            },
          },
        ];
      }),
    ),
    ...reportPaths(),
    '/v1/registers/{registerId}/catalog': {
      get: {
        operationId: 'pullCatalog',
        summary: 'The catalog changes a register needs to sell offline, since its last position (register tokens only)',
        parameters: [
          { name: 'registerId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ...queryParameters(CatalogPullQuery),
        ],
        responses: {
          '200': {
            description: 'Changed catalog entries of the register’s store, and the position to pull after next time',
            content: { 'application/json': { schema: jsonSchema(CatalogPullResponse, 'output') } },
          },
          '400': errorResponse('The position is malformed or past the end of the log'),
          '401': errorResponse('No valid bearer token'),
          '403': errorResponse('Not this register’s own token'),
        },
      },
    },
    '/v1/org': {
      get: {
        operationId: 'readOrg',
        summary: 'The caller’s org: its brands, stores, registers and users, by name (owners)',
        responses: {
          '200': {
            description: 'The org’s tree and people',
            content: { 'application/json': { schema: jsonSchema(OrgView, 'output') } },
          },
          '401': errorResponse('No valid bearer token'),
          '403': errorResponse('The caller may not administer the org'),
        },
      },
    },
    '/v1/catalog': {
      get: {
        operationId: 'readCatalog',
        summary: 'The org’s tax categories and the items of the brands the caller manages, folded from the log',
        parameters: queryParameters(CatalogQuery),
        responses: {
          '200': {
            description: 'Tax categories and items; prices are brand prices in integer paise',
            content: { 'application/json': { schema: jsonSchema(CatalogListing, 'output') } },
          },
          '400': errorResponse('A query parameter is malformed or unknown'),
          '401': errorResponse('No valid bearer token'),
          '403': errorResponse('The caller manages no catalog, or not that brand’s'),
        },
      },
    },
  },
});
