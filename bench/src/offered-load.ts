import { performance } from 'node:perf_hooks';
import type { EventStore } from '@possier/events';
import type { OrderCommit } from './pizza-orders.js';

/** At most this many appends wait for their commit at once; past it, the load offered is not being carried. */
const MAX_IN_FLIGHT = 256;

/**
 * Appends orders at a fixed rate in events per second until `untilMs` (performance.now() time),
 * whatever the store's answers take (an open loop, as tills selling on their own are). Returns
 * the events appended.
 */
export const offerLoad = async (
  store: EventStore,
  orders: Iterator<OrderCommit>,
  eventsPerSecond: number,
  untilMs: number,
): Promise<number> => {
  const started = performance.now();
  const pending = new Set<Promise<unknown>>();
  let offered = 0;
  let failure: unknown;
  while (performance.now() < untilMs && failure === undefined) {
    const due = ((performance.now() - started) / 1000) * eventsPerSecond;
    while (offered < due && pending.size < MAX_IN_FLIGHT) {
      const order = orders.next().value as OrderCommit;
      offered += order.events.length;
      const append: Promise<unknown> = store
        .append({ orgId: order.events[0]?.orgId as string, streamId: order.streamId }, 'no_stream', order.events)
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => pending.delete(append));
      pending.add(append);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  if (failure !== undefined) throw failure;
  return offered;
};
