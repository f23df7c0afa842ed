import type { z } from 'zod';
import { domainError, type DomainError } from './errors.js';
import { zodErrorToDomainError } from './validation.js';

/** An event schema of the `{ type: z.literal(...), data }` shape every *.events.ts exports. */
export type EventSchema = z.ZodObject<{ type: z.ZodLiteral<string>; data: z.ZodType }>;

/**
 * Turns a stored event's data at `fromVersion` into `fromVersion + 1`. Pure and total: it may
 * only reshape what was stored (rename, split, default a field that did not exist), never consult
 * anything else, so reading the same stored bytes always yields the same event.
 */
export type Upcaster = {
  type: string;
  fromVersion: number;
  upcast: (data: unknown) => unknown;
};

export type EventDefinition = { schema: EventSchema; schemaVersion: number };

export class UnknownEventError extends Error {
  override readonly name = 'UnknownEventError';
}

export type EventRegistry = ReturnType<typeof createEventRegistry>;

/**
 * The catalogue of event types: each type's current schema version and schema, and the upcasters
 * that bring older stored versions up to it. A stored event is never rewritten; it is upcast each
 * time it is read.
 */
export const createEventRegistry = (
  definitions: ReadonlyArray<EventDefinition>,
  upcasters: ReadonlyArray<Upcaster> = [],
) => {
  const byType = new Map<string, EventDefinition>();
  for (const definition of definitions) {
    const type = definition.schema.shape.type.value;
    if (byType.has(type)) throw new Error(`event type ${type} is defined twice`);
    byType.set(type, definition);
  }
  const steps = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    const definition = byType.get(upcaster.type);
    if (!definition) throw new Error(`upcaster for unknown event type ${upcaster.type}`);
    if (upcaster.fromVersion < 1 || upcaster.fromVersion >= definition.schemaVersion) {
      throw new Error(
        `upcaster ${upcaster.type} v${upcaster.fromVersion} is outside 1..${definition.schemaVersion - 1}`,
      );
    }
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (steps.has(key)) throw new Error(`two upcasters for ${key}`);
    steps.set(key, upcaster);
  }
  for (const [type, definition] of byType) {
    for (let version = 1; version < definition.schemaVersion; version += 1) {
      if (!steps.has(`${type}@${version}`)) throw new Error(`no upcaster from ${type} v${version} to v${version + 1}`);
    }
  }

  const definitionOf = (type: string): EventDefinition => {
    const definition = byType.get(type);
    if (!definition) throw new UnknownEventError(`unknown event type ${type}`);
    return definition;
  };

  return {
    types: (): string[] => [...byType.keys()],
    has: (type: string): boolean => byType.has(type),
    currentVersion: (type: string): number => definitionOf(type).schemaVersion,

    /** Brings `data` stored at `schemaVersion` up to the current version, step by step. */
    upcast<T extends { type: string; schemaVersion: number; data: unknown }>(event: T): T {
      const definition = definitionOf(event.type);
      if (
        !Number.isInteger(event.schemaVersion) ||
        event.schemaVersion < 1 ||
        event.schemaVersion > definition.schemaVersion
      ) {
        throw new UnknownEventError(
          `${event.type} has schema version ${event.schemaVersion}; this build knows 1..${definition.schemaVersion}`,
        );
      }
      let data = event.data;
      for (let version = event.schemaVersion; version < definition.schemaVersion; version += 1) {
        data = (steps.get(`${event.type}@${version}`) as Upcaster).upcast(data);
      }
      return { ...event, schemaVersion: definition.schemaVersion, data };
    },

    /**
     * Checks a new event's data against its type's current schema, as the server does on every
     * append and replay. Returns the parsed data or an error naming the field.
     */
    validate(event: { type: string; schemaVersion: number; data: unknown }): { data: unknown } | DomainError {
      const definition = byType.get(event.type);
      if (!definition) return domainError('EVENT.UNKNOWN_TYPE', 'type', `unknown event type ${event.type}`);
      if (event.schemaVersion !== definition.schemaVersion) {
        return domainError(
          'EVENT.STALE_SCHEMA_VERSION',
          'schemaVersion',
          `must be ${definition.schemaVersion} for ${event.type}`,
        );
      }
      const result = definition.schema.shape.data.safeParse(event.data);
      if (!result.success)
        return zodErrorToDomainError(result.error, { code: 'EVENT.INVALID_DATA', pathPrefix: 'data' });
      return { data: result.data };
    },
  };
};
