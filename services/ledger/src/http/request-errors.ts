import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorDetail } from '@possier/events';
import { toHttpError } from './http-errors.js';
import { BodyTooDeepError } from './json-body.js';

/** What a 500 says: nothing of the error itself, which may name tables, files or secrets. */
export const INTERNAL_ERROR: ErrorDetail = {
  code: 'INTERNAL',
  path: '',
  reason: 'an unexpected error; see the server log',
};

/** A URL as a reason quotes it: its path only (a query may carry what a log should not), and not all of a long one. */
const quotedPath = (url: string): string => {
  const path = url.split('?')[0] ?? '';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
};

const codeOf = (error: FastifyError, status: number): string => {
  if (error instanceof BodyTooDeepError) return error.code;
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') return 'REQUEST.BAD_URL';
  switch (status) {
    case 404:
      return 'ROUTE.NOT_FOUND';
    case 413:
      return 'REQUEST.TOO_LARGE';
    case 415:
      return 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'REQUEST.RATE_LIMITED';
    default:
      return 'VALIDATION.MALFORMED_BODY';
  }
};

/**
 * The error handler of every route (app.ts gives it to each as it is added), and of what Fastify
 * refuses before a route runs (a body over the limit or nested too deep, text that is not JSON,
 * an empty body declared as JSON, a content type it does not parse, a principal over its rate
 * limit, a URL that does not decode): the same `{ error: { code, path, reason } }` shape as every
 * refusal a route makes, instead of Fastify's own. A refusal a route threw rather than answered
 * is mapped by toHttpError as it would have been. Anything else not a 4xx is a bug: logged whole
 * here, answered 500 with nothing of it.
 */
export const requestErrorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  const mapped = toHttpError(error);
  if (mapped) {
    request.log.info({ status: mapped.status, error: mapped.body.error }, 'request refused');
    return reply.code(mapped.status).send(mapped.body);
  }
  const status =
    error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) {
    request.log.error(
      { err: error, method: request.method, route: request.routeOptions.url ?? null },
      'request failed',
    );
    return reply.code(500).send({ error: INTERNAL_ERROR });
  }
  const reason =
    status === 413
      ? `the body is larger than ${request.routeOptions.bodyLimit} bytes`
      : error.code === 'FST_ERR_BAD_URL'
        ? 'the URL is not validly percent-encoded'
        : error.message;
  const detail: ErrorDetail = { code: codeOf(error, status), path: '', reason };
  request.log.info({ status, error: detail }, 'request refused before its route ran');
  return reply.code(status).send({ error: detail, errors: [detail] });
};

/**
 * An unknown route: 404 `ROUTE.NOT_FOUND` naming the method and path, or, when the path is
 * served for other methods only (`served`, the methods of the routes matching it), 405
 * `ROUTE.METHOD_NOT_ALLOWED` with those in `Allow`.
 */
export const routeNotFound = (request: FastifyRequest, reply: FastifyReply, served: ReadonlyArray<string>) => {
  const path = quotedPath(request.url);
  // A route of this method that found nothing to serve (a static folder) is a 404, not a 405.
  const allowed = served.includes(request.method) ? [] : served;
  const detail: ErrorDetail =
    allowed.length === 0
      ? { code: 'ROUTE.NOT_FOUND', path: '', reason: `no route serves ${request.method} ${path}` }
      : {
          code: 'ROUTE.METHOD_NOT_ALLOWED',
          path: '',
          reason: `${path} takes ${allowed.join(', ')}, not ${request.method}`,
        };
  request.log.info({ status: allowed.length === 0 ? 404 : 405, error: detail }, 'no such route');
  if (allowed.length > 0) void reply.header('allow', allowed.join(', '));
  return reply.code(allowed.length === 0 ? 404 : 405).send({ error: detail });
};
