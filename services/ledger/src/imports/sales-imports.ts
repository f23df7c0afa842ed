import {
  decideImportedOrder,
  DomainError,
  domainError,
  envelopeEvents,
  EventIdConflictError,
  eventRegistry,
  evolveSalesImport,
  importedOrders,
  initialSalesImport,
  orderStreamId,
  salesImportStreamId,
  zonedDateTime,
  type CompleteSalesImportRequest,
  type EventEnvelope,
  type ImportedOrder,
  type ImportOrderVerdict,
  type SalesImportBatchRecorded,
  type SalesImportBatchRequest,
  type SalesImportCheckRequest,
  type SalesImportEvent,
  type SalesImportState,
  type SalesImportSummary,
  type SalesImportView,
  type StartSalesImportRequest,
  type TenancyStore,
} from '@possier/events';
import type { Caller, LedgerContext } from '../commands/ledger-context.js';
import {
  importedEventIds,
  importedOrderCommandId,
  importedOrderIds,
  importRecordId,
  salesImportId,
} from './import-ids.js';
import { inFlight } from './in-flight.js';

/** Orders of one batch appended at once: the store groups concurrent appends into shared commits. */
const APPENDS_IN_FLIGHT = 64;

type Importer = { orgId: string; userId: string; store: TenancyStore; storeId: string };

/**
 * Only a person who owns the org brings another system's sales in: the import writes sales into
 * the books under their name, and a register (which records only its own sales) never may.
 */
const authorizeImport = async (ledger: LedgerContext, caller: Caller, storeId: string): Promise<Importer> => {
  if (caller.claims.kind === 'register')
    throw domainError('AUTH.FORBIDDEN', '', 'a register records only its own sales; an import is the owner’s');
  const allowed = await ledger.authorize(caller, 'tenancy.manage', { storeId });
  if (allowed instanceof DomainError) throw allowed;
  const store = allowed.store;
  if (!store || allowed.principal.kind !== 'user')
    throw domainError('IMPORT.UNKNOWN_STORE', 'storeId', 'no such store in this org');
  return { orgId: allowed.principal.orgId, userId: allowed.principal.userId, store, storeId };
};

const readImport = async (ledger: LedgerContext, orgId: string, importId: string): Promise<SalesImportState> => {
  const stored = await ledger.store.readStream({ orgId, streamId: salesImportStreamId(importId) }, { limit: 100_000 });
  return stored.reduce(
    (state, event) => evolveSalesImport(state, { type: event.type, data: event.data } as SalesImportEvent),
    initialSalesImport(),
  );
};

/** The import an id names, begun in this org; another org's import of that id is not this one. */
const existingImport = async (ledger: LedgerContext, caller: Caller, importId: string) => {
  if (caller.claims.kind === 'operator' || caller.claims.kind === 'register')
    throw domainError('AUTH.FORBIDDEN', '', 'an import is the owner’s operation');
  const state = await readImport(ledger, caller.claims.orgId, importId);
  if (state.status === 'none') throw domainError('IMPORT.NOT_FOUND', 'importId', 'no such import in this org');
  const importer = await authorizeImport(ledger, caller, state.started.storeId);
  return { state, importer };
};

const appendToImport = async (
  ledger: LedgerContext,
  importer: Importer,
  importId: string,
  event: SalesImportEvent,
  what: string,
): Promise<void> => {
  const now = ledger.clock();
  const [envelope] = envelopeEvents([event], {
    streamId: salesImportStreamId(importId),
    eventIds: [importRecordId(importId, what, now)],
    schemaVersionOf: (type) => eventRegistry.currentVersion(type),
    metadata: {
      orgId: importer.orgId,
      brandId: importer.store.brandId,
      storeId: importer.storeId,
      registerId: null,
      actorId: importer.userId,
      occurredAt: zonedDateTime(now.toISOString(), importer.store.timeZone),
      causationId: null,
      correlationId: importId,
    },
  });
  await ledger.store.append({ orgId: importer.orgId, streamId: salesImportStreamId(importId) }, 'any', [
    envelope as EventEnvelope,
  ]);
};

const viewOf = (importId: string, state: SalesImportState, resumed: boolean): SalesImportView => ({
  importId,
  storeId: state.status === 'none' ? '' : state.started.storeId,
  resumed,
  completed: state.status === 'completed',
  batches: state.status === 'none' ? [] : [...state.batches.values()],
});

/**
 * Begins the import of a file into a store, recorded as `SalesImportStarted` (file, hash, store,
 * who, counts), or finds it begun: the same file into the same store is the same import, and the
 * answer lists the batches it already holds.
 */
export const startSalesImport = async (
  ledger: LedgerContext,
  caller: Caller,
  request: StartSalesImportRequest,
): Promise<SalesImportView> => {
  const importer = await authorizeImport(ledger, caller, request.storeId);
  const importId = salesImportId(importer.orgId, request.storeId, request.fileSha256);
  const before = await readImport(ledger, importer.orgId, importId);
  if (before.status !== 'none') return viewOf(importId, before, true);
  await appendToImport(
    ledger,
    importer,
    importId,
    { type: 'SalesImportStarted', data: { importId, ...request } },
    'started',
  );
  return viewOf(importId, await readImport(ledger, importer.orgId, importId), false);
};

/**
 * Judges each order with the order decider (decideImportedOrder in the core) against the brand's
 * catalog as it is now and, unless `dryRun`, appends it to its own order stream, marked as
 * imported. An order already stored (an earlier, interrupted run) is answered `duplicate`; a
 * refused one names the file line, the column and the reason, and stores nothing.
 */
const judgeOrders = async (
  ledger: LedgerContext,
  importer: Importer,
  importId: string,
  orders: ReadonlyArray<ImportedOrder>,
  options: { pricesIncludeTax: boolean; dryRun: boolean },
): Promise<ImportOrderVerdict[]> => {
  const { orgId, store, storeId } = importer;
  const itemIds = [...new Set(orders.flatMap((order) => order.lines.map((line) => line.itemId)))];
  const catalog = await ledger.catalogFor(orgId, store.brandId, storeId, itemIds);
  const now = ledger.clock().toISOString();
  return inFlight(orders, APPENDS_IN_FLIGHT, async (order): Promise<ImportOrderVerdict> => {
    const ids = importedOrderIds(orgId, importId, order);
    const decided = decideImportedOrder({
      order,
      ids,
      importId,
      store: { storeId, stateCode: store.stateCode, timeZone: store.timeZone },
      catalog,
      pricesIncludeTax: options.pricesIncludeTax,
      now,
    });
    if (!('events' in decided)) return { orderNumber: order.orderNumber, verdict: 'rejected', errors: [decided] };
    if (options.dryRun) return { orderNumber: order.orderNumber, verdict: 'accepted', orderId: ids.orderId };
    const commandId = importedOrderCommandId(orgId, importId, order.orderNumber);
    const streamId = orderStreamId(ids.orderId);
    const events = envelopeEvents(decided.events, {
      streamId,
      eventIds: importedEventIds(orgId, importId, order.orderNumber, decided.occurredAt, decided.events.length),
      schemaVersionOf: (type) => eventRegistry.currentVersion(type),
      metadata: {
        orgId,
        brandId: store.brandId,
        storeId,
        registerId: null,
        actorId: importer.userId,
        occurredAt: decided.occurredAt,
        causationId: commandId,
        correlationId: importId,
      },
    });
    try {
      const result = await ledger.store.append({ orgId, streamId }, 'any', events);
      return {
        orderNumber: order.orderNumber,
        verdict: result.duplicate ? 'duplicate' : 'accepted',
        orderId: ids.orderId,
      };
    } catch (error) {
      if (!(error instanceof EventIdConflictError)) throw error;
      const line = (order.lines[0] as ImportedOrder['lines'][number]).line;
      return {
        orderNumber: order.orderNumber,
        verdict: 'rejected',
        errors: [
          {
            line,
            field: 'order_id',
            reason:
              'this import stored this order before with other figures (the catalog’s tax changed since?); it is left as first stored',
          },
        ],
      };
    }
  });
};

/** Judges and stores one batch of an import, then records the batch on the import's stream. */
export const importSalesBatch = async (
  ledger: LedgerContext,
  caller: Caller,
  request: SalesImportBatchRequest,
): Promise<ImportOrderVerdict[]> => {
  const { state, importer } = await existingImport(ledger, caller, request.importId);
  if (state.status === 'completed')
    throw domainError('IMPORT.COMPLETED', 'importId', 'this import is complete; nothing more can be added to it');
  const verdicts = await judgeOrders(ledger, importer, request.importId, request.orders, {
    pricesIncludeTax: request.pricesIncludeTax,
    dryRun: false,
  });
  const lines = request.orders.flatMap((order) => order.lines.map((line) => line.line));
  const batch: SalesImportBatchRecorded['data'] = {
    importId: request.importId,
    firstLine: Math.min(...lines),
    lastLine: Math.max(...lines),
    accepted: verdicts.filter((verdict) => verdict.verdict === 'accepted').length,
    duplicates: verdicts.filter((verdict) => verdict.verdict === 'duplicate').length,
    stored: verdicts.flatMap((verdict) => (verdict.verdict === 'rejected' ? [] : [verdict.orderNumber])),
    rejected: verdicts.flatMap((verdict) =>
      verdict.verdict === 'rejected'
        ? verdict.errors.map((error) => ({ orderNumber: verdict.orderNumber, ...error }))
        : [],
    ),
  };
  await appendToImport(
    ledger,
    importer,
    request.importId,
    { type: 'SalesImportBatchRecorded', data: batch },
    `batch:${batch.firstLine}-${batch.lastLine}:${batch.accepted}:${batch.duplicates}`,
  );
  return verdicts;
};

/** The same judgement as a batch, for a dry run: nothing is stored, not even the import. */
export const checkSalesImport = async (
  ledger: LedgerContext,
  caller: Caller,
  request: SalesImportCheckRequest,
): Promise<ImportOrderVerdict[]> => {
  const importer = await authorizeImport(ledger, caller, request.storeId);
  return judgeOrders(ledger, importer, 'dry-run', request.orders, {
    pricesIncludeTax: request.pricesIncludeTax,
    dryRun: true,
  });
};

/** Records the end of an import (`SalesImportCompleted`) with what it came to over all its runs. */
export const completeSalesImport = async (
  ledger: LedgerContext,
  caller: Caller,
  request: CompleteSalesImportRequest,
): Promise<SalesImportSummary> => {
  const { state, importer } = await existingImport(ledger, caller, request.importId);
  const imported = importedOrders(state);
  if (state.status !== 'completed')
    await appendToImport(
      ledger,
      importer,
      request.importId,
      {
        type: 'SalesImportCompleted',
        data: {
          importId: request.importId,
          imported,
          failed: request.failedOrders,
          failedRows: request.failedRows,
        },
      },
      'completed',
    );
  return { importId: request.importId, imported, failed: request.failedOrders };
};
