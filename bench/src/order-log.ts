import type { PostgresEventStore } from '@possier/store';
import { pizzaOrders } from './pizza-orders.js';
import { analyze } from './statistics.js';

const WRITERS = 16;

/**
 * Appends the pizza place's orders (each a commit of its order, tenders and depletion) until the
 * log holds at least `events` more events, from 16 writers so the group commit fills it quickly.
 * The log is analyzed each time it has doubled (see statistics.ts), as autovacuum would.
 */
export const appendPizzaOrders = async (store: PostgresEventStore, events: number): Promise<number> => {
  const orders = await pizzaOrders();
  let appended = 0;
  let analyzedAt = 500;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (appended < events) {
        const order = orders.next().value;
        appended += order.events.length;
        await store.append(
          { orgId: order.events[0]?.orgId as string, streamId: order.streamId },
          'no_stream',
          order.events,
        );
        if (appended >= analyzedAt * 2) {
          analyzedAt = appended;
          await analyze(store.pool);
        }
      }
    }),
  );
  await analyze(store.pool);
  return appended;
};
