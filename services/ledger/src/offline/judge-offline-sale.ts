import {
  catalogConflictsOf,
  eventRegistry,
  fieldPath,
  stockConflictOf,
  type CatalogView,
  type EventEnvelope,
  type OfflineConflict,
  type OfflineConflictRecorded,
  type OrderPlaced,
  type StockDepleted,
} from '@possier/events';
import { deriveEventId } from '../commands/event-ids.js';
import type { StockLevels } from './stock-levels.js';

export type OfflineSalesJudgement = {
  /** Conflicts by the replayed event they were found in. */
  conflictsByEvent: Map<string, OfflineConflict[]>;
  /** One event per sale that met conflicts, to append to the sale's order stream. */
  records: EventEnvelope[];
};

const conflictRecord = (
  placedEvent: EventEnvelope,
  conflicts: OfflineConflict[],
  recordedAt: string,
): EventEnvelope => {
  const placed = placedEvent.data as OrderPlaced['data'];
  const recorded: OfflineConflictRecorded = {
    type: 'OfflineConflictRecorded',
    data: {
      orderId: placed.orderId,
      storeId: placed.storeId,
      registerId: placed.registerId,
      placedEventId: placedEvent.eventId,
      conflicts,
    },
  };
  return {
    // Derived from the sale's own id: a retried batch records the same event, which the store
    // then recognises as a duplicate.
    eventId: deriveEventId(placedEvent.eventId, 'offline-conflict'),
    type: recorded.type,
    schemaVersion: eventRegistry.currentVersion(recorded.type),
    streamId: placedEvent.streamId,
    orgId: placedEvent.orgId,
    brandId: placedEvent.brandId,
    storeId: placedEvent.storeId,
    registerId: placedEvent.registerId,
    actorId: placedEvent.actorId,
    occurredAt: recordedAt,
    causationId: placedEvent.eventId,
    correlationId: placedEvent.correlationId,
    data: recorded.data,
  };
};

/**
 * What changed while a register was offline, for the sale decisions of one replayed batch once
 * they are stored: each order's lines against the catalog as it is now, and each depletion
 * against stock on hand. On hand is read once, after the batch's appends, and walked back
 * through the batch's own depletions, so each sale is judged by what was left after it. Reading
 * after the append means two registers replaying at once cannot both miss the stock going below
 * zero: whichever commits last sees both sales.
 */
export const judgeOfflineSales = async (
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
  const conflictsByEvent = new Map<string, OfflineConflict[]>();
  const sales = decisions.filter((decision) => decision.some((event) => event.type === 'OrderPlaced'));
  if (sales.length === 0) return { conflictsByEvent, records: [] };

  const placedOf = (decision: ReadonlyArray<EventEnvelope>) =>
    decision.find((event) => event.type === 'OrderPlaced') as EventEnvelope;
  const itemIds = sales.flatMap((decision) =>
    (placedOf(decision).data as OrderPlaced['data']).lines.flatMap((line) => [
      line.itemId,
      ...line.modifiers.map((modifier) => modifier.itemId),
    ]),
  );
  const catalog = await deps.catalog([...new Set(itemIds)]);
  for (const decision of sales) {
    const placedEvent = placedOf(decision);
    const found = [
      ...catalogConflictsOf(placedEvent.data as OrderPlaced['data'], catalog),
      ...(deps.found?.get(placedEvent.eventId) ?? []),
    ];
    if (found.length > 0) conflictsByEvent.set(placedEvent.eventId, found);
  }

  const depletions = sales.flatMap((decision) => decision.filter((event) => event.type === 'StockDepleted'));
  const onHand = await deps.stock.onHand(
    deps.orgId,
    deps.storeId,
    depletions.map((event) => (event.data as StockDepleted['data']).stockItemId),
  );
  for (const event of [...depletions].reverse()) {
    const depletion = event.data as StockDepleted['data'];
    const after = onHand.get(depletion.stockItemId);
    if (after === undefined) continue;
    const conflict = stockConflictOf(depletion, after, fieldPath('data', 'quantity'));
    if (conflict) conflictsByEvent.set(event.eventId, [conflict]);
    onHand.set(depletion.stockItemId, after + depletion.quantity);
  }

  const records = sales.flatMap((decision) => {
    const conflicts = decision.flatMap((event) => conflictsByEvent.get(event.eventId) ?? []);
    return conflicts.length > 0 ? [conflictRecord(placedOf(decision), conflicts, deps.recordedAt)] : [];
  });
  return { conflictsByEvent, records };
};
