import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
  type RecordedEvent,
} from '@kurrent/kurrentdb-client';
import type { LogFilter } from '@possier/events';
import { isLedgerEvent, orgIdOf } from './event-mapping.js';
import { orgStreamPrefix } from './stream-name.js';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the server can filter, one of stream name or event type. An org is the prefix of every
 * stream name it owns, so an org's log is read without scanning other tenants' events; types, when
 * there is no org, are matched exactly (the client's `prefixes` option would let `OrderPlaced`
 * match `OrderPlacedV2`); else just system events are left out. `logMatcher` checks the rest here.
 */
export const serverFilter = (filter: LogFilter | undefined): Filter =>
  filter?.orgId !== undefined
    ? streamNameFilter({ prefixes: [orgStreamPrefix(filter.orgId)] })
    : filter?.types
      ? eventTypeFilter({ regex: `^(?:${filter.types.map(escapeRegex).join('|')})$` })
      : excludeSystemEvents();

/** The whole filter, applied to every event read, whatever the server already did. */
export const logMatcher =
  (filter: LogFilter | undefined) =>
  (event: RecordedEvent): boolean =>
    isLedgerEvent(event) &&
    (filter?.types === undefined || filter.types.includes(event.type)) &&
    (filter?.orgId === undefined || orgIdOf(event)?.toLowerCase() === filter.orgId.toLowerCase());
