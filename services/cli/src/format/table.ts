import { cellText, rightAligned } from './cells.js';
import type { View } from './view.js';

/**
 * A view as an aligned text table: a title, a header, a rule, the rows, a totals row (its first
 * column reads `Total`) and the view's notes. Numbers are right-aligned. Widths count UTF-16 units, which is
 * exact here: ₹ and − are single units, and no value holds wide characters but customer names.
 */
export const renderTable = (view: View): string => {
  const body = view.rows.map((row) => view.columns.map((column) => cellText(row[column.key], column.kind)));
  const totals = view.totals
    ? view.columns.map((column, index) => (index === 0 ? 'Total' : cellText(view.totals?.[column.key], column.kind)))
    : undefined;
  const header = view.columns.map((column) => column.header);
  const all = [header, ...body, ...(totals ? [totals] : [])];
  const widths = view.columns.map((_, index) => Math.max(...all.map((cells) => (cells[index] ?? '').length)));
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, index) => {
        const column = view.columns[index];
        const width = widths[index] ?? 0;
        return column && rightAligned(column.kind) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [
    view.title,
    '',
    line(header),
    rule,
    ...(body.length === 0 ? ['(no rows)'] : body.map(line)),
    ...(totals ? [rule, line(totals)] : []),
    ...(view.notes && view.notes.length > 0 ? ['', ...view.notes] : []),
  ].join('\n');
};
