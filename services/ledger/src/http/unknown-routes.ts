import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeNotFound } from './request-errors.js';
import type { RouteTable } from './route-table.js';

/**
 * Answers a request no route serves with 404 `ROUTE.NOT_FOUND`, or 405 when the path is served
 * for another method, in the shape of every other error; in `onRequest`, the first hook, so
 * before authentication and before a byte of the body is read. The same answer in `preHandler`
 * covers a route that hands its request on as not found (a missing file of the dashboard), which
 * Fastify sends through the not-found handler's hooks, not `onRequest`: Nest's handler, whose
 * `{ message, error, statusCode }` is not the API's shape, never answers.
 */
export const answerUnknownRoutes = (app: FastifyInstance, routes: RouteTable): void => {
  const answer = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.is404) return;
    return routeNotFound(request, reply, routes.methodsAt(request.url.split('?')[0] ?? ''));
  };
  app.addHook('onRequest', answer);
  app.addHook('preHandler', answer);
};
