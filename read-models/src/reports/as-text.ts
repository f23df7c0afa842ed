/**
 * How a query selects a `date` or `timestamptz` column: as the text the contract carries.
 * `to_char`, not `::text`, so neither the session's DateStyle nor its TimeZone changes the answer.
 */

/** `YYYY-MM-DD`, the calendar date as stored (a store-local business date). */
export const isoDate = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;

/** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it; null stays null. */
export const isoInstant = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
