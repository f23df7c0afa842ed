import { performance } from 'node:perf_hooks';
import { rebuildProjection } from '@possier/projector';
import { createTestDatabase } from '@possier/prisma';
import { projections } from '@possier/read-models';
import { openPostgresEventStore } from '@possier/store';
import { appendPizzaOrders } from '../order-log.js';
import type { Row } from '../report.js';

/** Appends a realistic log of `events` order events, then times the rebuild of two report projections over it. */
export const rebuildScenarios = async (events: number): Promise<Row[]> => {
  const database = await createTestDatabase('possier_bench_rebuild');
  const store = await openPostgresEventStore({ connectionString: database.url, poolSize: 8 });
  try {
    await appendPizzaOrders(store, events);
    const rows: Row[] = [];
    for (const name of ['sales_by_hour', 'gst_summary']) {
      const projection = projections[name];
      if (!projection) {
        rows.push({ figure: `rebuild ${name}`, unit: '', note: 'no such projection' });
        continue;
      }
      const started = performance.now();
      const result = await rebuildProjection(store.pool, store, projection);
      const rate = result.events / ((performance.now() - started) / 1000);
      console.error(`rebuild ${name}: ${Math.round(rate)} events/s`);
      rows.push({
        figure: `rebuild ${name}, ${result.events.toLocaleString('en-US')} events`,
        unit: 'events/s',
        rate,
        target: '≥ 20,000/s',
        status: rate >= 20_000 ? 'pass' : 'short',
      });
    }
    return rows;
  } finally {
    await store.close();
    await database.drop();
  }
};
