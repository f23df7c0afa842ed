import type { StoredEvent } from '@possier/events';
import { memoryContext } from '../memory-context.js';
import { applyChanges, createMemoryTables, type MemoryTables } from '../memory-tables.js';
import type { Projection } from '../projection.js';

/** Folds events through projections into in-memory tables, as the projector would, in log order. */
export const fold = (projections: ReadonlyArray<Projection>, events: ReadonlyArray<StoredEvent>): MemoryTables => {
  const context = memoryContext(events);
  const tables = createMemoryTables();
  for (const event of events) {
    for (const projection of projections) applyChanges(tables, projection.project(event, context));
  }
  return tables;
};
