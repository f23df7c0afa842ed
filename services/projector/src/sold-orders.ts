import { orderStreamId, type EventStore, type StoredEvent } from '@possier/events';
import { orderToResolve, soldOrderFrom, type SoldOrder } from '@possier/read-models';

/** Ids are (org, id): the key of an org's store, order or any other id in the projector's maps. */
export const orgKey = (orgId: string, id: string): string => `${orgId}/${id}`;

/**
 * The sales that the voids, refunds and tips among these events refer to, read from the store
 * (the facts, not another projection's rows), all at once; keyed by orgKey, since two orgs may
 * use the same order id.
 */
export const resolveSoldOrders = async (
  store: EventStore,
  events: ReadonlyArray<StoredEvent>,
): Promise<Map<string, SoldOrder | undefined>> => {
  const wanted = new Map<string, { orgId: string; orderId: string }>();
  for (const event of events) {
    const orderId = orderToResolve(event);
    if (orderId !== null) wanted.set(orgKey(event.orgId, orderId), { orgId: event.orgId, orderId });
  }
  const sold = await Promise.all(
    [...wanted].map(
      async ([key, { orgId, orderId }]) =>
        [
          key,
          soldOrderFrom(await store.readStream({ orgId, streamId: orderStreamId(orderId) }, { limit: 10_000 })),
        ] as const,
    ),
  );
  return new Map(sold);
};
