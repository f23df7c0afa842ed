import { eventTypeFilter, excludeSystemEvents, type Filter, type RecordedEvent } from '@kurrent/kurrentdb-client';
import type { LogFilter } from '@possier/events';
import { isLedgerEvent, orgIdOf } from './event-mapping.js';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the server can filter: event types, matched exactly (the client's `prefixes` option would
 * let `OrderPlaced` match `OrderPlacedV2`), else just system events out. The org lives in the
 * metadata, which the server does not filter on, so `logMatcher` checks it here.
 */
export const serverFilter = (filter: LogFilter | undefined): Filter =>
  filter?.types
    ? eventTypeFilter({ regex: `^(?:${filter.types.map(escapeRegex).join('|')})$` })
    : excludeSystemEvents();

/** The whole filter, applied to every event read, whatever the server already did. */
export const logMatcher =
  (filter: LogFilter | undefined) =>
  (event: RecordedEvent): boolean =>
    isLedgerEvent(event) &&
    (filter?.types === undefined || filter.types.includes(event.type)) &&
    (filter?.orgId === undefined || orgIdOf(event) === filter.orgId);
