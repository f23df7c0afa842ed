import { rupees, rupeesCompact } from '../format/rupees';

/** Axis ticks over paise are integers (the axes set `allowDecimals={false}`); anything else is left blank. */
export const paiseTick = (value: unknown): string =>
  typeof value === 'number' && Number.isSafeInteger(value) ? rupeesCompact(value) : '';

/** Tooltips print the exact amount. */
export const paiseTooltip = (value: unknown): string =>
  typeof value === 'number' && Number.isSafeInteger(value) ? rupees(value) : String(value);
