import type { CommandBus } from '@nestjs/cqrs';
import { commandDeclarations, commandRoutes, type ReplayResponse } from '@possier/events';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DeclaredCommand, ReplayCommand } from '../commands/commands.js';
import type { Caller } from '../commands/ledger-context.js';
import type { CommandOutcome } from '../commands/stream-executor.js';
import type { Metrics } from '../observability/metrics.js';
import { claimsOf } from './authenticate-requests.js';
import { toHttpError } from './http-errors.js';
import { requestErrorHandler } from './request-errors.js';
import { COMMAND_BODY_LIMIT, REPLAY_BODY_LIMIT, type RateLimitHooks } from './request-limits.js';
import { assertStorableBody } from './storable-text.js';

type RouteName = keyof typeof commandRoutes;

const CorrelationId = z.uuid();

/** `/v1/orders/{orderId}/void` → Fastify's `/v1/orders/:orderId/void`. */
const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Registers every command route of the contract on Fastify: the caller was authenticated and
 * counted against its rate limit before the body was read (authenticate-requests.ts,
 * request-limits.ts); validate the body with the contract's Zod schema, check path ids agree with
 * the body, dispatch on the CommandBus, and answer with the command's events (or the error,
 * through toHttpError).
 */
export const registerCommandRoutes = (
  app: FastifyInstance,
  deps: { commandBus: CommandBus; rateLimits: RateLimitHooks; metrics: Metrics; logger: Logger },
): void => {
  for (const name of Object.keys(commandRoutes) as RouteName[]) {
    const route = commandRoutes[name];
    const replay = name === 'replay';
    const options = {
      errorHandler: requestErrorHandler,
      bodyLimit: replay ? REPLAY_BODY_LIMIT : COMMAND_BODY_LIMIT,
      preParsing: replay ? deps.rateLimits.replay : deps.rateLimits.commands,
    };
    app.post(fastifyPath(route.path), options, async (request, reply) => {
      const started = performance.now();
      let outcome = 'error';
      try {
        const claims = claimsOf(request);
        assertStorableBody(request.body);
        const body = route.body.parse(request.body) as Record<string, unknown> & { data?: Record<string, unknown> };
        // A command's ids sit in `data`; a replay batch names its register at the top.
        const ids = body.data ?? body;
        for (const [param, value] of Object.entries(request.params as Record<string, string>)) {
          if (ids[param] !== value) {
            const path = body.data ? ['data', param] : [param];
            throw new z.ZodError([
              { code: 'custom', path, message: `must equal the ${param} in the path`, input: ids[param] },
            ]);
          }
        }
        const commandId = String(body.commandId ?? body.batchId);
        const header = request.headers['x-correlation-id'];
        const correlationId =
          typeof header === 'string' && CorrelationId.safeParse(header).success ? header : commandId;
        const caller: Caller = { claims, correlationId };
        const result: (CommandOutcome & { token?: string }) | ReplayResponse = await deps.commandBus.execute(
          replay ? new ReplayCommand(body as never, caller) : new DeclaredCommand(name, body as never, caller),
        );
        const orgId = 'orgId' in claims ? claims.orgId : undefined;
        const storeId = body.data?.storeId ?? ('storeId' in claims ? claims.storeId : undefined);
        if ('verdicts' in result) {
          outcome = 'ok';
          request.log.info(
            {
              command: route.command,
              batchId: result.batchId,
              correlationId,
              orgId,
              storeId,
              events: result.verdicts.length,
            },
            'replay handled',
          );
          return reply.code(200).send(result);
        }
        outcome = result.replayed ? 'replayed' : 'ok';
        request.log.info(
          {
            command: route.command,
            commandId,
            correlationId,
            orgId,
            storeId,
            streamId: result.streamId,
            replayed: result.replayed,
          },
          'command handled',
        );
        if (result.replayed) void reply.header('idempotent-replayed', 'true');
        const answer = commandDeclarations[name as Exclude<RouteName, 'replay'>].answer;
        return reply.code(200).send(
          answer
            ? answer.of({
                commandId: result.commandId,
                streamId: result.streamId,
                events: result.produced,
                ...(result.token === undefined ? {} : { token: result.token }),
              })
            : { commandId: result.commandId, streamId: result.streamId, events: result.events },
        );
      } catch (error) {
        const mapped = toHttpError(error);
        // A bug, not a refusal: the route's error handler logs it and answers 500 (request-errors.ts).
        if (!mapped) throw error;
        outcome = mapped.status === 409 ? 'conflict' : 'rejected';
        if (mapped.status === 409) deps.metrics.conflicts.inc({ command: route.command });
        request.log.info(
          { command: route.command, status: mapped.status, error: mapped.body.error },
          'command refused',
        );
        return reply.code(mapped.status).send(mapped.body);
      } finally {
        deps.metrics.commands.inc({ command: route.command, outcome });
        deps.metrics.commandDuration.observe({ command: route.command }, (performance.now() - started) / 1000);
      }
    });
  }
};
