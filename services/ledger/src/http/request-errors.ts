import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorDetail } from '@possier/events';
import { BodyTooDeepError } from './json-body.js';

/**
 * What Fastify refuses before a route runs (a body over the limit or nested too deep, text that is
 * not JSON, an empty body declared as JSON, a content type it does not parse, a principal over
 * its rate limit) in the same `{ error: { code, path, reason } }` shape as every other refusal,
 * instead of Fastify's own. A route's `errorHandler`.
 */
export const requestErrorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  const status =
    error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) {
    request.log.error({ err: error }, 'request failed before its route ran');
    return reply
      .code(500)
      .send({ error: { code: 'INTERNAL', path: '', reason: 'an unexpected error; see the server log' } });
  }
  const code =
    error instanceof BodyTooDeepError
      ? error.code
      : status === 413
        ? 'REQUEST.TOO_LARGE'
        : status === 415
          ? 'REQUEST.UNSUPPORTED_MEDIA_TYPE'
          : status === 429
            ? 'REQUEST.RATE_LIMITED'
            : 'VALIDATION.MALFORMED_BODY';
  const reason = status === 413 ? `the body is larger than ${request.routeOptions.bodyLimit} bytes` : error.message;
  const detail: ErrorDetail = { code, path: '', reason };
  request.log.info({ status, error: detail }, 'request refused before its route ran');
  return reply.code(status).send({ error: detail, errors: [detail] });
};
