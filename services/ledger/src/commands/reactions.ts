import type { Decider, EnvelopeMetadata, EventEnvelope } from '@possier/events';
import { deriveEventId } from './event-ids.js';
import type { Caller, LedgerContext } from './ledger-context.js';
import type { CommandOutcome } from './stream-executor.js';

/** A command a workflow says follows from one of a decision's events, on another stream. */
export type Reaction<Command> = { sourceEventId: string; purpose: string; streamId: string; command: Command };

export type Reacted<R> = { reaction: R; outcome: CommandOutcome };

/** The envelope of what the ledger records because of an event: that event's tenancy, actor and time. */
const metadataAfter = (source: EventEnvelope, commandId: string): EnvelopeMetadata => ({
  orgId: source.orgId,
  brandId: source.brandId,
  storeId: source.storeId,
  registerId: source.registerId,
  actorId: source.actorId,
  occurredAt: source.occurredAt,
  causationId: commandId,
  correlationId: source.correlationId,
});

/**
 * Runs a workflow's reactions to a decision's events, each once: its command id derives from the
 * source event and the purpose, so a retried command or replayed batch finds it done — or does
 * it, if the ledger stopped between the decision's append and the reaction's.
 */
export const runReactions = async <
  R extends Reaction<Command>,
  Command,
  Event extends { type: string; data: unknown },
  State,
>(
  ledger: LedgerContext,
  caller: Caller,
  produced: ReadonlyArray<EventEnvelope>,
  reactions: ReadonlyArray<R>,
  decider: Decider<Command, Event, State>,
): Promise<Array<Reacted<R>>> => {
  const reacted: Array<Reacted<R>> = [];
  for (const reaction of reactions) {
    const source = produced.find((event) => event.eventId === reaction.sourceEventId) as EventEnvelope;
    const commandId = deriveEventId(reaction.sourceEventId, reaction.purpose);
    const outcome = await ledger.run(caller, {
      commandId,
      streamId: reaction.streamId,
      decider,
      prepare: async () => ({ command: reaction.command, metadata: metadataAfter(source, commandId) }),
    });
    reacted.push({ reaction, outcome });
  }
  return reacted;
};
