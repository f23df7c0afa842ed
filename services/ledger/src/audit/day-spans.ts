import {
  auditDayStreamId,
  BusinessDayClosed,
  type EventStore,
  type LogPosition,
  type SealSummary,
} from '@possier/events';
import type { AuditLog } from '@possier/store';

const OPEN_DAY_SETTLE_MS = 2_000;

export type StoredSeal = { eventId: string; logPosition: LogPosition; data: BusinessDayClosed['data'] };

/**
 * A stretch of one store's log: its events after `after` up to and including `through`. `seals`
 * are the day seals over it, in order; with `open`, the stretch runs on past the last seal to
 * the log's head as it stood when the span was resolved, and that part is not sealed yet.
 */
export type DaySpan = {
  after: LogPosition | null;
  through: LogPosition | null;
  seals: StoredSeal[];
  open: boolean;
};

export const sealSummary = (seal: StoredSeal): SealSummary => ({
  businessDate: seal.data.businessDate,
  eventId: seal.eventId,
  eventCount: seal.data.eventCount,
  merkleRoot: seal.data.merkleRoot,
  keyId: seal.data.keyId,
});

/** The day seals of an org's store, oldest first. */
export const readSeals = async (store: EventStore, orgId: string, storeId: string): Promise<StoredSeal[]> => {
  const events = await store.readStream({ orgId, streamId: auditDayStreamId(storeId) }, { limit: 100_000 });
  return events.map((event) => ({
    eventId: event.eventId,
    logPosition: event.logPosition,
    data: BusinessDayClosed.shape.data.parse(event.data),
  }));
};

/**
 * The span that holds the store's business days `from` to `to`. A day's events are sealed by the
 * first close of that day or later (a day nobody closed is sealed by the next close), so the span
 * runs from the start of the first such close's span to the end of the one for `to`; when `to`
 * has not been closed yet, on to the head of the log.
 */
export const resolveDaySpan = async (
  deps: { store: EventStore; log: AuditLog },
  scope: { orgId: string; storeId: string },
  from: string,
  to: string,
): Promise<DaySpan> => {
  const seals = await readSeals(deps.store, scope.orgId, scope.storeId);
  const first = seals.findIndex((seal) => seal.data.businessDate >= from);
  const last = seals.findIndex((seal) => seal.data.businessDate >= to);
  if (first >= 0 && last >= 0) {
    const covering = seals.slice(first, last + 1);
    return {
      after: (covering[0] as StoredSeal).data.afterPosition,
      through: (covering.at(-1) as StoredSeal).data.throughPosition,
      seals: covering,
      open: false,
    };
  }
  const after =
    first >= 0
      ? (seals[first] as StoredSeal).data.afterPosition
      : (seals.at(-1)?.data.throughPosition ?? (await deps.log.lastUnchained(scope.orgId, scope.storeId)));
  // An accountant reading the open day expects what was recorded before the request: wait
  // briefly for appends still committing, then fix the end, so that a count and the pages read
  // after it agree while sales go on.
  await deps.log.settle(OPEN_DAY_SETTLE_MS);
  return {
    after,
    through: (await deps.store.headPosition()) ?? after,
    seals: first >= 0 ? seals.slice(first) : [],
    open: true,
  };
};
