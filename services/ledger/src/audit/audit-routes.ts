import {
  auditRoutes,
  domainError,
  DomainError,
  EXPORT_RECORDS_HEADER,
  type AuditHistory,
  type AuditRecord,
} from '@possier/events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { TokenService } from '../auth/tokens.js';
import type { Caller, LedgerContext } from '../commands/ledger-context.js';
import { claimsOf } from '../http/authenticate-requests.js';
import { toHttpError } from '../http/http-errors.js';
import type { AuditContext } from './audit-context.js';
import { auditOrder, resolveAuditScope } from './audit-scope.js';
import { resolveDaySpan, sealSummary } from './day-spans.js';
import { csvLines, exportRecords, jsonLines } from './export-lines.js';
import { historyEntry } from './history-entry.js';

type Deps = { ledger: LedgerContext; audit: AuditContext; tokens: TokenService };

/** `/v1/orders/{orderId}/history` → Fastify's `/v1/orders/:orderId/history`. */
const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** A history answers this many events at most; a longer stretch is what the export is for. */
const HISTORY_LIMIT = 10_000;

const CorrelationId = z.uuid();

/**
 * The audit API: histories of an order, a store-day and a register's day, a store's days as a
 * streamed export (JSON Lines to verify, CSV for spreadsheets). Reads need `audit.read` on the
 * store; each is logged with who read what. Closing a day and rotating the org's key are declared
 * commands (events/src/audit/audit.declarations.ts), served with every other command.
 */
export const registerAuditRoutes = (app: FastifyInstance, deps: Deps): void => {
  const { ledger, audit } = deps;

  /** Runs a read: authenticate, answer, or map the refusal the way every other route does. */
  const serve =
    (name: string, handle: (request: FastifyRequest, reply: FastifyReply, caller: Caller) => Promise<unknown>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const claims = claimsOf(request);
        const header = request.headers['x-correlation-id'];
        const correlationId = typeof header === 'string' && CorrelationId.safeParse(header).success ? header : '';
        return await handle(request, reply, { claims, correlationId });
      } catch (error) {
        const mapped = toHttpError(error);
        // A bug, not a refusal: the route's error handler logs it and answers 500 (request-errors.ts).
        if (!mapped) throw error;
        request.log.info({ audit: name, status: mapped.status, error: mapped.body.error }, 'audit request refused');
        return reply.code(mapped.status).send(mapped.body);
      }
    };

  const orThrow = <T>(value: T | DomainError): T => {
    if (value instanceof DomainError) throw value;
    return value;
  };

  const storeDayHistory = async (
    caller: Caller,
    target: { storeId?: string; registerId?: string },
    businessDate: string,
  ): Promise<AuditHistory> => {
    const scope = orThrow(await resolveAuditScope(ledger, caller.claims, target));
    const span = await resolveDaySpan({ store: ledger.store, log: audit.log }, scope, businessDate, businessDate);
    const records: AuditRecord[] =
      span.through === null
        ? []
        : await audit.log.storeSpan({ ...scope, after: span.after, through: span.through, limit: HISTORY_LIMIT + 1 });
    if (records.length > HISTORY_LIMIT) {
      throw domainError(
        'AUDIT.HISTORY_TOO_LONG',
        'businessDate',
        `the day holds more than ${HISTORY_LIMIT} events: read it as an export`,
      );
    }
    const sealedBy = span.open ? null : (span.seals.at(-1) ?? null);
    return {
      orgId: scope.orgId,
      scope: { kind: 'store_day', storeId: scope.storeId, businessDate, registerId: scope.registerId ?? null },
      timeZone: scope.timeZone,
      sealedBy: sealedBy ? sealSummary(sealedBy) : null,
      events: records.map((record) => historyEntry(record, scope.timeZone)),
    };
  };

  const orderRoute = auditRoutes.orderHistory;
  app.get(
    fastifyPath(orderRoute.path),
    serve('order history', async (request, reply, caller) => {
      const { orderId } = orderRoute.params.parse(request.params);
      orderRoute.query.parse(request.query);
      const { scope, records } = orThrow(await auditOrder(ledger, audit, caller.claims, orderId));
      request.log.info({ audit: 'order history', orgId: scope.orgId, orderId }, 'audit trail read');
      return reply.send({
        orgId: scope.orgId,
        scope: { kind: 'order', orderId },
        timeZone: scope.timeZone,
        sealedBy: null,
        events: records.map((record) => historyEntry(record, scope.timeZone)),
      } satisfies AuditHistory);
    }),
  );

  const dayRoute = auditRoutes.storeDayHistory;
  app.get(
    fastifyPath(dayRoute.path),
    serve('store-day history', async (request, reply, caller) => {
      const { storeId, businessDate } = dayRoute.params.parse(request.params);
      const { registerId } = dayRoute.query.parse(request.query);
      const history = await storeDayHistory(caller, { storeId, ...(registerId ? { registerId } : {}) }, businessDate);
      request.log.info({ audit: 'store-day history', orgId: history.orgId, storeId, businessDate }, 'audit trail read');
      return reply.send(history);
    }),
  );

  const registerRoute = auditRoutes.registerHistory;
  app.get(
    fastifyPath(registerRoute.path),
    serve('register history', async (request, reply, caller) => {
      const { registerId } = registerRoute.params.parse(request.params);
      const { date } = registerRoute.query.parse(request.query);
      const history = await storeDayHistory(caller, { registerId }, date);
      request.log.info({ audit: 'register history', orgId: history.orgId, registerId, date }, 'audit trail read');
      return reply.send(history);
    }),
  );

  const exportRoute = auditRoutes.storeExport;
  app.get(
    fastifyPath(exportRoute.path),
    serve('export', async (request, reply, caller) => {
      const { storeId } = exportRoute.params.parse(request.params);
      const { from, to, format } = exportRoute.query.parse(request.query);
      const scope = orThrow(await resolveAuditScope(ledger, caller.claims, { storeId }));
      const span = await resolveDaySpan({ store: ledger.store, log: audit.log }, scope, from, to);
      const { count, records } = await exportRecords(audit.log, { scope, span });
      const exportedAt = new Date().toISOString();
      request.log.info(
        { audit: 'export', orgId: scope.orgId, storeId, from, to, format, records: count },
        'audit export',
      );
      const lines =
        format === 'csv'
          ? csvLines(records(), scope.timeZone)
          : jsonLines(
              { orgId: scope.orgId, storeId, timeZone: scope.timeZone, from, to, exportedAt, records: count },
              records(),
            );
      const filename = `possier-audit-${storeId}-${from}-${to}.${format}`;
      return reply
        .header(EXPORT_RECORDS_HEADER, String(count))
        .header('content-disposition', `attachment; filename="${filename}"`)
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .send(Readable.from(lines));
    }),
  );
};
