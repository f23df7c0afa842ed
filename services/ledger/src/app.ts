import 'reflect-metadata';
import { Module, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ClockPolicy, EventStore } from '@possier/events';
import { createPrismaClient, type PrismaClient } from '@possier/prisma/client';
import { registerServiceHealth, type ServiceHealth } from '@possier/store';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { registerAuditRoutes, type AuditContext } from './audit/index.js';
import type { TokenService } from './auth/tokens.js';
import { clockPolicyFrom, systemClock, type Clock } from './clock-settings.js';
import type { CustomerKeyring } from './customers/customer-keyring.js';
import { commandHandlers } from './commands/handlers/index.js';
import { LedgerContext } from './commands/ledger-context.js';
import { serveApiDocs } from './http/api-docs.js';
import { authenticateRequests } from './http/authenticate-requests.js';
import { serveDashboard } from './http/dashboard-static.js';
import { registerJsonBodyParser } from './http/json-body.js';
import { openApiDocument } from './http/openapi.js';
import { registerImportRoutes } from './http/import-routes.js';
import { registerOpsRoutes } from './http/ops-routes.js';
import { registerReportRoutes } from './http/report-routes.js';
import { registerRegisterRoutes } from './http/register-routes.js';
import {
  COMMAND_BODY_LIMIT,
  rateLimitsFrom,
  registerRateLimits,
  type RateLimitSettings,
} from './http/request-limits.js';
import { requestErrorHandler } from './http/request-errors.js';
import { recordRoutes } from './http/route-table.js';
import { registerCommandRoutes } from './http/routes.js';
import { registerCustomerRoutes } from './http/customer-routes.js';
import { registerScopeRoutes } from './http/scope-routes.js';
import { registerSetupRoutes } from './http/setup-routes.js';
import { answerUnknownRoutes } from './http/unknown-routes.js';
import { createMetrics } from './observability/metrics.js';
import type { RegisterSyncLog } from './offline/register-sync.js';
import type { StockLevels } from './offline/stock-levels.js';
import { runChecks, type Check } from './observability/readiness.js';

export type LedgerAppOptions = {
  store: EventStore;
  /**
   * Where the reports read the read models. A pool of its own (or a replica's), so a slow report
   * never holds a connection an append is waiting for; yours to end after the app closes.
   */
  readModels: pg.Pool;
  /**
   * The reports' Prisma client when it cannot be built over `readModels` (embedded mode's PGlite);
   * disconnected when the app closes.
   */
  reportsPrisma?: PrismaClient;
  tokens: TokenService;
  /** The audit trail as stored and the org's signing keys (docs/audit.md). */
  audit: AuditContext;
  /** Stock on hand from the log, for judging replayed offline sales (`postgresStockLevels`). */
  stockLevels: StockLevels;
  /** Where registers' outbox reports are kept (`postgresRegisterSyncLog`). */
  registerSync: RegisterSyncLog;
  /** Customers' data keys and phone lookup (`postgresCustomerKeyring`). */
  customerKeys: CustomerKeyring;
  logger: Logger;
  readiness: ReadonlyArray<Check>;
  commandRetries?: number;
  /** A built dashboard (a folder with index.html) to serve at `/dashboard/`; none when not given. */
  dashboardDir?: string;
  /** Requests per principal per window; from the environment (request-limits.ts) when not given. */
  rateLimits?: RateLimitSettings;
  /** The ledger's clock; the system's when not given. */
  clock?: Clock;
  /** How far producers' clocks are believed; from the environment (clock-settings.ts) when not given. */
  clockPolicy?: ClockPolicy;
  /**
   * Services running in this process beside the ledger (the relay, the projector, the NATS
   * connection): each one's state is shown on `/health/ready` and as `possier_service_up`, and
   * its own metrics, when it has a registry, are served at `/metrics` with the ledger's.
   */
  services?: ReadonlyArray<{ health: ServiceHealth; registry?: Registry }>;
};

/** Nest's own messages go to the same pino logger as everything else. */
const nestLogger = (logger: Logger): LoggerService => ({
  log: (message: unknown) => logger.debug({ nest: true }, String(message)),
  error: (message: unknown, trace?: string) => logger.error({ nest: true, trace }, String(message)),
  warn: (message: unknown) => logger.warn({ nest: true }, String(message)),
  debug: (message: unknown) => logger.debug({ nest: true }, String(message)),
  verbose: (message: unknown) => logger.trace({ nest: true }, String(message)),
});

/**
 * The ledger as a Nest application on Fastify: the CommandBus with one handler per command, the
 * command and report routes of the contract, `/v1/scope`, `/v1/ops/status`, `/docs` (a page over
 * the OpenAPI document of them all), `/health/live`, `/health/ready`, `/metrics` and, given a
 * built one, the dashboard at `/dashboard/`. Every error, an unknown route's too, is `{ error: { code, path, reason } }`.
 * Not listening yet: the caller chooses the port (tests take a free one).
 */
export const createLedgerApp = async (options: LedgerAppOptions): Promise<NestFastifyApplication> => {
  const metrics = createMetrics();
  const services = options.services ?? [];
  registerServiceHealth(
    metrics.registry,
    services.map(({ health }) => health),
  );
  const registries = services.flatMap(({ registry }) => (registry === undefined ? [] : [registry]));
  const served = registries.length === 0 ? metrics.registry : Registry.merge([metrics.registry, ...registries]);
  const ledger = new LedgerContext(
    options.store,
    options.stockLevels,
    options.registerSync,
    metrics,
    options.commandRetries ?? 5,
    options.customerKeys,
    options.audit,
    options.clock ?? systemClock,
    options.clockPolicy ?? clockPolicyFrom(process.env),
    options.tokens,
  );

  @Module({
    imports: [CqrsModule.forRoot()],
    providers: [{ provide: LedgerContext, useValue: ledger }, ...commandHandlers],
  })
  class LedgerModule {}

  const adapter = new FastifyAdapter({
    loggerInstance: options.logger,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && given.length > 0 && given.length <= 100 ? given : randomUUID();
    },
    bodyLimit: COMMAND_BODY_LIMIT,
    // A URL that does not decode is refused before any route is found, in the API's error shape too.
    frameworkErrors: requestErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(LedgerModule, adapter, {
    logger: nestLogger(options.logger),
    // Ours (json-body.ts) reads no body before authentication and bounds its depth as it reads.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const routes = recordRoutes(fastify as never);
  // Every route's errors in the API's one shape (request-errors.ts), never Nest's or Fastify's.
  fastify.addHook('onRoute', (route) => {
    route.errorHandler ??= requestErrorHandler as never;
  });
  answerUnknownRoutes(fastify as never, routes);
  authenticateRequests(fastify as never, options.tokens, (orgId) => ledger.tenancy(orgId));
  registerJsonBodyParser(fastify as never);
  const rateLimits = await registerRateLimits(fastify as never, options.rateLimits ?? rateLimitsFrom(process.env));

  registerCommandRoutes(fastify as never, {
    commandBus: app.get(CommandBus),
    rateLimits,
    metrics,
    logger: options.logger,
  });

  registerRegisterRoutes(fastify as never, { ledger });
  registerImportRoutes(fastify as never, { ledger, rateLimits });
  registerCustomerRoutes(fastify as never, { ledger });

  const prisma = options.reportsPrisma ?? createPrismaClient(options.readModels);
  registerReportRoutes(fastify as never, { ledger, prisma, metrics });
  registerAuditRoutes(fastify as never, {
    ledger,
    audit: options.audit,
    tokens: options.tokens,
  });
  fastify.addHook('onClose', async () => prisma.$disconnect());
  registerScopeRoutes(fastify as never, { ledger });
  registerSetupRoutes(fastify as never, { ledger });
  registerOpsRoutes(fastify as never, { ledger, pool: options.readModels });
  if (options.dashboardDir !== undefined && !(await serveDashboard(fastify as never, options.dashboardDir)))
    options.logger.warn(
      { dashboardDir: options.dashboardDir },
      'no built dashboard there, so /dashboard/ is not served (npm run build -w @possier/dashboard builds it)',
    );

  serveApiDocs(fastify as never, openApiDocument());
  const open = { config: { public: true } };
  fastify.get('/health/live', open, async () => ({ status: 'ok' }));
  // Ready means able to take commands: the checks decide. A relay or projector that is interrupted
  // and retrying delays the reports, not the sales, so it makes the ledger `degraded`, not unready.
  fastify.get('/health/ready', open, async (_request, reply) => {
    const checks = await runChecks(options.readiness);
    const ready = Object.values(checks).every((result) => result === 'ok');
    const components = Object.fromEntries(services.map(({ health }) => [health.service, health.status()]));
    const degraded = Object.values(components).some(({ state }) => state !== 'running');
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? (degraded ? 'degraded' : 'ready') : 'not ready', checks, components });
  });
  fastify.get('/metrics', open, async (_request, reply) =>
    reply.header('content-type', served.contentType).send(await served.metrics()),
  );

  await app.init();
  return app;
};
