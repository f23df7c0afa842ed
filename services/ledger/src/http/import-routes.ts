import {
  CompleteSalesImportRequest,
  SalesImportBatchRequest,
  SalesImportCheckRequest,
  StartSalesImportRequest,
} from '@possier/events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { LedgerContext } from '../commands/ledger-context.js';
import { checkSalesImport, completeSalesImport, importSalesBatch, startSalesImport } from '../imports/sales-imports.js';
import { claimsOf } from './authenticate-requests.js';
import { toHttpError } from './http-errors.js';
import { REPLAY_BODY_LIMIT, type RateLimitHooks } from './request-limits.js';
import { assertStorableBody } from './storable-text.js';

export const SALES_IMPORTS_PATH = '/v1/sales-imports';

const refuse = (reply: FastifyReply, error: unknown) => {
  const mapped = toHttpError(error);
  // A bug, not a refusal: the route's error handler logs it and answers 500 (request-errors.ts).
  if (!mapped) throw error;
  return reply.code(mapped.status).send(mapped.body);
};

/** The body, checked against its schema, with a path id that must agree with it. */
const bodyOf = <Schema extends z.ZodType>(request: FastifyRequest, schema: Schema): z.output<Schema> => {
  assertStorableBody(request.body);
  const params = request.params as { importId?: string };
  const body = (request.body ?? {}) as Record<string, unknown>;
  return schema.parse(params.importId === undefined ? body : { ...body, importId: params.importId });
};

/**
 * The import of past sales from another point of sale (`possier import sales`), an owner's
 * operation: begin or resume an import of a file into a store, send its orders in batches (each
 * judged by the order decider and stored marked as imported), check a batch without storing it,
 * and complete the import. Batches are as large as a replayed outbox's, and count against the
 * caller's command rate.
 */
export const registerImportRoutes = (
  app: FastifyInstance,
  deps: { ledger: LedgerContext; rateLimits: RateLimitHooks },
): void => {
  const options = { bodyLimit: REPLAY_BODY_LIMIT, preParsing: deps.rateLimits.commands };
  const caller = (request: FastifyRequest) => ({ claims: claimsOf(request), correlationId: request.id });

  app.post(SALES_IMPORTS_PATH, options, async (request, reply) => {
    try {
      const view = await startSalesImport(deps.ledger, caller(request), bodyOf(request, StartSalesImportRequest));
      request.log.info({ importId: view.importId, resumed: view.resumed }, 'sales import started');
      return reply.code(200).send(view);
    } catch (error) {
      return refuse(reply, error);
    }
  });
  app.post(`${SALES_IMPORTS_PATH}/check`, options, async (request, reply) => {
    try {
      const verdicts = await checkSalesImport(deps.ledger, caller(request), bodyOf(request, SalesImportCheckRequest));
      return reply.code(200).send({ verdicts });
    } catch (error) {
      return refuse(reply, error);
    }
  });
  app.post(`${SALES_IMPORTS_PATH}/:importId/batches`, options, async (request, reply) => {
    try {
      const body = bodyOf(request, SalesImportBatchRequest);
      const verdicts = await importSalesBatch(deps.ledger, caller(request), body);
      request.log.info(
        {
          importId: body.importId,
          orders: verdicts.length,
          rejected: verdicts.filter((verdict) => verdict.verdict === 'rejected').length,
        },
        'sales import batch stored',
      );
      return reply.code(200).send({ verdicts });
    } catch (error) {
      return refuse(reply, error);
    }
  });
  app.post(`${SALES_IMPORTS_PATH}/:importId/complete`, options, async (request, reply) => {
    try {
      const summary = await completeSalesImport(
        deps.ledger,
        caller(request),
        bodyOf(request, CompleteSalesImportRequest),
      );
      request.log.info(summary, 'sales import completed');
      return reply.code(200).send(summary);
    } catch (error) {
      return refuse(reply, error);
    }
  });
};
