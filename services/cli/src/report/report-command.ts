import { REPORT_NAMES, type ReportName } from '@possier/events/report-contracts';
import { Argument, Command, Option } from 'commander';
import { runReport, type ReportOptions } from './run-report.js';
import { ledgerUrlOption } from '@possier/register/ledger-url';

export const reportCommand = (): Command =>
  new Command('report')
    .description('Print a report from the ledger’s reports API')
    .addArgument(new Argument('<report>', 'which report').choices(REPORT_NAMES))
    .option('--store <id>', 'one store (default: every store you may read reports in)')
    .option(
      '--from <date>',
      'first business date, YYYY-MM-DD (stock and loyalty: leave out with --to for the balance now)',
    )
    .option(
      '--to <date>',
      'last business date, YYYY-MM-DD (stock and loyalty: leave out with --from for the balance now)',
    )
    .addOption(new Option('--by <grouping>', 'sales: per day or per hour').choices(['hour', 'day']))
    .option('--limit <n>', 'items: how many top sellers (default 20)')
    .addOption(new Option('--sort <key>', 'items: rank by').choices(['quantity', 'taxable']))
    .option('--as-of <date>', 'receivables: age the invoices as of this date (default --to)')
    .option('--customer <id>', 'statement: the customer whose statement of account to print')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'csv', 'json']).default('table'))
    .option('--json', 'the same as --format json')
    .option('--csv', 'the same as --format csv')
    .addOption(ledgerUrlOption())
    .addOption(new Option('--token <token>', 'bearer token').env('POSSIER_TOKEN'))
    .action(async (name: ReportName, options: ReportOptions & { json?: boolean; csv?: boolean }) => {
      const format = options.json ? 'json' : options.csv ? 'csv' : options.format;
      process.stdout.write(await runReport(name, { ...options, format }));
    });
