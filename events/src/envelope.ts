import { z } from 'zod';
import { Uuid, UuidV7 } from './ids.js';
import { OffsetDateTime } from './time.js';

/**
 * A stream id names one consistency boundary: `<category>-<uuid>` (`order-0193…`), or for stock
 * `stock-<storeId>-<stockItemId>`. The category prefix lets a reader filter without parsing data.
 */
export const StreamId = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[a-z][a-z0-9_]*-[0-9a-zA-Z_-]+$/, { message: 'must look like <category>-<id>, e.g. order-<uuid>' });
export type StreamId = z.infer<typeof StreamId>;

/** Everything before the first dash; an id without a dash is all category (indexOf's −1 must not cut it short). */
export const streamCategory = (streamId: string): string => streamId.split('-', 1)[0] ?? '';

/**
 * The envelope every event has wherever it is stored or sent (DESIGN.md, "The event envelope").
 * `eventId` is minted by whoever produced the event, a disconnected register included, and is the
 * idempotency key of the whole system: the store, NATS (`Nats-Msg-Id`) and the projectors all
 * deduplicate on it.
 */
export const EventEnvelope = z.object({
  eventId: UuidV7,
  type: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, { message: 'must be a PascalCase event type' }),
  schemaVersion: z.number().int().positive(),
  streamId: StreamId,
  orgId: Uuid,
  /** Null for org-wide facts (an org's key rotation, a user's grant at org level). */
  brandId: Uuid.nullable(),
  storeId: Uuid.nullable(),
  /** Set when a register produced the event, online or replayed from its outbox. */
  registerId: Uuid.nullable(),
  /** The user or register device on whose authority the event was recorded. */
  actorId: Uuid,
  /** When it happened, with the producer's UTC offset as the producer saw it. */
  occurredAt: OffsetDateTime,
  /** The command or event that caused this one; null for the first event of a flow. */
  causationId: Uuid.nullable(),
  /** Shared by every event of one flow (a checkout, a replayed batch). */
  correlationId: Uuid,
  data: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** An event as the store returns it: the envelope plus what the store assigned at append. */
export const RecordedEvent = EventEnvelope.extend({
  recordedAt: z.iso.datetime({ offset: true }),
  /** 0-based position within the stream. */
  streamPosition: z.number().int().nonnegative(),
  /** Position in the global log; increasing in commit order, not necessarily dense. */
  globalPosition: z.number().int().positive().refine(Number.isSafeInteger),
});
export type RecordedEvent = z.infer<typeof RecordedEvent>;

/** The envelope fields a producer supplies around the domain events of one decision. */
export type EnvelopeMetadata = Omit<EventEnvelope, 'eventId' | 'type' | 'schemaVersion' | 'streamId' | 'data'>;

/**
 * Wraps the domain events of one decision in envelopes. Event ids come from the caller (minted
 * with its clock and random source, or derived from a command id), one per event, so the core
 * stays free of both.
 */
export const envelopeEvents = <Event extends { type: string; data: unknown }>(
  events: ReadonlyArray<Event>,
  context: {
    streamId: string;
    eventIds: ReadonlyArray<string>;
    schemaVersionOf: (type: string) => number;
    metadata: EnvelopeMetadata;
  },
): EventEnvelope[] => {
  if (context.eventIds.length !== events.length) {
    throw new RangeError(`need ${events.length} event ids, got ${context.eventIds.length}`);
  }
  return events.map((event, index) => ({
    ...context.metadata,
    eventId: context.eventIds[index] as string,
    type: event.type,
    schemaVersion: context.schemaVersionOf(event.type),
    streamId: context.streamId,
    data: event.data,
  }));
};
