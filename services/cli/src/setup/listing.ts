import type { Command } from 'commander';
import { Option } from 'commander';
import { renderCsv } from '../format/csv.js';
import { renderTable } from '../format/table.js';
import type { View } from '../format/view.js';

export type ListOptions = { format: 'table' | 'json' | 'csv'; json?: boolean; csv?: boolean };

/** `--format table|json|csv`, with `--json` and `--csv` as its short forms, as on every read. */
export const withListOptions = (command: Command): Command =>
  command
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json', 'csv']).default('table'))
    .option('--json', 'the same as --format json')
    .option('--csv', 'the same as --format csv');

/**
 * A list as the person asked for it: a table of names (no ids: a person reads it), or every field
 * with the ids, as JSON (`json`, when the rows flatten what a script would rather have whole) or
 * CSV, for a script.
 */
export const renderList = (view: View, options: ListOptions, json: ReadonlyArray<unknown> = view.rows): string => {
  const format = options.json ? 'json' : options.csv ? 'csv' : options.format;
  if (format === 'json') return `${JSON.stringify(json, null, 2)}\n`;
  if (format === 'csv') return renderCsv(view);
  return `${renderTable(view)}\n`;
};
