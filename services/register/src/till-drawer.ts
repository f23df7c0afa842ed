import { shiftDecider, shiftDrawerReactions, type EventEnvelope, type OrderDrawerFacts } from '@possier/events';
import { decided } from './sale-refused-error.js';
import type { TillState } from './till-state.js';

/**
 * The order → shift drawer workflow on the till, the same reactions the ledger runs: each sale's,
 * void's or refund's cash is recorded on this till's shift state, which its close counts. The
 * records stay on the till (the ledger derives its own from the replayed sales), inside the
 * transaction that queues the order's events, so a refused record refuses the sale with it.
 */
export const recordTillDrawer = (
  tillState: TillState,
  produced: ReadonlyArray<EventEnvelope>,
  facts: OrderDrawerFacts,
): void => {
  for (const { command } of shiftDrawerReactions(produced, facts)) {
    const state = tillState.shift(command.data.shiftId);
    const events = decided(shiftDecider.decide(command, state));
    tillState.saveShift(command.data.shiftId, events.reduce(shiftDecider.evolve, state));
  }
};
