import {
  eventRegistry,
  judgeReplayedReversal,
  orderDecider,
  WrongExpectedVersionError,
  type AppendResult,
  type EventEnvelope,
  type EventStore,
  type OfflineConflict,
  type OfflineConflictRecorded,
  type OrderState,
  type ReplayedReversal,
} from '@possier/events';
import { deriveEventId } from '../commands/event-ids.js';

/** How often a reversal is judged again when the order moved between its read and its append. */
const RETRIES = 5;

export const isReversal = (event: { type: string }): boolean =>
  event.type === 'OrderVoided' || event.type === 'OrderRefunded';

export type ReplayedReversalOutcome = {
  /** One global position per event of the replayed decision (the conflict's, for what reversed nothing). */
  result: AppendResult;
  conflicts: OfflineConflict[];
  /** The decision's events as stored (none when it reversed nothing), for what reacts to them. */
  stored: EventEnvelope[];
};

/**
 * Appends a replayed void or refund as judged against every reversal already stored for its sale
 * (judgeReplayedReversal in the core): as the till decided it, cut to what is left, or — nothing
 * left — only the conflict that says so. The judgement and the append are one step at the order's
 * version: a reversal that lands in between (the web, another till) makes it judge again, so two
 * tills replaying voids of one sale at once cannot both reverse it. The ledger's records are
 * derived from the till's event id, so a retried batch is recognised and answered as a duplicate
 * whatever it was judged to be.
 */
export const appendReplayedReversal = async (
  store: EventStore,
  decision: ReadonlyArray<EventEnvelope>,
  reversal: EventEnvelope,
  recordedAt: string,
): Promise<ReplayedReversalOutcome> => {
  const { orgId, streamId } = reversal;
  const recordId = deriveEventId(reversal.eventId, 'reversal-conflict');
  for (let attempt = 0; ; attempt += 1) {
    const stored = await store.readStream({ orgId, streamId }, { limit: 100_000 });
    const version = stored.length - 1;
    const storedIds = new Set(stored.map((event) => event.eventId));
    if (storedIds.has(recordId) || decision.some((event) => storedIds.has(event.eventId))) {
      return {
        result: { nextExpectedVersion: version, globalPositions: [], duplicate: true },
        conflicts: [],
        stored: stored.filter((event) => decision.some((replayed) => replayed.eventId === event.eventId)),
      };
    }
    const state = stored.reduce(
      (folded, event) => orderDecider.evolve(folded, { type: event.type, data: event.data } as never),
      orderDecider.initialState() as OrderState,
    );
    const judged = judgeReplayedReversal(
      { type: reversal.type, data: reversal.data } as ReplayedReversal,
      state,
      deriveEventId(reversal.eventId, 'rest-refund'),
    );
    const record = (conflict: OfflineConflict): EventEnvelope => {
      const recorded: OfflineConflictRecorded = {
        type: 'OfflineConflictRecorded',
        data: {
          orderId: (reversal.data as { orderId: string }).orderId,
          storeId: reversal.storeId as string,
          registerId: reversal.registerId,
          placedEventId: reversal.eventId,
          conflicts: [conflict],
        },
      };
      return {
        ...reversal,
        eventId: recordId,
        type: recorded.type,
        schemaVersion: eventRegistry.currentVersion(recorded.type),
        occurredAt: recordedAt,
        causationId: reversal.eventId,
        data: recorded.data,
      };
    };
    const events =
      judged.verdict === 'stands'
        ? [...decision]
        : judged.verdict === 'reduced'
          ? [
              ...decision.map((event) =>
                event.eventId === reversal.eventId
                  ? {
                      ...event,
                      type: judged.event.type,
                      schemaVersion: eventRegistry.currentVersion(judged.event.type),
                      data: judged.event.data,
                    }
                  : event,
              ),
              record(judged.conflict),
            ]
          : [record(judged.conflict)];
    try {
      const appended = await store.append({ orgId, streamId }, version < 0 ? 'no_stream' : version, events);
      const conflicts = judged.verdict === 'stands' ? [] : [judged.conflict];
      const positions =
        judged.verdict === 'nothing_left'
          ? decision.map(() => appended.globalPositions[0] as number)
          : appended.globalPositions.slice(0, decision.length);
      const kept = judged.verdict === 'nothing_left' ? [] : events.slice(0, decision.length);
      return { result: { ...appended, globalPositions: positions }, conflicts, stored: kept };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= RETRIES) throw error;
    }
  }
};
