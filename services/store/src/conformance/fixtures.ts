import { randomBytes, randomUUID } from 'node:crypto';
import { createEventRegistry, mintUuidV7, type EventEnvelope } from '@possier/events';
import { z } from 'zod';

/** A fresh UUIDv7 per call, as a producer mints them. */
export const newEventId = (): string => mintUuidV7({ msecs: Date.now(), random: randomBytes(16) });

/** Ids unique to one run, so suites can share a log (a real EventStoreDB server) without clashing. */
export const uniqueStream = (category = 'test'): string => `${category}-${randomUUID()}`;
export const uniqueOrg = (): string => randomUUID();

export const envelope = (
  streamId: string,
  orgId: string,
  data: unknown,
  overrides: Partial<EventEnvelope> = {},
): EventEnvelope => ({
  eventId: newEventId(),
  type: 'CounterIncremented',
  schemaVersion: 1,
  streamId,
  orgId,
  brandId: null,
  storeId: null,
  registerId: null,
  actorId: '0193a000-0000-7000-8000-0000000000ac',
  occurredAt: '2026-11-24T13:05:00.123+05:30',
  causationId: null,
  correlationId: '0193a000-0000-7000-8000-0000000000cc',
  data,
  ...overrides,
});

export const batchOf = (streamId: string, orgId: string, count: number, from = 0): EventEnvelope[] =>
  Array.from({ length: count }, (_, index) => envelope(streamId, orgId, { n: from + index }));

/**
 * A test event type at schema version 2 whose version 1 called the field `qty`: reading a stored
 * v1 event must give the v2 shape without the stored row changing.
 */
export const StockCountedV2 = z.object({
  type: z.literal('StockCountedForTest'),
  data: z.object({ quantity: z.number().int(), unit: z.string() }),
});

export const testRegistry = createEventRegistry(
  [{ schema: StockCountedV2, schemaVersion: 2 }],
  [
    {
      type: 'StockCountedForTest',
      fromVersion: 1,
      upcast: (data) => {
        const { qty, ...rest } = data as { qty: number };
        return { ...rest, quantity: qty, unit: 'piece' };
      },
    },
  ],
);
