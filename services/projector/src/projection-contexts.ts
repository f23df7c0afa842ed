import { DEFAULT_TIME_ZONE } from '@possier/events';
import type { ProjectionContext, SoldOrder } from '@possier/read-models';
import { orgKey } from './sold-orders.js';

/**
 * What projections ask of the world beyond an event, answered per org: a store's time zone and
 * an order's sale are looked up by (org, id), so one org's ids never answer for another's.
 * `zones` and `sold` are keyed by orgKey; a StoreCreated seen on the way adds its zone.
 */
export class ProjectionContexts {
  private readonly contexts = new Map<string, ProjectionContext>();

  constructor(
    private readonly zones: Map<string, string>,
    private readonly sold: ReadonlyMap<string, SoldOrder | undefined>,
  ) {}

  /** A store created in this batch gives the events after it their time zone. */
  see(event: { type: string; orgId: string; data: unknown }): void {
    if (event.type !== 'StoreCreated') return;
    const data = event.data as { storeId: string; timeZone: string };
    this.zones.set(orgKey(event.orgId, data.storeId), data.timeZone);
  }

  of(orgId: string): ProjectionContext {
    let context = this.contexts.get(orgId);
    if (!context) {
      context = {
        timeZoneOf: (storeId) => this.zones.get(orgKey(orgId, storeId)) ?? DEFAULT_TIME_ZONE,
        soldOrder: (orderId) => this.sold.get(orgKey(orgId, orderId)),
      };
      this.contexts.set(orgId, context);
    }
    return context;
  }
}
