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

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * An instant as the wall clock of `timeZone` showed it, with that zone's offset at the time:
 * `2026-11-24T07:35:00.123456Z` in Asia/Kolkata is `2026-11-24T13:05:00.123456+05:30`. The
 * fraction of a second is kept as written (the store records microseconds; a Date holds only
 * milliseconds).
 */
export const zonedDateTime = (instant: string, timeZone: string): string => {
  const millis = Date.parse(instant);
  if (Number.isNaN(millis)) throw new RangeError(`not a date-time: ${instant}`);
  const fraction = /T\d{2}:\d{2}:\d{2}(\.\d+)/.exec(instant)?.[1] ?? '';
  const wholeSecond = Math.floor(millis / 1000) * 1000;
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(wholeSecond)
      .map((part) => [part.type, part.value]),
  );
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
