import { describe, expect, it } from 'vitest';
import {
  EventEnvelope,
  envelopeEvents,
  RecordedEvent,
  streamCategory,
  StreamId,
  type EnvelopeMetadata,
} from './envelope.js';
import { AT, BRAND, CASHIER, id, LATER, ORG, REGISTER, STORE } from './testing/fixtures.js';

const ORDER = id(0x0d);
const UUID_V4 = '9b2c0e4e-6d7a-4f5b-8c9d-0e1f2a3b4c5d';

const metadata: EnvelopeMetadata = {
  orgId: ORG,
  brandId: BRAND,
  storeId: STORE,
  registerId: REGISTER,
  actorId: CASHIER,
  occurredAt: AT,
  causationId: id(0xc0),
  correlationId: id(0xc1),
};

const envelope: EventEnvelope = {
  ...metadata,
  eventId: id(1),
  type: 'OrderPlaced',
  schemaVersion: 1,
  streamId: `order-${ORDER}`,
  data: { orderId: ORDER },
};

const recorded: RecordedEvent = { ...envelope, recordedAt: LATER, streamPosition: 0, globalPosition: 1 };

const firstIssuePath = (input: unknown): string | undefined =>
  EventEnvelope.safeParse(input).error?.issues[0]?.path.join('.');

describe('EventEnvelope', () => {
  it('accepts a full envelope', () => {
    expect(EventEnvelope.parse(envelope)).toEqual(envelope);
  });

  it('accepts null brand, store, register and causation for org-wide facts and the first event of a flow', () => {
    const orgWide = { ...envelope, brandId: null, storeId: null, registerId: null, causationId: null };
    expect(EventEnvelope.safeParse(orgWide).success).toBe(true);
  });

  it('accepts a UTC instant written with Z, which is an offset too', () => {
    expect(EventEnvelope.safeParse({ ...envelope, occurredAt: '2026-11-24T13:05:00Z' }).success).toBe(true);
  });

  it('rejects an event id that is not a UUIDv7: it is the idempotency key and must sort by time', () => {
    expect(firstIssuePath({ ...envelope, eventId: UUID_V4 })).toBe('eventId');
    expect(firstIssuePath({ ...envelope, eventId: 'not-a-uuid' })).toBe('eventId');
  });

  it('rejects an occurredAt without a UTC offset', () => {
    expect(firstIssuePath({ ...envelope, occurredAt: '2026-11-24T13:05:00' })).toBe('occurredAt');
    expect(firstIssuePath({ ...envelope, occurredAt: '2026-11-24' })).toBe('occurredAt');
  });

  it.each(['Order-abc', 'order', 'order-', '-abc', 'order abc', 'order-ab/c'])('rejects stream id %j', (streamId) => {
    expect(firstIssuePath({ ...envelope, streamId })).toBe('streamId');
  });

  it('rejects a type that is not PascalCase', () => {
    expect(firstIssuePath({ ...envelope, type: 'orderPlaced' })).toBe('type');
    expect(firstIssuePath({ ...envelope, type: 'Order Placed' })).toBe('type');
  });

  it('rejects a schema version below 1 or fractional', () => {
    expect(firstIssuePath({ ...envelope, schemaVersion: 0 })).toBe('schemaVersion');
    expect(firstIssuePath({ ...envelope, schemaVersion: 1.5 })).toBe('schemaVersion');
  });

  it('rejects a missing org or actor, and an org id that is not a UUID', () => {
    expect(firstIssuePath({ ...envelope, orgId: undefined })).toBe('orgId');
    expect(firstIssuePath({ ...envelope, actorId: undefined })).toBe('actorId');
    expect(firstIssuePath({ ...envelope, orgId: 'store-1' })).toBe('orgId');
  });

  it('accepts business ids minted by other systems as any UUID version', () => {
    expect(EventEnvelope.safeParse({ ...envelope, actorId: UUID_V4, correlationId: UUID_V4 }).success).toBe(true);
  });
});

describe('StreamId and streamCategory', () => {
  it('accepts <category>-<uuid> and the stock stream <category>-<store>-<item>', () => {
    expect(StreamId.safeParse(`order-${ORDER}`).success).toBe(true);
    expect(StreamId.safeParse(`stock-${STORE}-${id(0x51)}`).success).toBe(true);
    expect(StreamId.safeParse(`tax_category-${id(2)}`).success).toBe(true);
  });

  it('reads the category as everything before the first dash', () => {
    expect(streamCategory(`order-${ORDER}`)).toBe('order');
    expect(streamCategory(`stock-${STORE}-${id(0x51)}`)).toBe('stock');
    expect(streamCategory(`tax_category-${id(2)}`)).toBe('tax_category');
  });

  it('reads a stream id without a dash as all category', () => {
    expect(streamCategory('order')).toBe('order');
  });
});

describe('RecordedEvent', () => {
  it('accepts an envelope with what the store assigned at append', () => {
    expect(RecordedEvent.parse(recorded)).toEqual(recorded);
  });

  it('counts stream positions from 0 and global positions from 1', () => {
    expect(RecordedEvent.safeParse({ ...recorded, streamPosition: -1 }).success).toBe(false);
    expect(RecordedEvent.safeParse({ ...recorded, globalPosition: 0 }).success).toBe(false);
  });

  it('rejects a global position beyond the safe-integer range', () => {
    expect(RecordedEvent.safeParse({ ...recorded, globalPosition: Number.MAX_SAFE_INTEGER + 2 }).success).toBe(false);
  });

  it('rejects a recordedAt without an offset, and a missing one', () => {
    expect(RecordedEvent.safeParse({ ...recorded, recordedAt: '2026-11-24T15:40:00' }).success).toBe(false);
    expect(RecordedEvent.safeParse(envelope).success).toBe(false);
  });
});

describe('envelopeEvents', () => {
  const events = [
    { type: 'OrderPlaced', data: { orderId: ORDER } },
    { type: 'StockDepleted', data: { quantity: 2 } },
  ];
  const versions: Record<string, number> = { OrderPlaced: 3, StockDepleted: 1 };

  it('wraps each event with the id at its position, its current schema version and the shared metadata', () => {
    const wrapped = envelopeEvents(events, {
      streamId: `order-${ORDER}`,
      eventIds: [id(1), id(2)],
      schemaVersionOf: (type) => versions[type] ?? 0,
      metadata,
    });
    expect(wrapped).toEqual([
      {
        ...metadata,
        eventId: id(1),
        type: 'OrderPlaced',
        schemaVersion: 3,
        streamId: `order-${ORDER}`,
        data: { orderId: ORDER },
      },
      {
        ...metadata,
        eventId: id(2),
        type: 'StockDepleted',
        schemaVersion: 1,
        streamId: `order-${ORDER}`,
        data: { quantity: 2 },
      },
    ]);
    for (const wrappedEvent of wrapped) expect(EventEnvelope.safeParse(wrappedEvent).success).toBe(true);
  });

  it('wraps no events into no envelopes', () => {
    expect(
      envelopeEvents([], { streamId: `order-${ORDER}`, eventIds: [], schemaVersionOf: () => 1, metadata }),
    ).toEqual([]);
  });

  it('refuses fewer or more ids than events: an event without its own id could be stored twice', () => {
    const context = { streamId: `order-${ORDER}`, schemaVersionOf: () => 1, metadata };
    expect(() => envelopeEvents(events, { ...context, eventIds: [id(1)] })).toThrow(/need 2 event ids, got 1/);
    expect(() => envelopeEvents(events, { ...context, eventIds: [id(1), id(2), id(3)] })).toThrow(RangeError);
  });
});
