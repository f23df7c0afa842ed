import { orderStreamId, type EventStore, type StoredEvent } from '@possier/events';
import { orderToResolve, soldOrderFrom, type SoldOrder } from '@possier/read-models';

/**
 * The sales that the voids, refunds and tips among these events refer to, read from the store
 * (the facts, not another projection's rows), all at once.
 */
export const resolveSoldOrders = async (
  store: EventStore,
  events: ReadonlyArray<StoredEvent>,
): Promise<Map<string, SoldOrder | undefined>> => {
  const orderIds = [...new Set(events.map(orderToResolve).filter((id): id is string => id !== null))];
  const sold = await Promise.all(
    orderIds.map(
      async (orderId) =>
        [orderId, soldOrderFrom(await store.readStream(orderStreamId(orderId), { limit: 10_000 }))] as const,
    ),
  );
  return new Map(sold);
};
