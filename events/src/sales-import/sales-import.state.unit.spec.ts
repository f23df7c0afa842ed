import { describe, expect, it } from 'vitest';
import { id, STORE } from '../testing/fixtures.js';
import type { SalesImportEvent } from './sales-import.events.js';
import { evolveSalesImport, importedOrders, initialSalesImport } from './sales-import.state.js';

const IMPORT = id(0x1a);

const started: SalesImportEvent = {
  type: 'SalesImportStarted',
  data: { importId: IMPORT, storeId: STORE, fileName: 'sales.csv', fileSha256: 'a'.repeat(64), rows: 9, orders: 4 },
};
const batch = (firstLine: number, lastLine: number, stored: string[]): SalesImportEvent => ({
  type: 'SalesImportBatchRecorded',
  data: { importId: IMPORT, firstLine, lastLine, accepted: stored.length, duplicates: 0, stored, rejected: [] },
});
const fold = (events: ReadonlyArray<SalesImportEvent>) => events.reduce(evolveSalesImport, initialSalesImport());

describe('an import’s stream', () => {
  it('counts each stored order once, though a run with another batch size sent it again in another batch', () => {
    const state = fold([started, batch(2, 4, ['1', '2']), batch(5, 9, ['3']), batch(2, 9, ['1', '2', '3', '4'])]);
    expect(importedOrders(state)).toBe(4);
    expect(state.status === 'none' ? [] : [...state.batches.keys()]).toEqual(['2-4', '5-9', '2-9']);
  });

  it('knows a batch by its lines, its latest record standing', () => {
    const state = fold([started, batch(2, 4, ['1']), batch(2, 4, ['1', '2'])]);
    expect(state.status === 'none' ? undefined : state.batches.get('2-4')?.stored).toEqual(['1', '2']);
  });

  it('records nothing of batches or an end before its start, and is complete once completed', () => {
    const completed: SalesImportEvent = {
      type: 'SalesImportCompleted',
      data: { importId: IMPORT, imported: 0, failed: 0, failedRows: 0 },
    };
    expect(fold([batch(2, 4, ['1']), completed])).toEqual({ status: 'none' });
    expect(fold([started, completed, started]).status).toBe('completed');
  });
});
