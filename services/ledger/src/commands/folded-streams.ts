import type { EventStore } from '@possier/events';

/** The part of a decider that folds a stream into its state. */
export type Fold<State> = {
  initialState(): State;
  evolve(state: State, event: never): State;
};

type Entry = { version: number; orgId: string | null; state: unknown };

/** Any decider's fold, whatever its state: a batch of `fold` may mix streams of several kinds. */
type AnyFold = { initialState(): unknown; evolve(state: never, event: never): unknown };

/**
 * One stream folded by its decider as it is now, read whole, for a caller of `orgId`: a stream of
 * another org folds as if it did not exist. For streams read too rarely to keep in memory.
 */
export const foldStream = async <State>(
  store: EventStore,
  orgId: string,
  streamId: string,
  decider: Fold<State>,
): Promise<State> => {
  const events = await store.readStream(streamId, { limit: 100_000 });
  if (events[0] && events[0].orgId !== orgId) return decider.initialState();
  return events.reduce(
    (state, event) => decider.evolve(state, { type: event.type, data: event.data } as never),
    decider.initialState(),
  );
};

/**
 * The folded state of streams that commands consult without writing them — an org's tenancy,
 * catalog items, tax categories — kept in memory and brought up to date on every use by reading
 * what each stream was appended since, all of them in one round trip (`readStreams`). So a
 * checkout reads its context in one query rather than one per stream, and still sees a price or
 * role changed a moment ago. A stream of another org folds as if it did not exist.
 *
 * A state is only ever kept together with the stream position it was folded to, so two commands
 * updating one entry at once can only leave it older, never wrong. The least recently used
 * streams are forgotten past `capacity`.
 */
export class FoldedStreams {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 50_000,
  ) {}

  /**
   * Each stream's state as of now, folded by its decider, for a caller of `orgId`; streams of
   * several kinds (and deciders) in one call are read in one round trip.
   */
  async fold(
    orgId: string,
    streams: ReadonlyArray<{ streamId: string; decider: AnyFold }>,
  ): Promise<Map<string, unknown>> {
    const fresh = await this.store.readStreams(
      streams.map(({ streamId }) => ({ streamId, from: (this.entries.get(streamId)?.version ?? -1) + 1 })),
    );
    const states = new Map<string, unknown>();
    for (const { streamId, decider } of streams) {
      let entry = this.entries.get(streamId) ?? { version: -1, orgId: null, state: decider.initialState() };
      const events = fresh.get(streamId) ?? [];
      const last = events.at(-1);
      if (last && last.streamPosition > entry.version) {
        const state = events
          .filter((event) => event.streamPosition > entry.version)
          .reduce(
            (current, event) => decider.evolve(current as never, { type: event.type, data: event.data } as never),
            entry.state,
          );
        entry = { version: last.streamPosition, orgId: entry.orgId ?? (events[0]?.orgId as string), state };
        this.remember(streamId, entry);
      }
      states.set(streamId, entry.orgId === null || entry.orgId === orgId ? entry.state : decider.initialState());
    }
    return states;
  }

  /** What is held for a stream, however old, or undefined: a hint of what to read next, never a fact to act on. */
  peek<State>(streamId: string, orgId: string): State | undefined {
    const entry = this.entries.get(streamId);
    return entry?.orgId === orgId ? (entry.state as State) : undefined;
  }

  private remember(streamId: string, entry: Entry) {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
