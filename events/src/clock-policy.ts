import { domainError, type DomainError } from './errors.js';
import type { OfflineConflict } from './order/offline-conflict.js';

/**
 * How far the ledger believes a producer's clock. Online, the ledger's clock is the truth: a
 * command may say when it happened only within `onlineSkewMs` of it. Offline, the till's clock is
 * an input: each sync carries it, the ledger measures the till's skew, and a till off by more than
 * `tillToleranceMs` has its replayed events placed by corrected time and flagged. A replayed event
 * outside the offline window (by corrected time) is a conflict, never silently dated.
 */
export type ClockPolicy = {
  onlineSkewMs: number;
  tillToleranceMs: number;
  /** How long a till may have been offline: older events are flagged (they keep their own time). */
  offlineWindowBackMs: number;
  /** How far ahead of the ledger a replayed event may be: later ones are placed at the ledger's time. */
  offlineWindowAheadMs: number;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const defaultClockPolicy: ClockPolicy = {
  onlineSkewMs: 5 * MINUTE,
  tillToleranceMs: 2 * MINUTE,
  offlineWindowBackMs: 72 * HOUR,
  offlineWindowAheadMs: 5 * MINUTE,
};

/** A duration in the words a cashier or a manager reads: `3 h 5 min`, `40 s`, `401 days`. */
export const describeDuration = (ms: number): string => {
  const abs = Math.abs(ms);
  if (abs >= 2 * 24 * HOUR) return `${Math.floor(abs / (24 * HOUR))} days`;
  if (abs >= HOUR) {
    const minutes = Math.floor((abs % HOUR) / MINUTE);
    return `${Math.floor(abs / HOUR)} h${minutes > 0 ? ` ${minutes} min` : ''}`;
  }
  if (abs >= MINUTE) return `${Math.floor(abs / MINUTE)} min`;
  return `${Math.floor(abs / 1000)} s`;
};

/** `3 h ahead of` / `12 min behind` the ledger's clock, for a skew (positive: the till is ahead). */
export const describeSkew = (skewMs: number): string =>
  `${describeDuration(skewMs)} ${skewMs >= 0 ? 'ahead of' : 'behind'} the ledger's clock`;

/**
 * A till's clock as a manager or cashier reads it: `in step with the ledger`, or how far off when
 * the ledger is correcting it (beyond the tolerance).
 */
export const describeTillClock = (skewMs: number, toleranceMs = defaultClockPolicy.tillToleranceMs): string =>
  Math.abs(skewMs) > toleranceMs ? describeSkew(skewMs) : 'in step with the ledger';

const OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** The UTC offset an ISO 8601 date-time was written with, in minutes east of UTC. */
const offsetMinutesOf = (dateTime: string): number => {
  const offset = OFFSET.exec(dateTime)?.[1] ?? 'Z';
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
};

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** An instant written with a given UTC offset (to the millisecond), so a moved time keeps the till's offset. */
export const withOffset = (millis: number, offsetMinutes: number): string => {
  const local = new Date(millis + offsetMinutes * MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `.${pad(local.getUTCMilliseconds(), 3)}${offset}`
  );
};

/**
 * An online command's `occurredAt` against the ledger's clock: the ledger owns time online, so
 * a time further from its own than the policy allows is refused (the field named), not stored.
 */
export const checkOnlineOccurredAt = (
  occurredAt: string,
  now: Date,
  policy: ClockPolicy,
  path = 'occurredAt',
): DomainError | undefined => {
  const skew = Date.parse(occurredAt) - now.getTime();
  if (Math.abs(skew) <= policy.onlineSkewMs) return undefined;
  return domainError(
    'TIME.OUT_OF_WINDOW',
    path,
    `${occurredAt} is ${describeSkew(skew)}; an online command must be within ${describeDuration(
      policy.onlineSkewMs,
    )} of it (a sale made offline is replayed from the register's outbox instead)`,
  );
};

/** The same date-time moved by `ms`, written with the offset it had. */
export const moveDateTime = (dateTime: string, ms: number): string => {
  if (ms === 0) return dateTime;
  const moved = withOffset(Date.parse(dateTime) + ms, offsetMinutesOf(dateTime));
  return dateTime.endsWith('Z') ? `${moved.slice(0, -6)}Z` : moved;
};

/**
 * Where a replayed event is placed in time, how far that moved it (`movedMs`, to move the events
 * decided with it alike) and why, if not where the till put it.
 */
export type ReplayedPlacement = { occurredAt: string; movedMs: number; conflicts: OfflineConflict[] };

/**
 * Places an event a till recorded offline. `tillSkewMs` is the till's clock minus the ledger's, as
 * measured at this sync (undefined when the till did not say). Beyond the tolerance the event is
 * moved by the skew (keeping the till's offset) and flagged; then, by that time, one older than the
 * offline window keeps its time and is flagged (a till offline for a week did sell on those days),
 * and one ahead of the ledger's clock past the window is placed at the ledger's time and flagged
 * (it cannot have happened later than now). `path` names the field in the replayed event.
 */
export const placeReplayedEvent = (
  occurredAt: string,
  tillSkewMs: number | undefined,
  now: Date,
  policy: ClockPolicy,
  path = 'occurredAt',
): ReplayedPlacement => {
  const conflicts: OfflineConflict[] = [];
  let placed = Date.parse(occurredAt);
  let placedAt = occurredAt;
  if (tillSkewMs !== undefined && Math.abs(tillSkewMs) > policy.tillToleranceMs) {
    placed -= tillSkewMs;
    placedAt = moveDateTime(occurredAt, -tillSkewMs);
    conflicts.push({
      kind: 'clock_skew',
      path,
      detail: `the till's clock was ${describeSkew(tillSkewMs)}; recorded at ${occurredAt}, placed at ${placedAt}`,
    });
  }
  const age = now.getTime() - placed;
  if (age > policy.offlineWindowBackMs) {
    conflicts.push({
      kind: 'outside_offline_window',
      path,
      detail: `${placedAt} is ${describeDuration(age)} before the ledger received it, beyond the offline window of ${describeDuration(
        policy.offlineWindowBackMs,
      )}; it keeps its time, for a manager to confirm`,
    });
  } else if (-age > policy.offlineWindowAheadMs) {
    const at = moveDateTime(placedAt, now.getTime() - placed);
    conflicts.push({
      kind: 'outside_offline_window',
      path,
      detail: `${placedAt} is ${describeDuration(-age)} ahead of the ledger's clock; placed at ${at}, when the ledger received it`,
    });
    placedAt = at;
  }
  return { occurredAt: placedAt, movedMs: Date.parse(placedAt) - Date.parse(occurredAt), conflicts };
};
