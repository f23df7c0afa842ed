import { randomBytes, randomUUID } from 'node:crypto';
import { mintUuidV7, type EventEnvelope } from '@possier/events';

/** A fresh UUIDv7 per call, as a producer mints them. */
export const newEventId = (): string => mintUuidV7({ msecs: Date.now(), random: randomBytes(16) });

export const BENCH_ORG = randomUUID();
export const BENCH_STORE = randomUUID();

/**
 * Data the size and shape of a checkout's OrderPlaced (three lines with names, tax and modifiers),
 * about 1 KB as JSON. The append benchmarks measure the store, not the deciders, so it is built
 * once per event without running one.
 */
export const orderPlacedData = (n: number) => ({
  orderId: randomUUID(),
  storeId: BENCH_STORE,
  registerId: '0193a000-0000-7000-8000-0000000000a1',
  shiftId: '0193a000-0000-7000-8000-0000000000a2',
  orderNumber: n,
  channel: 'dine_in',
  placedAt: '2026-11-24T13:05:00.123+05:30',
  lines: [1, 2, 3].map((line) => ({
    lineId: `0193a000-0000-7000-8000-00000000b00${line}`,
    itemId: `0193a000-0000-7000-8000-00000000c00${line}`,
    name: ['The Hawaiian Pizza', 'The Classic Deluxe Pizza', 'Garlic Bread with Cheese'][line - 1],
    size: 'M',
    quantity: line,
    unitPricePaise: 132_500,
    modifiers: [{ modifierId: '0193a000-0000-7000-8000-0000000000d1', name: 'Extra cheese', pricePaise: 4_000 }],
    taxCategoryId: '0193a000-0000-7000-8000-0000000000e1',
    gstRateBasisPoints: 500,
    taxablePaise: 136_500 * line,
    cgstPaise: 3_413 * line,
    sgstPaise: 3_413 * line,
  })),
  subtotalPaise: 819_000,
  taxPaise: 40_956,
  totalPaise: 859_956,
  note: 'no onions on the second pizza',
});

export const envelope = (streamId: string, n: number): EventEnvelope => ({
  eventId: newEventId(),
  type: 'OrderPlacedForBench',
  schemaVersion: 1,
  streamId,
  orgId: BENCH_ORG,
  brandId: null,
  storeId: BENCH_STORE,
  registerId: null,
  actorId: '0193a000-0000-7000-8000-0000000000ac',
  occurredAt: '2026-11-24T13:05:00.123+05:30',
  causationId: null,
  correlationId: '0193a000-0000-7000-8000-0000000000cc',
  data: orderPlacedData(n),
});

export const batchOf = (streamId: string, count: number, from = 0): EventEnvelope[] =>
  Array.from({ length: count }, (_, index) => envelope(streamId, from + index));
