import { expect } from 'vitest';
import type { Decider } from '../decider.js';
import { DomainError } from '../errors.js';

/**
 * Given / when / then over events, the way decider tests read in event-sourced codebases:
 *
 *   spec(orderDecider).given([placed]).when(voidOrder).then([voided]);
 *   spec(orderDecider).given([voided]).when(voidOrder).thenFails('ORDER.ALREADY_VOIDED', 'orderId');
 *
 * `given` events are folded with `evolve`, so a test also exercises evolve the way the server
 * does when it loads a stream.
 */
export const spec = <Command, Event, State>(decider: Decider<Command, Event, State>) => ({
  given: (events: ReadonlyArray<Event>) => ({
    when: (command: Command) => {
      const run = () => {
        const state = events.reduce(decider.evolve, decider.initialState());
        return { state, decision: decider.decide(command, state) };
      };
      return {
        then: (expected: ReadonlyArray<Event>) => {
          const { decision } = run();
          if (decision instanceof DomainError) {
            throw new Error(`expected events, got ${decision.message}`);
          }
          expect(decision).toEqual(expected);
          return decision;
        },
        /** For decisions whose events carry computed figures: assert on them with a callback. */
        thenEvents: (check: (events: Event[], state: State) => void) => {
          const { decision, state } = run();
          if (decision instanceof DomainError) {
            throw new Error(`expected events, got ${decision.message}`);
          }
          check(decision, state);
          return decision;
        },
        thenFails: (code: string, path?: string) => {
          const { decision } = run();
          expect(decision, 'expected the command to be refused').toBeInstanceOf(DomainError);
          const error = decision as DomainError;
          expect(error.code).toBe(code);
          if (path !== undefined) expect(error.path).toBe(path);
          expect(error.reason.length).toBeGreaterThan(0);
          return error;
        },
      };
    },
  }),
});
