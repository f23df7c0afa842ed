import { domainError, type DomainError } from '../errors.js';
import { zonedDateTime } from '../time.js';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

const wallMillis = (offsetDateTime: string): number => {
  const [, year, month, day, hour, minute, second] = LOCAL.exec(offsetDateTime.slice(0, 19)) as RegExpExecArray;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
};

/**
 * A store's wall-clock date and time (`2015-01-01`, `11:38:36`) as an instant with the zone's
 * offset then (`2015-01-01T11:38:36+05:30`). The offset is found by asking the zone, twice, what
 * its clock showed near the guess, so a summer-time zone gets the offset of that very day. A
 * wall time the zone skipped (the hour clocks jump over) is refused; one it showed twice (the
 * hour repeated when clocks go back) is read as one of the two.
 */
export const instantOfLocalTime = (
  date: string,
  time: string,
  timeZone: string,
  path = 'time',
): string | DomainError => {
  const wall = `${date}T${time.length === 5 ? `${time}:00` : time}`;
  if (!LOCAL.test(wall)) return domainError('VALIDATION.INVALID', path, `"${time}" is not a time of day HH:MM[:SS]`);
  const target = wallMillis(wall);
  let guess = target;
  for (let step = 0; step < 2; step += 1) {
    const shown = wallMillis(zonedDateTime(new Date(guess).toISOString(), timeZone));
    guess += target - shown;
  }
  const zoned = zonedDateTime(new Date(guess).toISOString().replace('.000Z', 'Z'), timeZone);
  if (zoned.slice(0, 19) !== wall)
    return domainError('VALIDATION.INVALID', path, `${date} ${time} never showed on a clock in ${timeZone}`);
  return zoned;
};
