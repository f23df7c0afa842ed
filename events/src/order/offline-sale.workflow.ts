import type { CatalogView } from '../catalog/catalog-entry.js';
import { fieldPath } from '../errors.js';
import type { StockDepleted } from '../stock/stock-depleted.js';
import {
  catalogConflictsOf,
  stockConflictOf,
  type OfflineConflict,
  type OfflineConflictRecorded,
} from './offline-conflict.js';
import type { OrderPlaced } from './order.events.js';

/** A replayed event as the register decided it: its id, type and data. */
type Replayed = { eventId: string; type: string; data: unknown };

/** The facts a batch's judgement needs: the catalog entries of these items, stock on hand of these stock items. */
export const offlineJudgementNeeds = (decisions: ReadonlyArray<ReadonlyArray<Replayed>>) => {
  const events = decisions.flat();
  const itemIds = events.flatMap((event) =>
    event.type === 'OrderPlaced'
      ? (event.data as OrderPlaced['data']).lines.flatMap((line) => [
          line.itemId,
          ...line.modifiers.map((modifier) => modifier.itemId),
        ])
      : [],
  );
  const stockItemIds = events.flatMap((event) =>
    event.type === 'StockDepleted' ? [(event.data as StockDepleted['data']).stockItemId] : [],
  );
  return { itemIds: [...new Set(itemIds)], stockItemIds: [...new Set(stockItemIds)] };
};

export type OfflineJudgement = {
  /** Conflicts by the replayed event they were found in. */
  conflictsByEvent: Map<string, OfflineConflict[]>;
  /** One record per sale that met conflicts, for the sale's order stream, with the OrderPlaced it is about. */
  records: Array<{ placedEventId: string; recorded: OfflineConflictRecorded }>;
};

/**
 * Offline sale → judgement, declared once: what changed while a register was offline, for the
 * sale decisions of one replayed batch once they are stored. Each order's lines are compared with
 * the catalog as it is now; each depletion with stock on hand, where `onHandAfterBatch` is read
 * after the batch's appends and walked back through the batch's own depletions, so each sale is
 * judged by what was left after it (and two registers replaying at once cannot both miss the
 * stock going below zero: whichever commits last sees both sales). `found` are conflicts found
 * elsewhere (a loyalty shortfall), recorded with the rest. The sale stands either way.
 */
export const judgeOfflineSales = (
  decisions: ReadonlyArray<ReadonlyArray<Replayed>>,
  facts: {
    catalog: CatalogView;
    onHandAfterBatch: ReadonlyMap<string, number>;
    found?: ReadonlyMap<string, OfflineConflict[]>;
  },
): OfflineJudgement => {
  const conflictsByEvent = new Map<string, OfflineConflict[]>();
  const sales = decisions.flatMap((decision) => {
    const placed = decision.find((event) => event.type === 'OrderPlaced');
    return placed ? [{ decision, placed }] : [];
  });
  for (const { placed } of sales) {
    const found = [
      ...catalogConflictsOf(placed.data as OrderPlaced['data'], facts.catalog),
      ...(facts.found?.get(placed.eventId) ?? []),
    ];
    if (found.length > 0) conflictsByEvent.set(placed.eventId, found);
  }

  const onHand = new Map(facts.onHandAfterBatch);
  const depletions = sales.flatMap(({ decision }) => decision.filter((event) => event.type === 'StockDepleted'));
  for (const event of [...depletions].reverse()) {
    const depletion = event.data as StockDepleted['data'];
    const after = onHand.get(depletion.stockItemId);
    if (after === undefined) continue;
    const conflict = stockConflictOf(depletion, after, fieldPath('data', 'quantity'));
    if (conflict) conflictsByEvent.set(event.eventId, [conflict]);
    onHand.set(depletion.stockItemId, after + depletion.quantity);
  }

  const records = sales.flatMap(({ decision, placed }) => {
    const conflicts = decision.flatMap((event) => conflictsByEvent.get(event.eventId) ?? []);
    if (conflicts.length === 0) return [];
    const sale = placed.data as OrderPlaced['data'];
    const recorded: OfflineConflictRecorded = {
      type: 'OfflineConflictRecorded',
      data: {
        orderId: sale.orderId,
        storeId: sale.storeId,
        registerId: sale.registerId,
        placedEventId: placed.eventId,
        conflicts,
      },
    };
    return [{ placedEventId: placed.eventId, recorded }];
  });
  return { conflictsByEvent, records };
};
