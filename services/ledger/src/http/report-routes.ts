import { DomainError, REPORT_NAMES, reportRoutes, type CustomersReport } from '@possier/events';
import type { PrismaClient } from '@possier/prisma/client';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { LedgerContext } from '../commands/ledger-context.js';
import type { Metrics } from '../observability/metrics.js';
import { readReport, resolveReportScope } from '../reports/index.js';
import { nameCustomers } from '../reports/name-customers.js';
import { claimsOf } from './authenticate-requests.js';
import { toHttpError } from './http-errors.js';

/** The report's query, or a ZodError whose every issue (each stray parameter too) names its field. */
const parseQuery = <Schema extends z.ZodType>(schema: Schema, query: unknown): z.output<Schema> => schema.parse(query);

/**
 * `GET /v1/reports/<name>` for every report of the contract: authenticate, parse the query
 * string, resolve the stores the caller may read (403 for a named store outside them), then run
 * the report in a tenant transaction under row-level security.
 */
export const registerReportRoutes = (
  app: FastifyInstance,
  deps: { ledger: LedgerContext; prisma: PrismaClient; metrics: Metrics },
): void => {
  for (const name of REPORT_NAMES) {
    const route = reportRoutes[name];
    app.get(route.path, async (request, reply) => {
      const started = performance.now();
      let outcome = 'error';
      try {
        const claims = claimsOf(request);
        const query = parseQuery(route.query, request.query) as { storeId?: string };
        const scope = await resolveReportScope(deps.ledger, claims, query.storeId);
        if (scope instanceof DomainError) throw scope;
        const read = await readReport(deps.prisma, name, scope, query);
        const report = name === 'customers' ? await nameCustomers(deps.ledger, read as CustomersReport) : read;
        outcome = 'ok';
        request.log.info({ report: name, orgId: scope.orgId, stores: scope.storeIds.length }, 'report served');
        return reply.code(200).send(report);
      } catch (error) {
        const mapped = toHttpError(error);
        // A bug, not a refusal: the route's error handler logs it and answers 500 (request-errors.ts).
        if (!mapped) throw error;
        outcome = 'rejected';
        request.log.info({ report: name, status: mapped.status, error: mapped.body.error }, 'report refused');
        return reply.code(mapped.status).send(mapped.body);
      } finally {
        deps.metrics.reports.inc({ report: name, outcome });
        deps.metrics.reportDuration.observe({ report: name }, (performance.now() - started) / 1000);
      }
    });
  }
};
