import type { ReportName } from '@possier/events/report-contracts';
import { cliError } from '../cli-error.js';
import { renderCsv } from '../format/csv.js';
import { renderTable } from '../format/table.js';
import { fetchReport } from './fetch-report.js';
import { fetchNames } from './report-names.js';
import { viewsOf, type AnyReport } from './report-views.js';

export type OutputFormat = 'table' | 'csv' | 'json';

export type ReportOptions = {
  store?: string;
  from?: string;
  to?: string;
  by?: string;
  limit?: string;
  sort?: string;
  asOf?: string;
  customer?: string;
  format: OutputFormat;
  url: string;
  token?: string;
};

/** Options → the report's query string; an option not given is left out, not sent empty. */
const queryOf = (options: ReportOptions): Record<string, string> =>
  Object.fromEntries(
    Object.entries({
      storeId: options.store,
      from: options.from,
      to: options.to,
      by: options.by,
      limit: options.limit,
      sort: options.sort,
      asOf: options.asOf,
      customerId: options.customer,
    }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );

/** `possier report <name>`: the report from the API, as a table (rupees), CSV or JSON (paise). */
export const runReport = async (name: ReportName, options: ReportOptions): Promise<string> => {
  if (!options.token) throw cliError('AUTH.NO_TOKEN', 'token', 'pass --token or set POSSIER_TOKEN');
  const connection = { url: options.url, token: options.token };
  // Names for a person's table, asked for alongside the report; CSV and JSON carry the ids.
  const [report, names] = await Promise.all([
    fetchReport({ name, ...connection, query: queryOf(options) }) as Promise<AnyReport>,
    options.format === 'table' ? fetchNames(connection) : undefined,
  ]);
  switch (options.format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return renderCsv(viewsOf(report)[0] as never);
    case 'table':
      return `${viewsOf(report, names).map(renderTable).join('\n\n')}\n`;
  }
};
