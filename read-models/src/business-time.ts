import { localDateAndHour } from '@possier/events';
import type { ProjectionContext } from './projection.js';

export type BusinessTime = { business_date: string; hour: number };

/**
 * The store-local date and hour of an instant (invariant 8). The offset written in `occurredAt`
 * is the producer's, which may be UTC or a misconfigured till; only the store's zone decides.
 */
export const businessTimeOf = (occurredAt: string, storeId: string, context: ProjectionContext): BusinessTime => {
  const { date, hour } = localDateAndHour(occurredAt, context.timeZoneOf(storeId));
  return { business_date: date, hour };
};
