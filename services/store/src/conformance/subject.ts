import type { EventRegistry, EventStore, StreamRef } from '@possier/events';

/** Hooks an adapter exposes for fault tests; never set in production. */
export type FaultHooks = {
  /**
   * Runs after an append's transaction committed and before its result reaches the caller. A
   * hook that throws simulates a connection lost after commit: the data is stored, the caller
   * never hears so, and must retry.
   */
  afterCommit?: () => void;
};

export type StoreOptions = {
  /** Upcasts events on read; the ledger's registry when absent. */
  registry?: EventRegistry;
  faults?: FaultHooks;
};

/** An append held open inside its transaction, for the gap test. */
export type HeldAppend = { commit(): Promise<void>; rollback(): Promise<void> };

/** What the conformance suite needs from an adapter under test. */
export type ConformanceSubject = {
  name: string;
  /** When set, the whole suite is skipped and this reason printed (e.g. no server configured). */
  skipReason?: string | undefined;
  /** Opens a store. Stream and org ids in the suite are unique per test, so a shared log is fine. */
  open(options?: StoreOptions): Promise<EventStore>;
  /**
   * Starts an append in a transaction left open until `commit`, so a test can hold a
   * lower-numbered write back while a later one commits. Absent for stores whose log is
   * commit-ordered by construction (EventStoreDB), where the gap cannot arise.
   */
  holdAppend?: (stream: StreamRef, events: ReadonlyArray<unknown>) => Promise<HeldAppend>;
  /** Documented semantic differences: tests of behaviour the store does not have are replaced by tests of what it does instead. */
  differences?: {
    /** EventStoreDB deduplicates by event id alone: the same id with another payload is a duplicate, not a conflict. */
    payloadConflictIsDuplicate?: boolean;
  };
};
