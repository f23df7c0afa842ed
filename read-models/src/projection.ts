import type { OrderPlaced, PaymentTendered, StoredEvent } from '@possier/events';
import type { ProjectedEventType } from './decode.js';
import type { RowChange } from './row-change.js';

/** The sale an order stream opened with: what was sold and how it was paid (one commit). */
export type SoldOrder = {
  placed: OrderPlaced['data'];
  tenders: ReadonlyArray<PaymentTendered['data']>;
};

/**
 * What a projection may know beyond the event, supplied by the projector.
 *
 * `soldOrder` exists because a void, a refund and a tip adjustment name the order (and a refund
 * its lines, a tip its payment) but not what was sold: a refunded line carries no item, HSN or
 * rate, a void no lines or tenders, a tip no tender kind. The answer is a fact from earlier in the
 * same stream, immutable once appended, so it is the same live and on rebuild: the projector reads
 * it from the event store (the order stream's OrderPlaced and PaymentTendered, see `orderToResolve`
 * and `soldOrderFrom`), never from another projection's rows, whose progress it cannot vouch for.
 */
export type ProjectionContext = {
  /** The store's IANA zone; the projector answers from rm_stores, Asia/Kolkata when unknown. */
  timeZoneOf(storeId: string): string;
  soldOrder(orderId: string): SoldOrder | undefined;
};

export type Projection = {
  name: string;
  /** The tables it writes; a rebuild truncates exactly these. */
  tables: ReadonlyArray<string>;
  /** The event types it reads; it returns no change for any other. */
  eventTypes: ReadonlyArray<ProjectedEventType>;
  project(event: StoredEvent, context: ProjectionContext): RowChange[];
};
