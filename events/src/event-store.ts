import type { EventEnvelope, RecordedEvent } from './envelope.js';

/**
 * The event-store port: what the ledger needs of any store, PostgreSQL (the default), PGlite
 * (embedded) or EventStoreDB/KurrentDB. Types only; adapters live in services/store and all pass
 * one conformance suite.
 */

/**
 * Where a reader of the global log stands, as an opaque token that sorts as text in log order
 * (`0000000000000f3a-00000000000004d2`). In PostgreSQL it encodes (transaction id, global
 * position); in EventStoreDB the (commit, prepare) pair of `$all`. Persist it as text and hand
 * it back to resume exactly after the event it came from.
 */
export type LogPosition = string;

/** 0-based position of the last event of a stream; `no_stream` when it has none. */
export type StreamVersion = number;

export type ExpectedVersion = StreamVersion | 'no_stream' | 'any';

export type AppendResult = {
  /** The stream's version after the append: pass it as the expected version of the next one. */
  nextExpectedVersion: StreamVersion;
  /** The global position of each event of the batch, in order. */
  globalPositions: number[];
  /** True when this exact batch was already stored: nothing was written, the first append's positions are returned. */
  duplicate: boolean;
};

/** An event as a store returns it: upcast to its current schema version, with its place in the log. */
export type StoredEvent = RecordedEvent & { logPosition: LogPosition };

export type ReadDirection = 'forwards' | 'backwards';

export type ReadStreamOptions = {
  /** Stream position to start at, inclusive; from the end when reading backwards. */
  from?: number | undefined;
  direction?: ReadDirection | undefined;
  limit?: number | undefined;
};

/**
 * A stream's identity: the org that owns it and its name within that org. Ids are minted by
 * clients and say nothing about who owns them, so a name alone never identifies a stream: the
 * same `order-<uuid>` in two orgs is two unrelated streams, and one org's use of a name can
 * neither block, nor be seen by, another.
 */
export type StreamRef = { readonly orgId: string; readonly streamId: string };

/** One stream of a `readStreams` call, read forwards from `from` (inclusive). */
export type StreamRead = { streamId: string; from: number };

export type LogFilter = {
  orgId?: string | undefined;
  types?: ReadonlyArray<string> | undefined;
};

export type ReadAllOptions = {
  /** Read strictly after this position; from the start of the log when absent. */
  after?: LogPosition | undefined;
  limit?: number | undefined;
  filter?: LogFilter | undefined;
};

/** The part of an AbortSignal the port needs; the core is typed without DOM or Node libraries. */
export type AbortSignalLike = {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
};

export type SubscribeOptions = {
  after?: LogPosition | undefined;
  filter?: LogFilter | undefined;
  /** Ends the iteration, the way a caller stops a subscription. */
  signal?: AbortSignalLike | undefined;
};

/**
 * The command a batch is the decision of, kept with it so that a later command under the same id
 * can be told apart from a retry: `fingerprint` is the caller's digest of the command as it first
 * came (the store compares nothing, it only keeps it).
 */
export type CommandRecord = { readonly commandId: string; readonly fingerprint: string };

export type AppendOptions = {
  /** Kept only when the batch is appended (not when it is a duplicate or refused). */
  command?: CommandRecord | undefined;
};

export interface EventStore {
  /**
   * Appends a batch to one stream of one org atomically, if the stream is at `expectedVersion`.
   * Every event must name that stream and org. Re-appending a batch already stored is a no-op
   * that says `duplicate: true`. Event ids are unique within an org: another org's use of an id
   * is invisible here.
   *
   * Throws WrongExpectedVersionError, EventIdConflictError or InvalidAppendError; never writes
   * anything when it throws.
   */
  append(
    stream: StreamRef,
    expectedVersion: ExpectedVersion,
    events: ReadonlyArray<EventEnvelope>,
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * The fingerprint the batch of `commandId` in this stream was appended with; null when none was
   * kept (no such batch, or one appended without a command record).
   */
  commandFingerprint(stream: StreamRef, commandId: string): Promise<string | null>;
  readStream(stream: StreamRef, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /**
   * Several streams of one org forwards at once, each from its own position: what a command
   * reads to decide, in one round trip where the store can. Every stream asked for is in the
   * answer (keyed by stream id), empty when it has nothing from that position.
   */
  readStreams(orgId: string, reads: ReadonlyArray<StreamRead>): Promise<Map<string, StoredEvent[]>>;
  /** The global log in order, with no gaps: an event never appears after a position already handed out. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Catches up from `after`, then follows the log live, until the signal aborts. */
  subscribeAll(options?: SubscribeOptions): AsyncIterable<StoredEvent>;
  /** The position of the last event a reader can see now; null for an empty log. */
  headPosition(): Promise<LogPosition | null>;
  /**
   * The global position of that last event; null for an empty log. Global positions grow along
   * the log but count nothing (PostgreSQL skips the numbers of a rolled-back append, KurrentDB's
   * are byte offsets), so an event's globalPosition over this one says how far through the log a
   * reader is: a progress total that costs one read, where counting the events scans the log.
   */
  headGlobalPosition(): Promise<number | null>;
  close(): Promise<void>;
}

/** The store's typed refusals. Each carries what the caller needs to act on it. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    /** The stream's version now; `no_stream` when it has no events. */
    readonly actualVersion: StreamVersion | 'no_stream',
  ) {
    super(`stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}`);
  }
}

/** An event id already stored in the same org with a different stream, type or payload: never a second row. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly eventId: string,
    readonly detail: string,
  ) {
    super(`event ${eventId} is already stored with different content: ${detail}`);
  }
}

/** The batch itself is malformed: `path` names the field (`events.2.eventId`), `reason` says why. */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || 'append'}: ${reason}`);
  }
}

export const expectedVersionToNumber = (expected: ExpectedVersion): number =>
  expected === 'no_stream' ? -1 : expected === 'any' ? -2 : expected;
