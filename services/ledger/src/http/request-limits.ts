import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import type { TokenClaims } from '../auth/tokens.js';
import { claimsOf } from './authenticate-requests.js';

/**
 * The body limit of every route but the replay: a command's largest legal body (an invoice of
 * 1,000 lines, an order of 200 with 20 modifiers and notes each) stays well under it.
 */
export const COMMAND_BODY_LIMIT = 1024 * 1024;

/**
 * The replay's: up to 500 events of whole decisions (services/register/src/sync.ts). As large as
 * every request could be before limits were per route, so no outbox that synced then is refused now.
 */
export const REPLAY_BODY_LIMIT = 5 * 1024 * 1024;

const PerWindow = z.coerce.number().int().positive();

/**
 * How many requests one principal (a register, a user, an operator) may make per window, from
 * the environment. Well above what a till or a back office sends; the bench's checkout load,
 * sixteen clients on one register's token, runs with them raised.
 */
export const RateLimits = z.object({
  /** Commands per principal per window, every command route together. */
  POSSIER_COMMAND_RATE_LIMIT: PerWindow.default(3_000),
  /** Replayed batches per register per window (500 events each at most). */
  POSSIER_REPLAY_RATE_LIMIT: PerWindow.default(120),
  POSSIER_RATE_LIMIT_WINDOW_SECONDS: PerWindow.default(60),
});
export type RateLimitSettings = { commands: number; replays: number; windowSeconds: number };

export class RateLimitConfigError extends Error {
  override readonly name = 'RateLimitConfigError';
}

/** The limits from `env`, or an error naming each malformed variable (the service then does not start). */
export const rateLimitsFrom = (env: Record<string, string | undefined>): RateLimitSettings => {
  const result = RateLimits.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new RateLimitConfigError(`invalid configuration: ${problems}`);
  }
  const parsed = result.data;
  return {
    commands: parsed.POSSIER_COMMAND_RATE_LIMIT,
    replays: parsed.POSSIER_REPLAY_RATE_LIMIT,
    windowSeconds: parsed.POSSIER_RATE_LIMIT_WINDOW_SECONDS,
  };
};

/** Who is counted: the token's principal, never the address (a restaurant's tills share one). */
const principalKey = (claims: TokenClaims): string => {
  switch (claims.kind) {
    case 'register':
      return `register:${claims.orgId}:${claims.registerId}`;
    case 'user':
      return `user:${claims.orgId}:${claims.userId}`;
    case 'operator':
      return `operator:${claims.operatorId}`;
  }
};

export type RateLimitHooks = { commands: preParsingAsyncHookHandler; replay: preParsingAsyncHookHandler };

/**
 * One counter per principal for all the command routes together and one for the replay, each a
 * fixed window. The hooks go in a route's `preParsing`: after authentication (`onRequest`), so
 * the key is the principal, and before the body is read. Over the limit: 429 with `Retry-After`
 * (seconds), through the route's error handler.
 */
export const registerRateLimits = async (
  app: FastifyInstance,
  settings: RateLimitSettings,
): Promise<RateLimitHooks> => {
  await app.register(fastifyRateLimit, { global: false });
  const limiter = (what: string, max: number) =>
    app.rateLimit({
      max,
      timeWindow: settings.windowSeconds * 1000,
      keyGenerator: (request: FastifyRequest) => principalKey(claimsOf(request)),
      // Principals active in one window that are remembered; past it the least recent start afresh.
      cache: 100_000,
      errorResponseBuilder: (_request, context) =>
        Object.assign(
          new Error(
            `at most ${max} ${what} per ${settings.windowSeconds} s from one principal; retry in ${context.after}`,
          ),
          { statusCode: context.statusCode },
        ),
    }) as unknown as preParsingAsyncHookHandler;
  return { commands: limiter('commands', settings.commands), replay: limiter('replayed batches', settings.replays) };
};
