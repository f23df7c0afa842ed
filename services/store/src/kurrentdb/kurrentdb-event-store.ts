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
  type AllStreamRecordedEvent,
  type AppendStreamState,
  type CurrentStreamState,
  type ReadStreamOptions as KurrentReadStreamOptions,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import {
  EventIdConflictError,
  InvalidAppendError,
  WrongExpectedVersionError,
  type AppendResult,
  type CommandRecord,
  type EventEnvelope,
  type EventStore,
  type ExpectedVersion,
  type StoredEvent,
  type StreamRef,
  type StreamVersion,
} from '@possier/events';
import type { StoreOptions } from '../conformance/subject.js';
import { upcasterFor } from '../upcast.js';
import { validateAppend } from '../validate-append.js';
import { commandRecordOf, isLedgerEvent, toEventData, toStoredEvent } from './event-mapping.js';
import { logMatcher, serverFilter } from './log-filter.js';
import { decodeLogPosition, encodeLogPosition } from './log-position.js';
import { scanAll } from './scan-all.js';
import { findStoredBatch, storedBatchAt } from './stored-batch.js';
import { serverStreamName } from './stream-name.js';
import { subscribeAfter } from './subscribe-after.js';

/** What readAll returns at most when the caller names no limit, as the PostgreSQL adapter does. */
const DEFAULT_LIMIT = 1_000;
/** Events per `$all` read; readAll asks for fewer when its limit is smaller. */
const PAGE_SIZE = 500;

const toStreamState = (expected: ExpectedVersion): AppendStreamState =>
  expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : BigInt(expected);

/** The client reports a missing stream as `no_stream` (and a deleted one as a negative revision). */
const actualVersionOf = (state: CurrentStreamState): StreamVersion | 'no_stream' =>
  typeof state === 'bigint' && state >= 0n ? Number(state) : 'no_stream';

/**
 * The event store on KurrentDB (formerly EventStoreDB). (org, stream id) → stream name
 * `<orgId>:<streamId>` (stream-name.ts), type → event type, eventId → event id, data → JSON data,
 * every other envelope field → JSON metadata.
 *
 * What differs from PostgreSQL, by KurrentDB's design (services/store/README.md):
 * - idempotency is by event id within the stream, and only recognises retries (stored-batch.ts);
 * - `$all` is commit-ordered by construction, so there is no gap to wait for; globalPosition is
 *   the event's commit position, increasing but not dense;
 * - the log's org filter is a stream-name prefix on the server; its type filter runs in the client.
 */
export const openKurrentDbEventStore = async (
  options: { connectionString: string } & StoreOptions,
): Promise<EventStore> => {
  const client = KurrentDBClient.connectionString(options.connectionString);
  const upcast = upcasterFor(options.registry);

  /** Part of one stream, by its KurrentDB name; [] for a missing stream. */
  const readWindow = async (name: string, read: KurrentReadStreamOptions): Promise<KurrentRecordedEvent[]> => {
    const events: KurrentRecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(name, read)) if (resolved.event) events.push(resolved.event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  };

  // Refusals name the caller's stream id, not the KurrentDB name: the port speaks in stream ids.
  const write = async (
    stream: StreamRef,
    expectedVersion: ExpectedVersion,
    events: EventEnvelope[],
    command: CommandRecord | undefined,
  ): Promise<AppendResult> => {
    const name = serverStreamName(stream);
    const eventIds = events.map((event) => event.eventId);
    const found = await findStoredBatch((read) => readWindow(name, read), stream.streamId, expectedVersion, eventIds);
    if (found.batch) return { ...found.batch, duplicate: true };

    const streamState = toStreamState(expectedVersion);
    let next: bigint;
    try {
      next = (
        await client.appendToStream(
          name,
          events.map((event, index) => toEventData(event, index === 0 ? command : undefined)),
          { streamState },
        )
      ).nextExpectedRevision;
    } catch (error) {
      if (error instanceof KurrentWrongExpectedVersionError) {
        // `any` cannot be stale: the server refuses it only when its cache of recent event ids
        // holds the batch's first id but not the rest after it ("corrupted idempotency").
        if (streamState === ANY) {
          throw new EventIdConflictError(
            eventIds[0] ?? '',
            `stored in ${stream.streamId}, but the rest of this batch is not after it`,
          );
        }
        throw new WrongExpectedVersionError(stream.streamId, expectedVersion, actualVersionOf(error.actualState));
      }
      if (error instanceof MaxAppendSizeExceededError) {
        throw new InvalidAppendError(
          'events',
          `the batch exceeds the server's maximum append size (${error.maxAppendSize} bytes)`,
        );
      }
      throw error;
    }

    // The append answers with one position for the whole batch; each event's own position is read
    // back from the revisions the batch now holds, which are contiguous and ours.
    const stored = storedBatchAt(
      await readWindow(name, {
        direction: FORWARDS,
        fromRevision: next - BigInt(events.length) + 1n,
        maxCount: events.length,
      }),
      eventIds,
    );
    if (!stored) throw new Error(`the batch appended to ${stream.streamId} was not found at revisions up to ${next}`);
    options.faults?.afterCommit?.();
    // With `any`, the server may recognise a retry the window missed: then nothing new was written
    // and the stream's head did not move past what it was before.
    const duplicate = found.head !== undefined && next <= found.head;
    return { ...stored, duplicate };
  };

  const readStream: EventStore['readStream'] = async (stream, { from, direction = 'forwards', limit } = {}) => {
    if (from !== undefined && !(Number.isSafeInteger(from) && from >= 0)) {
      throw new RangeError(`from must be a stream position (0 or more), not ${from}`);
    }
    if (limit !== undefined && limit <= 0) return [];
    const backwards = direction === 'backwards';
    const events = await readWindow(serverStreamName(stream), {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: from === undefined ? (backwards ? END : START) : BigInt(from),
      maxCount: limit ?? Number.MAX_SAFE_INTEGER,
    });
    return events.map((event) => toStoredEvent(event, upcast));
  };

  /** The newest event of `$all` this adapter wrote; the server's own events are skipped. */
  const lastLedgerEvent = async (): Promise<AllStreamRecordedEvent | undefined> => {
    for await (const event of scanAll(client, { direction: BACKWARDS, filter: excludeSystemEvents(), pageSize: 16 })) {
      if (isLedgerEvent(event)) return event;
    }
    return undefined;
  };

  return {
    append: async (stream, expectedVersion, input, options = {}) => {
      const { events } = validateAppend(stream, expectedVersion, input);
      return write(stream, expectedVersion, events, options.command);
    },

    // No index by command here: the stream is read from its end, where a retry's first run
    // usually is.
    commandFingerprint: async (stream, commandId) => {
      const name = serverStreamName(stream);
      try {
        for await (const resolved of client.readStream(name, { direction: BACKWARDS, fromRevision: END })) {
          const record = resolved.event ? commandRecordOf(resolved.event) : null;
          if (record?.commandId === commandId) return record.fingerprint;
        }
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw error;
      }
      return null;
    },

    // No multi-stream read in the protocol: the org's streams are read side by side.
    readStreams: async (orgId, reads) => {
      const found = await Promise.all(
        reads.map(async ({ streamId, from }) => [streamId, await readStream({ orgId, streamId }, { from })] as const),
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
      const head = await lastLedgerEvent();
      return head ? encodeLogPosition(head.position) : null;
    },

    // As toStoredEvent numbers an event: its commit position.
    headGlobalPosition: async () => {
      const head = await lastLedgerEvent();
      return head ? Number(head.position.commit) : null;
    },

    close: () => client.dispose(),
  };
};
