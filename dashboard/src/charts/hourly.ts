import type { SalesRow } from '@possier/events';

/** One bar per hour; one key per business date holding that date's net sales in the hour. */
export type HourBar = { hour: number } & Record<string, number>;

/**
 * The sales-by-hour rows (one per date and hour with a sale) as a chart stacks them: every hour
 * from the first to the last with a sale, each with the dates that sold in it. Amounts are
 * carried as the API gave them, never summed here.
 */
export const hourlyBars = (rows: ReadonlyArray<SalesRow>): { bars: HourBar[]; dates: string[] } => {
  const hours = rows.map((row) => row.hour).filter((hour): hour is number => hour !== null);
  if (hours.length === 0) return { bars: [], dates: [] };
  const dates = [...new Set(rows.map((row) => row.businessDate))].sort();
  const bars: HourBar[] = [];
  for (let hour = Math.min(...hours); hour <= Math.max(...hours); hour += 1) {
    const bar: HourBar = { hour } as HourBar;
    for (const row of rows) if (row.hour === hour) bar[row.businessDate] = row.netPaise;
    bars.push(bar);
  }
  return { bars, dates };
};
