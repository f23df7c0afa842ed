import { DOCS_ASSET_NAMES } from './api-docs.js';
import { jsonResponse, PUBLIC, publicRefusals } from './openapi-parts.js';

const readiness = {
  type: 'object',
  properties: {
    status: { enum: ['ready', 'degraded', 'not ready'] },
    checks: { type: 'object', additionalProperties: { type: 'string' } },
    components: { type: 'object', additionalProperties: { type: 'object' } },
  },
  required: ['status', 'checks', 'components'],
};

/** The public routes an operator and a person use to run and read about the ledger: health, metrics, these docs. */
export const servicePaths = () => ({
  '/health/live': {
    get: {
      operationId: 'live',
      tags: ['Operations'],
      summary: 'Whether the process answers at all (liveness)',
      ...PUBLIC,
      responses: {
        '200': jsonResponse('It does', { type: 'object', properties: { status: { const: 'ok' } } }),
        ...publicRefusals(),
      },
    },
  },
  '/health/ready': {
    get: {
      operationId: 'ready',
      tags: ['Operations'],
      summary:
        'Whether the ledger can take commands (PostgreSQL and NATS answer), and the state of each service running beside it',
      ...PUBLIC,
      responses: {
        '200': jsonResponse('Ready, or `degraded` when a relay or projector beside it is retrying', readiness),
        '503': jsonResponse('Not ready: a check failed, named in `checks`', readiness),
        ...publicRefusals(),
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      tags: ['Operations'],
      summary: 'Prometheus metrics of the ledger and of every service running in its process',
      ...PUBLIC,
      responses: {
        '200': {
          description: 'The Prometheus text format',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
        ...publicRefusals(),
      },
    },
  },
  '/docs': {
    get: {
      operationId: 'docsPage',
      tags: ['Documentation'],
      summary: 'This document as a page to browse and try (Swagger UI); as JSON to a client that asks for it',
      ...PUBLIC,
      responses: {
        '200': {
          description: 'The page, or the OpenAPI document when `Accept` asks for `application/json`',
          content: { 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } },
        },
        ...publicRefusals(),
      },
    },
  },
  '/docs/openapi.json': {
    get: {
      operationId: 'openApiDocument',
      tags: ['Documentation'],
      summary: 'This OpenAPI 3.1 document',
      ...PUBLIC,
      responses: {
        '200': jsonResponse('The document', { type: 'object' }),
        ...publicRefusals(),
      },
    },
  },
  '/docs/assets/{file}': {
    get: {
      operationId: 'docsAsset',
      tags: ['Documentation'],
      summary: 'A file of the docs page, served by the ledger itself (no CDN)',
      ...PUBLIC,
      parameters: [{ name: 'file', in: 'path', required: true, schema: { enum: [...DOCS_ASSET_NAMES] } }],
      responses: {
        '200': { description: 'The file' },
        ...publicRefusals({ '404': 'The page has no such file (`DOCS.ASSET_NOT_FOUND`)' }),
      },
    },
  },
});
