import { DEFAULT_TIME_ZONE } from '@possier/events';
import { decode } from './decode.js';
import type { ProjectionContext, SoldOrder } from './projection.js';
import { soldOrderFrom } from './sold-order.js';

/**
 * A projection context over a list of events, as the projector would answer it from rm_stores
 * and the order streams. For tests and for rebuilding in memory to compare with the live tables.
 */
export const memoryContext = (events: ReadonlyArray<{ type: string; data: unknown }>): ProjectionContext => {
  const timeZones = new Map<string, string>();
  const orderStreams = new Map<string, Array<{ type: string; data: unknown }>>();
  for (const event of events) {
    const decoded = decode(event);
    if (decoded?.type === 'StoreCreated') timeZones.set(decoded.data.storeId, decoded.data.timeZone);
    if (decoded?.type === 'OrderPlaced' || decoded?.type === 'PaymentTendered') {
      const stream = orderStreams.get(decoded.data.orderId);
      if (stream) stream.push(event);
      else orderStreams.set(decoded.data.orderId, [event]);
    }
  }
  const soldOrders = new Map<string, SoldOrder | undefined>();
  return {
    timeZoneOf: (storeId) => timeZones.get(storeId) ?? DEFAULT_TIME_ZONE,
    soldOrder: (orderId) => {
      if (!soldOrders.has(orderId)) soldOrders.set(orderId, soldOrderFrom(orderStreams.get(orderId) ?? []));
      return soldOrders.get(orderId);
    },
  };
};
