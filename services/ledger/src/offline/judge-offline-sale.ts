import {
  eventRegistry,
  judgeOfflineSales,
  offlineJudgementNeeds,
  type CatalogView,
  type EventEnvelope,
  type OfflineConflict,
} from '@possier/events';
import { deriveEventId } from '../commands/event-ids.js';
import type { StockLevels } from './stock-levels.js';

export type OfflineSalesJudgement = {
  /** Conflicts by the replayed event they were found in. */
  conflictsByEvent: Map<string, OfflineConflict[]>;
  /** One event per sale that met conflicts, to append to the sale's order stream. */
  records: EventEnvelope[];
};

/**
 * The ledger's side of the offline-sale judgement (judgeOfflineSales in the core): it answers the
 * judgement's queries — the catalog as it is now, stock on hand read after the batch's appends —
 * and envelopes each conflict record on the sale's order stream, its id derived from the sale's
 * own, so a retried batch records the same event, which the store then recognises as a duplicate.
 */
export const judgeReplayedSales = async (
  decisions: ReadonlyArray<ReadonlyArray<EventEnvelope>>,
  deps: {
    orgId: string;
    storeId: string;
    catalog: (itemIds: ReadonlyArray<string>) => Promise<CatalogView>;
    stock: StockLevels;
    recordedAt: string;
    /** Conflicts already found in these sales elsewhere (a loyalty shortfall), recorded with the rest. */
    found?: ReadonlyMap<string, OfflineConflict[]>;
  },
): Promise<OfflineSalesJudgement> => {
  const sales = decisions.filter((decision) => decision.some((event) => event.type === 'OrderPlaced'));
  if (sales.length === 0) return { conflictsByEvent: new Map(), records: [] };
  const needs = offlineJudgementNeeds(sales);
  const [catalog, onHandAfterBatch] = await Promise.all([
    deps.catalog(needs.itemIds),
    deps.stock.onHand(deps.orgId, deps.storeId, needs.stockItemIds),
  ]);
  const judgement = judgeOfflineSales(sales, {
    catalog,
    onHandAfterBatch,
    ...(deps.found ? { found: deps.found } : {}),
  });
  const placedById = new Map(sales.flat().map((event) => [event.eventId, event]));
  const records = judgement.records.map(({ placedEventId, recorded }): EventEnvelope => {
    const placed = placedById.get(placedEventId) as EventEnvelope;
    return {
      eventId: deriveEventId(placed.eventId, 'offline-conflict'),
      type: recorded.type,
      schemaVersion: eventRegistry.currentVersion(recorded.type),
      streamId: placed.streamId,
      orgId: placed.orgId,
      brandId: placed.brandId,
      storeId: placed.storeId,
      registerId: placed.registerId,
      actorId: placed.actorId,
      occurredAt: deps.recordedAt,
      causationId: placed.eventId,
      correlationId: placed.correlationId,
      data: recorded.data,
    };
  });
  return { conflictsByEvent: judgement.conflictsByEvent, records };
};
