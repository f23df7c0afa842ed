import { BACKWARDS, END, FORWARDS, type ReadStreamOptions, type RecordedEvent } from '@kurrent/kurrentdb-client';
import { EventIdConflictError, type ExpectedVersion } from '@possier/events';

/**
 * How many events beyond a batch's size an append with expected version `any` looks back for an
 * earlier copy. Small on purpose: every `any` append pays for this read, and an older retry is
 * still recognised by the server's own cache of recent event ids (see `head` below).
 */
export const ANY_LOOKBACK = 16;

export type StoredBatch = { nextExpectedVersion: number; globalPositions: number[] };

/** Reads part of one stream, in the read's direction; [] for a missing stream. */
export type ReadWindow = (options: ReadStreamOptions) => Promise<RecordedEvent[]>;

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const asStoredBatch = (run: ReadonlyArray<RecordedEvent>): StoredBatch => ({
  nextExpectedVersion: Number((run.at(-1) as RecordedEvent).revision),
  globalPositions: run.map((event) => {
    if (!event.position) throw new Error(`KurrentDB returned event ${event.id} without its log position`);
    return Number(event.position.commit);
  }),
});

/** The batch's ids, in order, on consecutive events starting at `stored[start]`. */
const isBatchAt = (stored: ReadonlyArray<RecordedEvent>, start: number, eventIds: ReadonlyArray<string>): boolean =>
  start >= 0 &&
  start + eventIds.length <= stored.length &&
  eventIds.every((id, index) => sameId((stored[start + index] as RecordedEvent).id, id));

/** The batch as stored from `stored[0]` on, or null when `stored` does not start with exactly its ids. */
export const storedBatchAt = (
  stored: ReadonlyArray<RecordedEvent>,
  eventIds: ReadonlyArray<string>,
): StoredBatch | null => (isBatchAt(stored, 0, eventIds) ? asStoredBatch(stored.slice(0, eventIds.length)) : null);

/**
 * Finds an earlier copy of a batch in its stream, before appending it: a retry whose first
 * attempt was stored (a lost response, a register replaying its outbox). When found, nothing is
 * written and the first append's result is returned with `duplicate: true`.
 *
 * Where to look: at the expected version (the `batchSize` events after it), or for `any` among
 * the stream's last `batchSize + ANY_LOOKBACK` events. When an id of the batch shows up in the
 * window but not as the start of the whole batch, the one place the batch could start is read
 * exactly before deciding, so a copy stored at another version, or cut by the window's edge, is
 * still recognised.
 *
 * Ids only, never payloads: KurrentDB's own idempotency compares event ids alone, so an id re-sent
 * with another payload or type is a duplicate here, not the EventIdConflictError PostgreSQL
 * raises. The conformance subject declares it (`differences.payloadConflictIsDuplicate`). An id
 * stored in the stream other than as this batch is a conflict: appending would store it twice.
 * Ids are not checked across streams: KurrentDB has no index by event id.
 *
 * `head` is the stream's last revision when the window showed it (`any` only). A retry with `any`
 * older than the window reaches the server, which recognises it while its ids are still in its
 * in-memory cache of recently committed event ids (best effort, as KurrentDB documents for `any`;
 * the cache does not survive a restart): it writes nothing and answers the first append's
 * revisions, so a next expected version not beyond `head` tells the caller it was a duplicate.
 */
export const findStoredBatch = async (
  read: ReadWindow,
  streamId: string,
  expectedVersion: ExpectedVersion,
  eventIds: ReadonlyArray<string>,
): Promise<{ batch: StoredBatch | null; head: bigint | undefined }> => {
  const window =
    expectedVersion === 'any'
      ? (await read({ direction: BACKWARDS, fromRevision: END, maxCount: eventIds.length + ANY_LOOKBACK })).reverse()
      : await read({
          direction: FORWARDS,
          fromRevision: expectedVersion === 'no_stream' ? 0n : BigInt(expectedVersion) + 1n,
          maxCount: eventIds.length,
        });
  const head = expectedVersion === 'any' ? window.at(-1)?.revision : undefined;
  const first = eventIds[0] ?? '';
  const start = window.findIndex((event) => sameId(event.id, first));
  if (isBatchAt(window, start, eventIds))
    return { batch: asStoredBatch(window.slice(start, start + eventIds.length)), head };

  const clash = window.find((event) => eventIds.some((id) => sameId(event.id, id)));
  if (clash === undefined) return { batch: null, head };
  const batchStart = clash.revision - BigInt(eventIds.findIndex((id) => sameId(clash.id, id)));
  if (batchStart >= 0n) {
    const batch = storedBatchAt(
      await read({ direction: FORWARDS, fromRevision: batchStart, maxCount: eventIds.length }),
      eventIds,
    );
    if (batch) return { batch, head };
  }
  throw new EventIdConflictError(
    clash.id,
    `already stored at position ${clash.revision} of ${streamId}, not as part of this batch`,
  );
};
