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

const partsFormatter = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = partsFormatter.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
    });
    partsFormatter.set(timeZone, formatter);
  }
  return formatter;
};

/**
 * The store-local calendar date and hour of an instant. Business dates follow the store's IANA
 * zone, never the server's or the register's offset: a sale at 23:30 in Kolkata is that day's sale
 * even when it reaches a UTC server after midnight.
 */
export const localDateAndHour = (instant: string, timeZone: string): { date: string; hour: number } => {
  const millis = Date.parse(instant);
  if (Number.isNaN(millis)) throw new RangeError(`not a date-time: ${instant}`);
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(millis)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
};

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** `date` plus `days` calendar days, as YYYY-MM-DD. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
