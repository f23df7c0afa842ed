import { commandRoutes, CommandResult, ErrorBody, REPORT_NAMES, ReplayResponse, reportRoutes } from '@possier/events';
import type { z } from 'zod';
import { importPaths } from './openapi-imports.js';
import { jsonResponse, jsonSchema, queryParameters, refusals } from './openapi-parts.js';
import { readPaths, readSchemas } from './openapi-reads.js';
import { servicePaths } from './openapi-service.js';

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
            tags: ['Reports'],
            summary: route.summary,
            parameters: queryParameters(route.query),
            responses: {
              '200': jsonResponse('The report; money in integer paise', jsonSchema(route.response, 'output')),
              ...refusals({
                '400': 'A query parameter is malformed or unknown: every failing one is listed',
                '403': 'The caller may not read reports of the store named, or of any store',
              }),
            },
          },
        },
      ];
    }),
  );

const commandPaths = () =>
  Object.fromEntries(
    Object.entries(commandRoutes).map(([name, route]) => {
      const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, param]) => ({
        name: param,
        in: 'path',
        required: true,
        schema: pathParameterSchema(route.body, param as string),
      }));
      const answer =
        name === 'replay'
          ? jsonResponse('A verdict per replayed event', { $ref: '#/components/schemas/ReplayResponse' })
          : route.response === CommandResult
            ? jsonResponse('The events the command appended (or, replayed, appended before)', {
                $ref: '#/components/schemas/CommandResult',
              })
            : jsonResponse('What the command did (or, replayed, did before)', jsonSchema(route.response, 'output'));
      return [
        route.path,
        {
          post: {
            operationId: name,
            tags: [name === 'replay' ? 'Registers' : 'Commands'],
            summary: route.summary,
            ...(parameters.length > 0 ? { parameters } : {}),
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
            responses: {
              '200': answer,
              ...refusals({
                '400': 'The request is malformed (every failing field is listed), or its body is not JSON',
                '403': 'The token’s role or scope does not cover the target',
                '404': 'The target does not exist',
                '409': 'A concurrent change won, or the command id was used for another command',
                '413': 'The body is larger than the route’s limit (`REQUEST.TOO_LARGE`)',
                '415': 'The body is not `application/json` (`REQUEST.UNSUPPORTED_MEDIA_TYPE`)',
                '422': 'A business rule refused the command',
                '429':
                  'The caller sent more commands than its limit allows (`REQUEST.RATE_LIMITED`); retry after `Retry-After` seconds',
              }),
            },
          },
        },
      ];
    }),
  );

/** Path items of several groups as one, each path's methods together (a command and a read may share a path). */
const mergePaths = (...groups: ReadonlyArray<Record<string, Record<string, unknown>>>) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const group of groups)
    for (const [path, item] of Object.entries(group)) {
      for (const method of Object.keys(item))
        if (paths[path]?.[method] !== undefined) throw new Error(`${method} ${path} is documented twice`);
      paths[path] = { ...paths[path], ...item };
    }
  return paths;
};

/**
 * The OpenAPI 3.1 document of every route the ledger serves (a test holds it to Fastify's route
 * table), generated from the contract's Zod schemas where the route has them: the same schemas
 * validate requests, so the document cannot drift from what the server accepts.
 */
export const openApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'Possier ledger',
    version: '0.1.0',
    description: [
      'Commands and reports of the sales ledger. Money is integer paise. Every command carries a client-minted UUIDv7 commandId: sending it again returns the first result (header Idempotent-Replayed: true) and appends nothing.',
      'Every error is `{ "error": { "code", "path", "reason" } }`: a stable code, the field it is about (empty for the request as a whole) and a reason for a person. A malformed request lists every failing field in `errors` too. A path no route serves is 404 `ROUTE.NOT_FOUND`; a method the path does not take is 405 `ROUTE.METHOD_NOT_ALLOWED`, with `Allow`.',
    ].join('\n\n'),
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      CommandResult: jsonSchema(CommandResult, 'output'),
      ReplayResponse: jsonSchema(ReplayResponse, 'output'),
      ErrorBody: jsonSchema(ErrorBody, 'output'),
      ...readSchemas(),
    },
  },
  security: [{ bearer: [] }],
  tags: [
    { name: 'Commands', description: 'Everything that changes the books: one POST per command, appended as events' },
    { name: 'Reports', description: 'Read models for analysts; money in integer paise' },
    { name: 'Registers', description: 'What an offline register replays and pulls' },
    { name: 'Customers', description: 'Customers, decrypted at read time, and their loyalty points' },
    { name: 'Audit', description: 'The tamper-evident trail for accountants (docs/audit.md)' },
    { name: 'Imports', description: 'Past sales from another point of sale, brought in by the org’s owner' },
    { name: 'Set-up', description: 'The org, its brands, stores, registers, users, tax categories and menu, by name' },
    { name: 'Operations', description: 'Scope, status, health and metrics' },
    { name: 'Documentation', description: 'This document and the page over it' },
  ],
  paths: mergePaths(commandPaths(), reportPaths(), readPaths(), servicePaths(), importPaths()),
});
