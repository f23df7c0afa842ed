import {
  auditRoutes,
  DomainError,
  EXPORT_RECORDS_HEADER,
  type AuditHistory,
  type AuditRecord,
  type LogPosition,
} from '@possier/events';
import type { StoreSpan } from '@possier/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { TokenService } from '../auth/tokens.js';
import type { Caller, LedgerContext } from '../commands/ledger-context.js';
import { claimsOf } from '../http/authenticate-requests.js';
import { toHttpError } from '../http/http-errors.js';
import type { AuditContext } from './audit-context.js';
import { auditOrder, resolveAuditScope } from './audit-scope.js';
import { readSeals, sealSummary, type StoredSeal } from './day-seals.js';
import { csvLines, exportRecords, jsonLines } from './export-lines.js';
import { historyEntry } from './history-entry.js';

/** The number of the date's seal whose span holds the record (a date's seals never overlap), or null. */
const coveringSeal = (seals: ReadonlyArray<StoredSeal>, record: AuditRecord): number | null => {
  const seal = seals.find(
    ({ data }) =>
      data.throughPosition !== null &&
      record.logPosition <= data.throughPosition &&
      (data.afterPosition === null || record.logPosition > data.afterPosition),
  );
  return seal ? seal.data.amendment : null;
};

type Deps = { ledger: LedgerContext; audit: AuditContext; tokens: TokenService };

/** `/v1/orders/{orderId}/history` → Fastify's `/v1/orders/:orderId/history`. */
const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** How long a read of a day waits for appends still committing before it fixes where the log stands. */
const OPEN_DAY_SETTLE_MS = 2_000;

const CorrelationId = z.uuid();

/**
 * The audit API: histories of an order, a store-day and a register's day (a page at a time), a
 * store's business dates as a streamed export (JSON Lines to verify, CSV for spreadsheets). Reads need `audit.read` on the
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

  /**
   * Where a read of a store's dates ends: their last event as the log stands once appends in flight
   * have landed. Every page and count of the read stops there, so they agree while sales go on; it
   * is the org's own position, which says nothing of other orgs' writes.
   */
  const lastOfDates = async (span: Omit<StoreSpan, 'after' | 'through'>): Promise<LogPosition | null> => {
    await audit.log.settle(OPEN_DAY_SETTLE_MS);
    return audit.log.lastOfStoreSpan({ ...span, after: null, through: null });
  };

  const storeDayHistory = async (
    caller: Caller,
    target: { storeId?: string; registerId?: string },
    businessDate: string,
    page: { after?: string | undefined; through?: string | undefined; limit: number },
  ): Promise<AuditHistory> => {
    const scope = orThrow(await resolveAuditScope(ledger, caller.claims, target));
    const dates = { from: businessDate, to: businessDate, timeZone: scope.timeZone };
    const seals = await readSeals(ledger.store, scope.orgId, scope.storeId, businessDate, businessDate);
    const whole = { orgId: scope.orgId, storeId: scope.storeId, dates };
    const through = page.through ?? (await lastOfDates({ ...whole, registerId: scope.registerId }));
    const day = { ...whole, through, registerId: scope.registerId };
    const records: AuditRecord[] =
      through === null ? [] : await audit.log.storeSpan({ ...day, after: page.after ?? null, limit: page.limit });
    const last = seals.at(-1);
    const [total, unsealedEvents] = await Promise.all([
      through === null ? 0 : audit.log.countStoreSpan({ ...day, after: null }),
      // The store's whole day, whichever register was asked for: a late event of any till awaits the amendment.
      audit.log.countStoreSpan({ ...whole, through: null, after: last ? last.data.throughPosition : null }),
    ]);
    return {
      orgId: scope.orgId,
      scope: { kind: 'store_day', storeId: scope.storeId, businessDate, registerId: scope.registerId ?? null },
      timeZone: scope.timeZone,
      sealedBy: seals[0] ? sealSummary(seals[0]) : null,
      seals: seals.map(sealSummary),
      unsealedEvents,
      page: {
        through,
        next: records.length === page.limit ? ((records.at(-1) as AuditRecord).logPosition ?? null) : null,
        total,
      },
      events: records.map((record) => ({
        ...historyEntry(record, scope.timeZone),
        sealedBy: coveringSeal(seals, record),
      })),
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
        seals: [],
        unsealedEvents: 0,
        page: null,
        events: records.map((record) => historyEntry(record, scope.timeZone)),
      } satisfies AuditHistory);
    }),
  );

  const dayRoute = auditRoutes.storeDayHistory;
  app.get(
    fastifyPath(dayRoute.path),
    serve('store-day history', async (request, reply, caller) => {
      const { storeId, businessDate } = dayRoute.params.parse(request.params);
      const { registerId, ...page } = dayRoute.query.parse(request.query);
      const history = await storeDayHistory(
        caller,
        { storeId, ...(registerId ? { registerId } : {}) },
        businessDate,
        page,
      );
      request.log.info({ audit: 'store-day history', orgId: history.orgId, storeId, businessDate }, 'audit trail read');
      return reply.send(history);
    }),
  );

  const registerRoute = auditRoutes.registerHistory;
  app.get(
    fastifyPath(registerRoute.path),
    serve('register history', async (request, reply, caller) => {
      const { registerId } = registerRoute.params.parse(request.params);
      const { date, ...page } = registerRoute.query.parse(request.query);
      const history = await storeDayHistory(caller, { registerId }, date, page);
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
      const seals = await readSeals(ledger.store, scope.orgId, storeId, from, to);
      const dates = { from, to, timeZone: scope.timeZone };
      const through = await lastOfDates({ orgId: scope.orgId, storeId, dates });
      const { count, records } = await exportRecords(audit.log, { scope, dates, through, seals });
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
