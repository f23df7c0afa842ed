import { eventRegistry, type EventRegistry } from '@possier/events';

export type Upcast = <T extends { type: string; schemaVersion: number; data: unknown }>(event: T) => T;

/**
 * Brings a stored event up to its type's current schema version. The store carries any event
 * type (it is transport, the ledger validates domain data), so types the registry does not know
 * pass through unchanged.
 */
export const upcasterFor =
  (registry: EventRegistry = eventRegistry): Upcast =>
  (event) =>
    registry.has(event.type) ? registry.upcast(event) : event;
