import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from './errors.js';
import { createEventRegistry, UnknownEventError, type EventDefinition, type Upcaster } from './event-registry.js';
import { id } from './testing/fixtures.js';

/**
 * A test event at schema version 3. Its history:
 *   v1 `{ orderId, items: [{ itemId, quantity }] }`
 *   v2 renamed `items` to `lines`
 *   v3 added `channel`, which every order before it was: dine-in.
 */
const TestItemsOrdered = z.object({
  type: z.literal('TestItemsOrdered'),
  data: z.object({
    orderId: z.uuid(),
    lines: z.array(z.object({ itemId: z.uuid(), quantity: z.number().int().positive() })),
    channel: z.enum(['dine_in', 'takeaway', 'delivery']),
  }),
});

const TestOrderVoided = z.object({
  type: z.literal('TestOrderVoided'),
  data: z.object({ orderId: z.uuid(), reason: z.string().min(1) }),
});

const itemsToLines: Upcaster = {
  type: 'TestItemsOrdered',
  fromVersion: 1,
  upcast: (data) => {
    const { items, ...rest } = data as { items: unknown };
    return { ...rest, lines: items };
  },
};
const defaultChannel: Upcaster = {
  type: 'TestItemsOrdered',
  fromVersion: 2,
  upcast: (data) => ({ ...(data as object), channel: 'dine_in' }),
};

const definitions: EventDefinition[] = [
  { schema: TestItemsOrdered, schemaVersion: 3 },
  { schema: TestOrderVoided, schemaVersion: 1 },
];
const registry = createEventRegistry(definitions, [itemsToLines, defaultChannel]);

const ORDER = id(0x0d);
const ITEM = id(0x101);
const current = { orderId: ORDER, lines: [{ itemId: ITEM, quantity: 2 }], channel: 'dine_in' };
const stored = (schemaVersion: number, data: unknown) => ({
  eventId: id(1),
  type: 'TestItemsOrdered',
  schemaVersion,
  data,
});

/** Freezes a value and everything in it, so any write by an upcaster throws. */
const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

describe('createEventRegistry', () => {
  it('lists the types it knows and their current versions', () => {
    expect(registry.types()).toEqual(['TestItemsOrdered', 'TestOrderVoided']);
    expect(registry.has('TestOrderVoided')).toBe(true);
    expect(registry.has('OrderPlaced')).toBe(false);
    expect(registry.currentVersion('TestItemsOrdered')).toBe(3);
    expect(() => registry.currentVersion('OrderPlaced')).toThrow(UnknownEventError);
  });

  it('refuses a type defined twice', () => {
    expect(() => createEventRegistry([...definitions, { schema: TestOrderVoided, schemaVersion: 2 }])).toThrow(
      'event type TestOrderVoided is defined twice',
    );
  });

  it('refuses a gap in the upcaster chain: every old version must have a way to today', () => {
    expect(() => createEventRegistry(definitions, [itemsToLines])).toThrow(
      'no upcaster from TestItemsOrdered v2 to v3',
    );
    expect(() => createEventRegistry(definitions)).toThrow('no upcaster from TestItemsOrdered v1 to v2');
  });

  it('refuses an upcaster for an unknown type', () => {
    expect(() =>
      createEventRegistry(definitions, [itemsToLines, defaultChannel, { ...itemsToLines, type: 'OrderPlaced' }]),
    ).toThrow('upcaster for unknown event type OrderPlaced');
  });

  it('refuses an upcaster from version 0 or from the current version or later', () => {
    const withExtra = (extra: Upcaster) => () =>
      createEventRegistry(definitions, [itemsToLines, defaultChannel, extra]);
    expect(withExtra({ ...itemsToLines, fromVersion: 0 })).toThrow('outside 1..2');
    expect(withExtra({ ...itemsToLines, fromVersion: 3 })).toThrow('upcaster TestItemsOrdered v3 is outside 1..2');
    expect(withExtra({ ...itemsToLines, type: 'TestOrderVoided', fromVersion: 1 })).toThrow('outside 1..0');
  });

  it('refuses two upcasters for the same step', () => {
    expect(() => createEventRegistry(definitions, [itemsToLines, defaultChannel, itemsToLines])).toThrow(
      'two upcasters for TestItemsOrdered@1',
    );
  });

  it('accepts no definitions at all', () => {
    expect(createEventRegistry([]).types()).toEqual([]);
  });
});

describe('upcast', () => {
  it('brings v1 data through both steps: items renamed to lines, channel defaulted', () => {
    const upcast = registry.upcast(stored(1, { orderId: ORDER, items: [{ itemId: ITEM, quantity: 2 }] }));
    expect(upcast).toEqual({ eventId: id(1), type: 'TestItemsOrdered', schemaVersion: 3, data: current });
  });

  it('brings v2 data through the last step only', () => {
    const upcast = registry.upcast(stored(2, { orderId: ORDER, lines: [{ itemId: ITEM, quantity: 2 }] }));
    expect(upcast).toEqual(stored(3, current));
  });

  it('leaves current data as it is', () => {
    const delivery = { ...current, channel: 'delivery' };
    expect(registry.upcast(stored(3, delivery))).toEqual(stored(3, delivery));
  });

  it('never changes the stored event it reads, so reading it again gives the same event', () => {
    const v1 = deepFreeze(stored(1, { orderId: ORDER, items: [{ itemId: ITEM, quantity: 2 }] }));
    const snapshot: unknown = JSON.parse(JSON.stringify(v1));
    const first = registry.upcast(v1);
    expect(v1).toEqual(snapshot);
    expect(registry.upcast(v1)).toEqual(first);
    expect(first).not.toBe(v1);
  });

  it('upcasts what it reads to data that passes the current schema', () => {
    const upcast = registry.upcast(stored(1, { orderId: ORDER, items: [{ itemId: ITEM, quantity: 2 }] }));
    expect(registry.validate(upcast)).toEqual({ data: current });
  });

  it('throws UnknownEventError for a type this build does not know', () => {
    expect(() => registry.upcast({ type: 'OrderPlaced', schemaVersion: 1, data: {} })).toThrow(UnknownEventError);
  });

  it('throws UnknownEventError for a version from the future: a newer build wrote it', () => {
    expect(() => registry.upcast(stored(4, current))).toThrow(
      'TestItemsOrdered has schema version 4; this build knows 1..3',
    );
  });

  it('throws UnknownEventError for a version below 1 or fractional', () => {
    expect(() => registry.upcast(stored(0, current))).toThrow(UnknownEventError);
    expect(() => registry.upcast(stored(1.5, current))).toThrow(UnknownEventError);
  });
});

describe('validate', () => {
  it('returns the parsed data of a current event', () => {
    expect(registry.validate({ type: 'TestItemsOrdered', schemaVersion: 3, data: current })).toEqual({ data: current });
  });

  it('strips what the schema does not know, as Zod objects do', () => {
    const result = registry.validate({
      type: 'TestOrderVoided',
      schemaVersion: 1,
      data: { orderId: ORDER, reason: 'guest left', extra: 1 },
    });
    expect(result).toEqual({ data: { orderId: ORDER, reason: 'guest left' } });
  });

  it('refuses an unknown type: EVENT.UNKNOWN_TYPE at type', () => {
    const result = registry.validate({ type: 'OrderPlaced', schemaVersion: 1, data: {} });
    expect(result).toBeInstanceOf(DomainError);
    expect(result).toMatchObject({ code: 'EVENT.UNKNOWN_TYPE', path: 'type' });
  });

  it('refuses an old or future version: EVENT.STALE_SCHEMA_VERSION at schemaVersion', () => {
    expect(registry.validate({ type: 'TestItemsOrdered', schemaVersion: 2, data: current })).toMatchObject({
      code: 'EVENT.STALE_SCHEMA_VERSION',
      path: 'schemaVersion',
      reason: 'must be 3 for TestItemsOrdered',
    });
    expect(registry.validate({ type: 'TestItemsOrdered', schemaVersion: 4, data: current })).toMatchObject({
      code: 'EVENT.STALE_SCHEMA_VERSION',
    });
  });

  it('refuses invalid data: EVENT.INVALID_DATA at the field under data', () => {
    const badQuantity = { ...current, lines: [{ itemId: ITEM, quantity: 0 }] };
    expect(registry.validate({ type: 'TestItemsOrdered', schemaVersion: 3, data: badQuantity })).toMatchObject({
      code: 'EVENT.INVALID_DATA',
      path: 'data.lines.0.quantity',
    });
    expect(registry.validate({ type: 'TestItemsOrdered', schemaVersion: 3, data: null })).toMatchObject({
      code: 'EVENT.INVALID_DATA',
      path: 'data',
    });
  });
});
