import { z } from 'zod';

/**
 * Time comes into the core as ISO 8601 strings with an explicit UTC offset, exactly as the producer
 * saw its own clock (`2026-11-24T13:05:00+05:30`). Keeping the offset records what the register
 * believed local time was, which an accountant needs when a till's clock was wrong.
 */
export const OffsetDateTime = z.iso.datetime({
  offset: true,
  local: false,
  precision: undefined,
  message: 'must be an ISO 8601 date-time with a UTC offset, such as 2026-11-24T13:05:00+05:30',
});

export const IsoDate = z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' });

/** Canonical spelling is required (`Asia/Kolkata`, not `asia/kolkata`): the zone is stored and compared as text. */
export const TimeZone = z
  .string()
  .regex(/^(UTC|[A-Z][A-Za-z_]*(\/[A-Z0-9][A-Za-z0-9_+-]*)+)$/, {
    message: 'must be an IANA time zone such as Asia/Kolkata',
  })
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone such as Asia/Kolkata' },
  );

export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The wall clock of `timeZone` at an instant, to the second, as two-digit (four for the year) text. */
const wallClock = (
  millis: number,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> =>
  Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(millis)
      .map((part) => [part.type, part.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

const instantMillis = (instant: string): number => {
  const millis = Date.parse(instant);
  if (Number.isNaN(millis)) throw new RangeError(`not a date-time: ${instant}`);
  return millis;
};

/**
 * The store-local calendar date and hour of an instant. Business dates follow the store's IANA
 * zone, never the server's or the register's offset: a sale at 23:30 in Kolkata is that day's sale
 * even when it reaches a UTC server after midnight.
 */
export const localDateAndHour = (instant: string, timeZone: string): { date: string; hour: number } => {
  const parts = wallClock(instantMillis(instant), timeZone);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
};

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * An instant as the wall clock of `timeZone` showed it, with that zone's offset at the time:
 * `2026-11-24T07:35:00.123456Z` in Asia/Kolkata is `2026-11-24T13:05:00.123456+05:30`. The
 * fraction of a second is kept as written (the store records microseconds; a Date holds only
 * milliseconds).
 */
export const zonedDateTime = (instant: string, timeZone: string): string => {
  const fraction = /T\d{2}:\d{2}:\d{2}(\.\d+)/.exec(instant)?.[1] ?? '';
  const wholeSecond = Math.floor(instantMillis(instant) / 1000) * 1000;
  const parts = wallClock(wholeSecond, timeZone);
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offsetMinutes = Math.round((local - wholeSecond) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${fraction}${offset}`;
};

/** The same instant in UTC, fraction kept as written: `2026-11-24T13:05:00+05:30` → `2026-11-24T07:35:00Z`. */
export const utcDateTime = (instant: string): string => zonedDateTime(instant, 'UTC').replace(/\+00:00$/, 'Z');

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** `date` plus `days` calendar days, as YYYY-MM-DD. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
