const indianGrouping = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

/** A count or quantity with Indian digit grouping: 123456 → `1,23,456`. */
export const count = (value: number): string => indianGrouping.format(value);

/** 1800 basis points → `18%`, 1250 → `12.5%`, 5 → `0.05%`; integer arithmetic, so no float artefacts. */
export const percent = (basisPoints: number): string => {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
};

/** A store-local hour 0–23 as `09:00`. */
export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/**
 * An instant (ISO 8601) as the store's clock showed it, `24 Nov 2026, 13:05`: shifts and counts
 * are read in the store's time zone, whatever the reader's machine is set to.
 */
export const localTime = (instant: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-IN', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
