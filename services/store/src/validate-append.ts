import { EventEnvelope, InvalidAppendError, StreamId, type ExpectedVersion, type StreamRef } from '@possier/events';

/** A batch larger than this is refused: one checkout is a handful of events, an import a few thousand. */
export const MAX_BATCH = 10_000;

/**
 * Checks an append before any adapter touches its database, so every adapter refuses the same
 * bad input with the same typed error naming the field: a malformed envelope, events of another
 * stream or another org than the one appended to, an event id twice in one batch.
 */
export const validateAppend = (
  { orgId, streamId }: StreamRef,
  expectedVersion: ExpectedVersion,
  events: ReadonlyArray<unknown>,
): { orgId: string; events: EventEnvelope[] } => {
  if (!StreamId.safeParse(streamId).success) {
    throw new InvalidAppendError('streamId', 'must look like <category>-<id>, e.g. order-<uuid>');
  }
  if (
    expectedVersion !== 'any' &&
    expectedVersion !== 'no_stream' &&
    !(Number.isSafeInteger(expectedVersion) && expectedVersion >= 0)
  ) {
    throw new InvalidAppendError('expectedVersion', "must be a stream version (0 or more), 'no_stream' or 'any'");
  }
  if (events.length === 0) throw new InvalidAppendError('events', 'an append needs at least one event');
  if (events.length > MAX_BATCH) throw new InvalidAppendError('events', `at most ${MAX_BATCH} events per append`);

  const parsed: EventEnvelope[] = [];
  const ids = new Set<string>();
  for (const [index, event] of events.entries()) {
    const result = EventEnvelope.safeParse(event);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new InvalidAppendError(['events', index, ...(issue?.path ?? [])].join('.'), issue?.message ?? 'is invalid');
    }
    const envelope = result.data;
    if (envelope.streamId !== streamId) {
      throw new InvalidAppendError(`events.${index}.streamId`, `must be ${streamId}, the stream appended to`);
    }
    // Uuids, so compared as the database compares them: one org in two spellings is one org.
    if (envelope.orgId.toLowerCase() !== orgId.toLowerCase()) {
      throw new InvalidAppendError(`events.${index}.orgId`, `must be ${orgId}, the org whose stream is appended to`);
    }
    if (ids.has(envelope.eventId)) {
      throw new InvalidAppendError(`events.${index}.eventId`, 'appears twice in the batch');
    }
    ids.add(envelope.eventId);
    parsed.push(envelope);
  }
  return { orgId, events: parsed };
};
