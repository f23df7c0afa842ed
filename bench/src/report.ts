import type { Measurement } from './measure.js';

/** One line of the table: a figure, or a reason it could not be measured (never a made-up figure). */
export type Row = {
  figure: string;
  unit: string;
  rate?: number | undefined;
  p50?: number | undefined;
  p99?: number | undefined;
  baseline?: string | undefined;
  ratio?: number | undefined;
  target?: string | undefined;
  status?: 'pass' | 'short' | undefined;
  note?: string | undefined;
};

/** A timed figure; says so on stderr as it lands, since a full run takes minutes. */
export const measured = (figure: string, unit: string, m: Measurement): Row => {
  console.error(`${figure}: ${Math.round(m.rate)} ${unit}`);
  return { figure, unit, rate: m.rate, p50: m.p50, p99: m.p99 };
};

/** Sets the ratio to a baseline row and, with a target ratio, whether it is met. */
export const against = (row: Row, baseline: Row | undefined, minRatio?: number): Row => {
  if (row.rate === undefined || baseline?.rate === undefined) return row;
  const ratio = row.rate / baseline.rate;
  return {
    ...row,
    baseline: baseline.figure,
    ratio,
    ...(minRatio === undefined ? {} : { target: `≥ ${minRatio}×`, status: ratio >= minRatio ? 'pass' : 'short' }),
  };
};

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined || Number.isNaN(value)
    ? '—'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const formatTable = (rows: ReadonlyArray<Row>): string => {
  const header = ['figure', 'rate', 'unit', 'p50 ms', 'p99 ms', 'ratio', 'vs', 'target', ''];
  // A ratio-only row (unit '') leaves the measurement columns empty rather than showing dashes.
  const cell = (row: Row, value: number | undefined, digits: number) => (row.unit === '' ? '' : fixed(value, digits));
  const lines = rows.map((row) => [
    row.figure,
    cell(row, row.rate, 0),
    row.unit,
    cell(row, row.p50, 2),
    cell(row, row.p99, 2),
    row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
    row.baseline ?? '',
    row.target ?? '',
    [row.status, row.note].filter((text) => text !== undefined).join(', '),
  ]);
  const all = [header, ...lines];
  const numeric = new Set([1, 3, 4, 5]);
  const widths = header.map((_, column) => Math.max(...all.map((line) => (line[column] as string).length)));
  const render = (line: string[]) =>
    line
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number),
      )
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(render)].join('\n');
};
