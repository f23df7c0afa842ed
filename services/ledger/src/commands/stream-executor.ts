import {
  DomainError,
  envelopeEvents,
  eventRegistry,
  WrongExpectedVersionError,
  type Decider,
  type EnvelopeMetadata,
  type EventEnvelope,
  type EventStore,
  type StoredEvent,
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

const appendedFrom = (events: ReadonlyArray<StoredEvent>): AppendedEvent[] =>
  events.map(({ eventId, type, streamPosition, globalPosition }) => ({
    eventId,
    type,
    streamPosition,
    globalPosition,
  }));

/**
 * The whole of a command handler's work, the same for every command: load the stream, fold its
 * state with the decider's evolve, decide, append at the version loaded. A lost race (the stream
 * moved between load and append) reloads and decides again, up to `retries` times. A command that
 * already ran is recognised by its derived event ids in the stream and answered with its events.
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
      const result = await store.append(stream, expected, envelopes);
      onAppend?.((performance.now() - started) / 1000);
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
