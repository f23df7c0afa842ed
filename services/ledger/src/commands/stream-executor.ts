import {
  DomainError,
  envelopeEvents,
  eventRegistry,
  StreamOrgMismatchError,
  WrongExpectedVersionError,
  type Decider,
  type EnvelopeMetadata,
  type EventStore,
  type StoredEvent,
} from '@possier/events';
import { deriveEventIds } from './event-ids.js';

export type AppendedEvent = { eventId: string; type: string; streamPosition: number; globalPosition: number };

export type CommandOutcome = {
  commandId: string;
  streamId: string;
  /** True when this command had already run: these are its events from then, nothing new was appended. */
  replayed: boolean;
  events: AppendedEvent[];
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
    /** The caller's org; undefined for an operator, who acts across orgs. */
    orgId: string | undefined;
  },
): Promise<CommandOutcome> => {
  for (let attempt = 0; ; attempt += 1) {
    const read = await store.readStream(spec.streamId, { limit: 100_000 });
    // Another org's stream is, to this caller, a stream that does not exist: were its state
    // folded, the refusal would tell another org's order from an unknown id and name its store.
    const foreign = orgId !== undefined && read.length > 0 && read[0]?.orgId !== orgId;
    const stored = foreign ? [] : read;
    const earlier = stored.filter((event) => event.causationId === spec.commandId);
    const [firstId] = deriveEventIds(spec.commandId, 1);
    if (earlier.some((event) => event.eventId === firstId)) {
      return { commandId: spec.commandId, streamId: spec.streamId, replayed: true, events: appendedFrom(earlier) };
    }

    const state = stored.reduce(
      (current, event) => spec.decider.evolve(current, { type: event.type, data: event.data } as Event),
      spec.decider.initialState(),
    );
    const prepared = await spec.prepare(state);
    if (prepared instanceof DomainError) throw prepared;
    const decision = spec.decider.decide(prepared.command, state);
    if (decision instanceof DomainError) throw decision;
    if (decision.length === 0)
      return { commandId: spec.commandId, streamId: spec.streamId, replayed: false, events: [] };
    // Only an id the caller already knows gets here (a creation aimed at another org's stream).
    if (foreign && orgId !== undefined) throw new StreamOrgMismatchError(spec.streamId, orgId);

    const envelopes = envelopeEvents(decision, {
      streamId: spec.streamId,
      eventIds: deriveEventIds(spec.commandId, decision.length),
      schemaVersionOf: (type) => eventRegistry.currentVersion(type),
      metadata: prepared.metadata,
    });
    const expected = stored.length === 0 ? 'no_stream' : (stored.at(-1) as StoredEvent).streamPosition;
    const started = performance.now();
    try {
      const result = await store.append(spec.streamId, expected, envelopes);
      onAppend?.((performance.now() - started) / 1000);
      const firstPosition = result.nextExpectedVersion - envelopes.length + 1;
      return {
        commandId: spec.commandId,
        streamId: spec.streamId,
        replayed: result.duplicate,
        events: envelopes.map((envelope, index) => ({
          eventId: envelope.eventId,
          type: envelope.type,
          streamPosition: firstPosition + index,
          globalPosition: result.globalPositions[index] as number,
        })),
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (attempt >= retries) throw new ConcurrencyConflictError(spec.streamId);
    }
  }
};
