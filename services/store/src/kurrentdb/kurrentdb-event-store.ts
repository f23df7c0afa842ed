import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
  excludeSystemEvents,
  type AppendStreamState,
  type CurrentStreamState,
  type ReadStreamOptions as KurrentReadStreamOptions,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import {
  EventIdConflictError,
  InvalidAppendError,
  StreamOrgMismatchError,
  WrongExpectedVersionError,
  type AppendResult,
  type EventEnvelope,
  type EventStore,
  type ExpectedVersion,
  type StoredEvent,
  type StreamVersion,
} from '@possier/events';
import type { StoreOptions } from '../conformance/subject.js';
import { upcasterFor } from '../upcast.js';
import { validateAppend } from '../validate-append.js';
import { isLedgerEvent, orgIdOf, toEventData, toStoredEvent } from './event-mapping.js';
import { logMatcher, serverFilter } from './log-filter.js';
import { decodeLogPosition, encodeLogPosition } from './log-position.js';
import { scanAll } from './scan-all.js';
import { findStoredBatch, storedBatchAt } from './stored-batch.js';
import { subscribeAfter } from './subscribe-after.js';

/** What readAll returns at most when the caller names no limit, as the PostgreSQL adapter does. */
const DEFAULT_LIMIT = 1_000;
/** Events per `$all` read; readAll asks for fewer when its limit is smaller. */
const PAGE_SIZE = 500;
/** Streams whose owning org is remembered. The owner is the first event's org, which never changes, so an entry cannot go stale. */
const ORG_CACHE_SIZE = 10_000;

const toStreamState = (expected: ExpectedVersion): AppendStreamState =>
  expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : BigInt(expected);

/** The client reports a missing stream as `no_stream` (and a deleted one as a negative revision). */
const actualVersionOf = (state: CurrentStreamState): StreamVersion | 'no_stream' =>
  typeof state === 'bigint' && state >= 0n ? Number(state) : 'no_stream';

/**
 * The event store on KurrentDB (formerly EventStoreDB). Stream id → stream name, type → event
 * type, eventId → event id, data → JSON data, every other envelope field → JSON metadata.
 *
 * What differs from PostgreSQL, by KurrentDB's design (services/store/README.md):
 * - idempotency is by event id alone and only recognises retries (stored-batch.ts);
 * - a stream's org is its first event's, read back (and cached) before each append;
 * - `$all` is commit-ordered by construction, so there is no gap to wait for; globalPosition is
 *   the event's commit position, increasing but not dense;
 * - readAll's org filter runs in the client: the server filters on type and stream name only.
 */
export const openKurrentDbEventStore = async (
  options: { connectionString: string } & StoreOptions,
): Promise<EventStore> => {
  const client = KurrentDBClient.connectionString(options.connectionString);
  const upcast = upcasterFor(options.registry);
  const streamOrgs = new Map<string, string>();

  const remember = (streamId: string, orgId: string): void => {
    const oldest = streamOrgs.keys().next();
    if (streamOrgs.size >= ORG_CACHE_SIZE && !oldest.done) streamOrgs.delete(oldest.value);
    streamOrgs.set(streamId, orgId);
  };

  const readWindow = async (streamId: string, read: KurrentReadStreamOptions): Promise<KurrentRecordedEvent[]> => {
    const events: KurrentRecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(streamId, read)) if (resolved.event) events.push(resolved.event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  };

  /** The org a stream belongs to; null while it has no events. */
  const ownerOf = async (streamId: string): Promise<string | null> => {
    const cached = streamOrgs.get(streamId);
    if (cached !== undefined) return cached;
    const [first] = await readWindow(streamId, { direction: FORWARDS, fromRevision: START, maxCount: 1 });
    if (first === undefined) return null;
    // A stream some other application wrote belongs to no org: '' matches none.
    const owner = orgIdOf(first) ?? '';
    remember(streamId, owner);
    return owner;
  };

  const write = async (
    streamId: string,
    expectedVersion: ExpectedVersion,
    orgId: string,
    events: EventEnvelope[],
    retried: boolean,
  ): Promise<AppendResult> => {
    const eventIds = events.map((event) => event.eventId);
    const owner = await ownerOf(streamId);
    if (owner !== null && owner !== orgId) throw new StreamOrgMismatchError(streamId, orgId);
    const found =
      owner === null
        ? undefined
        : await findStoredBatch((read) => readWindow(streamId, read), streamId, expectedVersion, eventIds);
    if (found?.batch) return { ...found.batch, duplicate: true };

    // `any` on a stream with no events yet is sent as `no_stream`: a first append in another org's
    // name cannot then slip in between the org check above and this write.
    const streamState = owner === null && expectedVersion === 'any' ? NO_STREAM : toStreamState(expectedVersion);
    let next: bigint;
    try {
      next = (await client.appendToStream(streamId, events.map(toEventData), { streamState })).nextExpectedRevision;
    } catch (error) {
      if (error instanceof KurrentWrongExpectedVersionError) {
        // The stream was created meanwhile: check its org (and a copy of this batch) again, once.
        if (streamState === NO_STREAM && expectedVersion === 'any' && !retried) {
          return write(streamId, expectedVersion, orgId, events, true);
        }
        // `any` cannot be stale: the server refuses it only when its cache of recent event ids
        // holds the batch's first id but not the rest after it ("corrupted idempotency").
        if (streamState === ANY) {
          throw new EventIdConflictError(
            eventIds[0] ?? '',
            `stored in ${streamId}, but the rest of this batch is not after it`,
          );
        }
        throw new WrongExpectedVersionError(streamId, expectedVersion, actualVersionOf(error.actualState));
      }
      if (error instanceof MaxAppendSizeExceededError) {
        throw new InvalidAppendError(
          'events',
          `the batch exceeds the server's maximum append size (${error.maxAppendSize} bytes)`,
        );
      }
      throw error;
    }
    if (owner === null) remember(streamId, orgId);

    // The append answers with one position for the whole batch; each event's own position is read
    // back from the revisions the batch now holds, which are contiguous and ours.
    const stored = storedBatchAt(
      await readWindow(streamId, {
        direction: FORWARDS,
        fromRevision: next - BigInt(events.length) + 1n,
        maxCount: events.length,
      }),
      eventIds,
    );
    if (!stored) throw new Error(`the batch appended to ${streamId} was not found at revisions up to ${next}`);
    options.faults?.afterCommit?.();
    // With `any`, the server may recognise a retry the window missed: then nothing new was written
    // and the stream's head did not move past what it was before.
    const duplicate = found?.head !== undefined && next <= found.head;
    return { ...stored, duplicate };
  };

  const readStream: EventStore['readStream'] = async (streamId, { from, direction = 'forwards', limit } = {}) => {
    if (from !== undefined && !(Number.isSafeInteger(from) && from >= 0)) {
      throw new RangeError(`from must be a stream position (0 or more), not ${from}`);
    }
    if (limit !== undefined && limit <= 0) return [];
    const backwards = direction === 'backwards';
    const events = await readWindow(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: from === undefined ? (backwards ? END : START) : BigInt(from),
      maxCount: limit ?? Number.MAX_SAFE_INTEGER,
    });
    return events.map((event) => toStoredEvent(event, upcast));
  };

  return {
    append: async (streamId, expectedVersion, input) => {
      const { orgId, events } = validateAppend(streamId, expectedVersion, input);
      return write(streamId, expectedVersion, orgId, events, false);
    },

    // No multi-stream read in the protocol: the streams are read side by side.
    readStreams: async (reads) => {
      const found = await Promise.all(
        reads.map(async ({ streamId, from }) => [streamId, await readStream(streamId, { from })] as const),
      );
      return new Map(found);
    },

    readStream,

    readAll: async ({ after, limit = DEFAULT_LIMIT, filter } = {}) => {
      if (limit <= 0) return [];
      const matches = logMatcher(filter);
      const found: StoredEvent[] = [];
      const scan = scanAll(client, {
        direction: FORWARDS,
        after: after === undefined ? undefined : decodeLogPosition(after),
        filter: serverFilter(filter),
        // One more than asked: a read from `after` returns the event at `after` again first.
        pageSize: Math.min(limit, PAGE_SIZE) + 1,
      });
      for await (const event of scan) {
        if (!matches(event)) continue;
        found.push(toStoredEvent(event, upcast));
        if (found.length === limit) break;
      }
      return found;
    },

    subscribeAll: ({ after, filter, signal } = {}) => {
      const from = after === undefined ? undefined : decodeLogPosition(after);
      const matches = logMatcher(filter);
      return (async function* () {
        for await (const event of subscribeAfter(client, { after: from, filter: serverFilter(filter), signal })) {
          if (matches(event)) yield toStoredEvent(event, upcast);
        }
      })();
    },

    headPosition: async () => {
      for await (const event of scanAll(client, {
        direction: BACKWARDS,
        filter: excludeSystemEvents(),
        pageSize: 16,
      })) {
        if (isLedgerEvent(event)) return encodeLogPosition(event.position);
      }
      return null;
    },

    close: () => client.dispose(),
  };
};
