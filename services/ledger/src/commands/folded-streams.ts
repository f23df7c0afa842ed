import type { EventStore } from '@possier/events';

/** The part of a decider that folds a stream into its state. */
export type Fold<State> = {
  initialState(): State;
  evolve(state: State, event: never): State;
};

type Entry = { version: number; state: unknown };

/** Any decider's fold, whatever its state: a batch of `fold` may mix streams of several kinds. */
type AnyFold = { initialState(): unknown; evolve(state: never, event: never): unknown };

/** One stream of an org folded by its decider as it is now, read whole. For streams read too rarely to keep in memory. */
export const foldStream = async <State>(
  store: EventStore,
  orgId: string,
  streamId: string,
  decider: Fold<State>,
): Promise<State> => {
  const events = await store.readStream({ orgId, streamId }, { limit: 100_000 });
  return events.reduce(
    (state, event) => decider.evolve(state, { type: event.type, data: event.data } as never),
    decider.initialState(),
  );
};

/** Streams are (org, name): the key that holds a stream's state in memory. */
const keyOf = (orgId: string, streamId: string) => `${orgId}/${streamId}`;

/**
 * The folded state of streams that commands consult without writing them — an org's tenancy,
 * catalog items, tax categories — kept in memory and brought up to date on every use by reading
 * what each stream was appended since, all of them in one round trip (`readStreams`). So a
 * checkout reads its context in one query rather than one per stream, and still sees a price or
 * role changed a moment ago. Streams are held by (org, name), so another org's stream of the
 * same name is another entry.
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
      orgId,
      streams.map(({ streamId }) => ({
        streamId,
        from: (this.entries.get(keyOf(orgId, streamId))?.version ?? -1) + 1,
      })),
    );
    const states = new Map<string, unknown>();
    for (const { streamId, decider } of streams) {
      const key = keyOf(orgId, streamId);
      let entry = this.entries.get(key) ?? { version: -1, state: decider.initialState() };
      const events = fresh.get(streamId) ?? [];
      const last = events.at(-1);
      if (last && last.streamPosition > entry.version) {
        const state = events
          .filter((event) => event.streamPosition > entry.version)
          .reduce(
            (current, event) => decider.evolve(current as never, { type: event.type, data: event.data } as never),
            entry.state,
          );
        entry = { version: last.streamPosition, state };
        this.remember(key, entry);
      }
      states.set(streamId, entry.state);
    }
    return states;
  }

  /** What is held for a stream, however old, or undefined: a hint of what to read next, never a fact to act on. */
  peek<State>(streamId: string, orgId: string): State | undefined {
    return this.entries.get(keyOf(orgId, streamId))?.state as State | undefined;
  }

  private remember(key: string, entry: Entry) {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
