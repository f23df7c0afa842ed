import { createHash } from 'node:crypto';
import { mintUuidV7, UuidV7 } from '@possier/events';

/**
 * The event ids of a command's decision, derived from its `commandId`: the command id's own
 * timestamp, and SHA-256(commandId, index) for the random bits.
 *
 * Why derive rather than store a commandId → result table: the ids ARE the record that the
 * command ran, written in the same commit as the events, with nothing to keep in step. A retried
 * command finds its own events in the stream it loads (and answers with them), and if two copies
 * race, the store's event-id idempotency lets exactly one set in. A command id reused for a
 * different command derives the same ids and is refused by the store as a conflict.
 */
export const deriveEventIds = (commandId: string, count: number): string[] => {
  const parsed = UuidV7.safeParse(commandId);
  if (!parsed.success) throw new RangeError('commandId must be a UUIDv7');
  const hex = commandId.replace(/-/g, '').slice(0, 12);
  const msecs = Number.parseInt(hex, 16);
  return Array.from({ length: count }, (_, index) =>
    mintUuidV7({ msecs, random: createHash('sha256').update(`${commandId}:${index}`).digest().subarray(0, 16) }),
  );
};

/**
 * The id of an event the ledger records about another event (the conflicts found in a replayed
 * sale), derived from that event's id and the purpose, so a replay that is retried records it
 * once.
 */
export const deriveEventId = (sourceEventId: string, purpose: string): string => {
  const parsed = UuidV7.safeParse(sourceEventId);
  if (!parsed.success) throw new RangeError('the source event id must be a UUIDv7');
  const msecs = Number.parseInt(sourceEventId.replace(/-/g, '').slice(0, 12), 16);
  return mintUuidV7({
    msecs,
    random: createHash('sha256').update(`${purpose}:${sourceEventId}`).digest().subarray(0, 16),
  });
};
