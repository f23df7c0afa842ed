import { count, percent } from './figures';
import { rupees } from './rupees';

/** How a figure is printed: money in rupees, counts grouped, rates as percentages, the rest as given. */
export type FigureKind = 'paise' | 'count' | 'rate' | 'text';

/** The text a table cell shows; blank for a figure not known yet (an open shift's counted cash). */
export const cellText = (value: string | number | null | undefined, kind: FigureKind): string => {
  if (value === null || value === undefined) return '';
  if (kind === 'text' || typeof value === 'string') return String(value);
  switch (kind) {
    case 'paise':
      return rupees(value);
    case 'count':
      return count(value);
    case 'rate':
      return percent(value);
  }
};
