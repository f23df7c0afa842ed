import { formatRupees } from '@possier/events/report-contracts';
import type { ColumnKind } from './view.js';

const indianGrouping = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

/** 1800 basis points → `18%`, 1250 → `12.5%`; integer arithmetic, so no float artefacts. */
const percentOf = (basisPoints: number): string => {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
};

/** A value as a table shows it: money in rupees with Indian digit grouping, null as blank. */
export const cellText = (value: unknown, kind: ColumnKind): string => {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'paise':
      return formatRupees(value as number);
    case 'count':
      return indianGrouping.format(value as number);
    case 'rate':
      return percentOf(value as number);
    case 'flag':
      return value ? 'yes' : '';
    case 'text':
      return String(value);
  }
};

export const rightAligned = (kind: ColumnKind): boolean => kind === 'paise' || kind === 'count' || kind === 'rate';
