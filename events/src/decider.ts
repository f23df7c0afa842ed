import type { DomainError } from './errors.js';

/**
 * What a decider answers: the events that follow from a command, or the rule that refused it.
 * An empty list is a valid answer (the command changes nothing, e.g. a repeated close).
 */
export type Decision<Event> = Event[] | DomainError;

/**
 * The Decider pattern: `decide` holds every business rule and returns events or a DomainError;
 * `evolve` only records what happened and holds no rules; `initialState` is the state of a stream
 * with no events. The server and the offline register run the very same objects.
 */
export type Decider<Command, Event, State> = {
  decide: (command: Command, state: State) => Decision<Event>;
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
  /** A terminal stream accepts no further command (a voided order, a closed shift). */
  isTerminal?: (state: State) => boolean;
};

/** Folds a stream's events into its state. */
export const foldEvents = <Event, State>(
  decider: Pick<Decider<never, Event, State>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
): State => {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};

/** For the `default:` branch of a `decide` switch: a command type that is not handled fails to compile. */
export const assertNever = (value: never): never => {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
};
