import type { HeldImportBatch } from './sales-import.contract.js';
import type { SalesImportEvent, SalesImportStarted } from './sales-import.events.js';

/** An import as its stream tells it: the file it is of, the batches stored, and whether it finished. */
export type SalesImportState =
  | { status: 'none' }
  | {
      status: 'started' | 'completed';
      started: SalesImportStarted['data'];
      /** By `firstLine-lastLine`; a batch sent again is known by its latest record. */
      batches: ReadonlyMap<string, HeldImportBatch>;
    };

export const batchKey = (batch: { firstLine: number; lastLine: number }): string =>
  `${batch.firstLine}-${batch.lastLine}`;

/** Records what happened to an import; it holds no rules (those are the ledger's route's). */
export const evolveSalesImport = (state: SalesImportState, event: SalesImportEvent): SalesImportState => {
  switch (event.type) {
    case 'SalesImportStarted':
      return state.status === 'none' ? { status: 'started', started: event.data, batches: new Map() } : state;
    case 'SalesImportBatchRecorded': {
      if (state.status === 'none') return state;
      const { importId: _importId, ...batch } = event.data;
      return { ...state, batches: new Map(state.batches).set(batchKey(batch), batch) };
    }
    case 'SalesImportCompleted':
      return state.status === 'none' ? state : { ...state, status: 'completed' };
  }
};

export const initialSalesImport = (): SalesImportState => ({ status: 'none' });

/**
 * Orders of the import stored, over every batch and run, each counted once: a run with another
 * batch size sends the same orders in batches of other spans.
 */
export const importedOrders = (state: SalesImportState): number =>
  state.status === 'none' ? 0 : new Set([...state.batches.values()].flatMap((batch) => batch.stored)).size;
