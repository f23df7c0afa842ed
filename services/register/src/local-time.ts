/**
 * An instant as ISO 8601 with this machine's UTC offset (`2026-11-24T13:05:00.123+05:30`): what a
 * register records as `occurredAt`, so the sale's local wall-clock time is never lost.
 */
export const localOffsetDateTime = (instant: Date): string => {
  const offsetMinutes = -instant.getTimezoneOffset();
  const local = new Date(instant.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const absolute = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 23)}${offset}`;
};
