import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { domainError } from '@possier/events';

export const DOCS_PATH = '/docs';
export const DOCS_DOCUMENT_PATH = '/docs/openapi.json';
export const DOCS_ASSETS_PATH = '/docs/assets/:file';

/** Swagger UI's files, from the pinned `swagger-ui-dist` in node_modules: nothing comes from a CDN. */
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The files the page loads, by the name it asks for; nothing else of the package is served. */
const DOCS_ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'favicon-32x32.png': { file: 'favicon-32x32.png', type: 'image/png' },
};

const START_SCRIPT_NAME = 'start.js';

/** Every file `/docs/assets/{file}` serves. */
export const DOCS_ASSET_NAMES: ReadonlyArray<string> = [...Object.keys(DOCS_ASSETS), START_SCRIPT_NAME];

// A file, not an inline script, so the page's Content-Security-Policy allows no inline script at
// all. No validator: Swagger UI would otherwise send the document to a public validation service.
const START_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '${DOCS_DOCUMENT_PATH}',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Possier ledger API</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <noscript>This page needs JavaScript; the OpenAPI document itself is at <a href="${DOCS_DOCUMENT_PATH}">${DOCS_DOCUMENT_PATH}</a>.</noscript>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/assets/${START_SCRIPT_NAME}"></script>
  </body>
</html>
`;

/** Swagger UI sets styles inline and shows its icons as data: images; everything else is this origin's. */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Whether the caller asked for JSON rather than a page (a script's `Accept: application/json`, not a browser's list). */
const wantsJson = (request: FastifyRequest): boolean => {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
};

/**
 * The API's documentation, public: `/docs` is a browsable page (Swagger UI, served from this
 * process) over the OpenAPI document, which is at `/docs/openapi.json`. A client that asks
 * `/docs` for `application/json` gets the document there too, as it did before the page.
 */
export const serveApiDocs = (app: FastifyInstance, document: object): void => {
  const open = { config: { public: true } };
  app.get(DOCS_PATH, open, async (request, reply) => {
    if (wantsJson(request)) return reply.send(document);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PAGE_POLICY)
      .header('cache-control', 'no-cache')
      .send(PAGE);
  });
  app.get(DOCS_DOCUMENT_PATH, open, async () => document);
  app.get<{ Params: { file: string } }>(DOCS_ASSETS_PATH, open, async (request, reply) => {
    const { file } = request.params;
    if (!DOCS_ASSET_NAMES.includes(file))
      throw domainError('DOCS.ASSET_NOT_FOUND', 'file', `the docs page has no file ${file}`);
    // The package's pinned version fixes these files, so a browser may keep them for an hour.
    void reply.header('cache-control', 'public, max-age=3600');
    if (file === START_SCRIPT_NAME) return reply.type('text/javascript; charset=utf-8').send(START_SCRIPT);
    const asset = DOCS_ASSETS[file] as { file: string; type: string };
    return reply.type(asset.type).send(createReadStream(join(swaggerUiDir, asset.file)));
  });
};
