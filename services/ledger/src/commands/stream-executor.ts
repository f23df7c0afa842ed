import {
  domainError,
  DomainError,
  envelopeEvents,
  eventRegistry,
  WrongExpectedVersionError,
  type Decider,
  type EnvelopeMetadata,
  type EventEnvelope,
  type EventStore,
  type StoredEvent,
  type StreamRef,
} from '@possier/events';
import { deriveEventIds } from './event-ids.js';

export type AppendedEvent = { eventId: string; type: string; streamPosition: number; globalPosition: number };

export type CommandOutcome = {
  commandId: string;
  /** The org that owns the stream: with streamId, the stream (a StreamRef). */
  orgId: string;
  streamId: string;
  /** True when this command had already run: these are its events from then, nothing new was appended. */
  replayed: boolean;
  events: AppendedEvent[];
  /** The same events whole, as appended (or, replayed, as stored then): what workflows react to. */
  produced: ReadonlyArray<EventEnvelope>;
  /** The stream's state the command was decided on (replayed: the state the stream is in now). */
  state: unknown;
};

/** A command lost the race for its stream more often than it may retry. */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} kept changing while the command was decided; try again`);
  }
}

type DomainEventShape = { type: string; data: unknown };

export type StreamCommandSpec<Command, Event extends DomainEventShape, State> = {
  commandId: string;
  /**
   * A digest of the command as it came (its type and validated data), kept with its events: a
   * later command under the same id is a retry only if its digest is the same. Without one (a
   * workflow's derived command), any command under the id counts as a retry.
   */
  fingerprint?: string | undefined;
  streamId: string;
  /**
   * The org whose stream it is, when the caller is an operator (who belongs to no org) creating
   * one; any other caller's commands act on streams of the caller's own org, whatever this says.
   */
  operatorTargetOrgId?: string;
  decider: Decider<Command, Event, State>;
  /**
   * Turns the request into the domain command once the stream's state is known: resolves the
   * context a decision needs and checks the caller may act on what the state says the target is
   * (an order's store comes from the order, never from the request). Returns a DomainError to
   * refuse.
   */
  prepare: (state: State) => Promise<{ command: Command; metadata: EnvelopeMetadata } | DomainError>;
};

/** Events stored before fingerprints were kept have none: a retry of theirs is taken at its word. */
const isSameCommand = async (
  store: EventStore,
  stream: StreamRef,
  spec: { commandId: string; fingerprint?: string | undefined },
): Promise<boolean> => {
  if (spec.fingerprint === undefined) return true;
  const first = await store.commandFingerprint(stream, spec.commandId);
  return first === null || first === spec.fingerprint;
};

const appendedFrom = (events: ReadonlyArray<StoredEvent>): AppendedEvent[] =>
  events.map(({ eventId, type, streamPosition, globalPosition }) => ({
    eventId,
    type,
    streamPosition,
    globalPosition,
  }));

/** A command id already used for another command: idempotency keys name one request, never two. */
const commandIdReused = (): DomainError =>
  domainError(
    'CONFLICT.COMMAND_ID_REUSED',
    'commandId',
    'this command id was already used for a command with a different body; a new command needs a new id',
  );

/**
 * The whole of a command handler's work, the same for every command: load the stream, fold its
 * state with the decider's evolve, decide, append at the version loaded. A lost race (the stream
 * moved between load and append) reloads and decides again, up to `retries` times. A command that
 * already ran is recognised by its derived event ids in the stream and answered with its events,
 * if it is the same command (its fingerprint, when it has one, is the one kept at the first run);
 * a different command under a used id is refused.
 */
export const executeStreamCommand = async <Command, Event extends DomainEventShape, State>(
  store: EventStore,
  spec: StreamCommandSpec<Command, Event, State>,
  {
    retries,
    onAppend,
    orgId,
  }: {
    retries: number;
    onAppend?: (seconds: number) => void;
    /** The org that owns the stream: the caller's, or for an operator the org the command creates. */
    orgId: string;
  },
): Promise<CommandOutcome> => {
  // A stream is (org, name): another org's stream of the same name is not this one, so nothing
  // of it can be read, folded, refused on or blocked here.
  const stream = { orgId, streamId: spec.streamId };
  for (let attempt = 0; ; attempt += 1) {
    const stored = await store.readStream(stream, { limit: 100_000 });
    const state = stored.reduce(
      (current, event) => spec.decider.evolve(current, { type: event.type, data: event.data } as Event),
      spec.decider.initialState(),
    );
    const earlier = stored.filter((event) => event.causationId === spec.commandId);
    const [firstId] = deriveEventIds(spec.commandId, 1);
    if (earlier.some((event) => event.eventId === firstId)) {
      if (!(await isSameCommand(store, stream, spec))) throw commandIdReused();
      return {
        commandId: spec.commandId,
        orgId,
        streamId: spec.streamId,
        replayed: true,
        events: appendedFrom(earlier),
        produced: earlier,
        state,
      };
    }

    const prepared = await spec.prepare(state);
    if (prepared instanceof DomainError) throw prepared;
    const decision = spec.decider.decide(prepared.command, state);
    if (decision instanceof DomainError) throw decision;
    if (decision.length === 0)
      return {
        commandId: spec.commandId,
        orgId,
        streamId: spec.streamId,
        replayed: false,
        events: [],
        produced: [],
        state,
      };
    if (prepared.metadata.orgId !== orgId)
      throw new Error(
        `a command on stream ${spec.streamId} of org ${orgId} stamped its events with org ${prepared.metadata.orgId}`,
      );

    const envelopes = envelopeEvents(decision, {
      streamId: spec.streamId,
      eventIds: deriveEventIds(spec.commandId, decision.length),
      schemaVersionOf: (type) => eventRegistry.currentVersion(type),
      metadata: prepared.metadata,
    });
    const expected = stored.length === 0 ? 'no_stream' : (stored.at(-1) as StoredEvent).streamPosition;
    const started = performance.now();
    try {
      const result = await store.append(
        stream,
        expected,
        envelopes,
        spec.fingerprint === undefined ? {} : { command: { commandId: spec.commandId, fingerprint: spec.fingerprint } },
      );
      onAppend?.((performance.now() - started) / 1000);
      if (result.duplicate && !(await isSameCommand(store, stream, spec))) throw commandIdReused();
      const firstPosition = result.nextExpectedVersion - envelopes.length + 1;
      return {
        commandId: spec.commandId,
        orgId,
        streamId: spec.streamId,
        replayed: result.duplicate,
        events: envelopes.map((envelope, index) => ({
          eventId: envelope.eventId,
          type: envelope.type,
          streamPosition: firstPosition + index,
          globalPosition: result.globalPositions[index] as number,
        })),
        produced: envelopes,
        state,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (attempt >= retries) throw new ConcurrencyConflictError(spec.streamId);
    }
  }
};
