import { REPORT_NAMES, type OpsStatus, type ReportName } from '@possier/events';
import { readStatus } from '@possier/ledger/ops';
import { registerCommand, RegisterCliError } from '@possier/register/cli';
import { Argument, Command, Option } from 'commander';
import pg from 'pg';
import { addAuditCommands } from './audit/audit-commands.js';
import { CliError } from './cli-error.js';
import { runReport, type ReportOptions } from './report/run-report.js';
import { customerKeysCommand } from './ops/customer-keys-command.js';
import { migrateCommand } from './ops/migrate-command.js';
import { addRegisterStatusCommands, userCommand } from './principals/principal-commands.js';
import { rebuildCommand } from './ops/rebuild-command.js';
import { tokenCommand } from './ops/token-command.js';
import { startCommand } from './start/start-command.js';
import { fetchStatus } from './status/fetch-status.js';
import { renderRegisters } from './status/render-registers.js';
import { renderStatus } from './status/render-status.js';

const program = new Command('possier')
  .description('The Possier ledger from the command line: a register, reports, and the read side’s status.')
  .showHelpAfterError();

program
  .command('report')
  .description('Print a report from the ledger’s reports API')
  .addArgument(new Argument('<report>', 'which report').choices(REPORT_NAMES))
  .option('--store <id>', 'one store (default: every store you may read reports in)')
  .option('--from <date>', 'first business date, YYYY-MM-DD (not for stock or loyalty, which are balances now)')
  .option('--to <date>', 'last business date, YYYY-MM-DD (not for stock or loyalty, which are balances now)')
  .addOption(new Option('--by <grouping>', 'sales: per day or per hour').choices(['hour', 'day']))
  .option('--limit <n>', 'items: how many top sellers (default 20)')
  .addOption(new Option('--sort <key>', 'items: rank by').choices(['quantity', 'taxable']))
  .option('--as-of <date>', 'receivables: age the invoices as of this date (default --to)')
  .option('--customer <id>', 'statement: the customer whose statement of account to print')
  .addOption(new Option('--format <format>', 'output').choices(['table', 'csv', 'json']).default('table'))
  .addOption(new Option('--url <url>', 'the ledger').env('POSSIER_URL').default('http://127.0.0.1:3000'))
  .addOption(new Option('--token <token>', 'bearer token').env('POSSIER_TOKEN'))
  .action(async (name: ReportName, options: ReportOptions) => {
    process.stdout.write(await runReport(name, options));
  });

program
  .command('status')
  .description(
    'Each projector and the relay against the log’s head (their lag), and the events registers still queue: from DATABASE_URL when set, else from the running ledger’s API',
  )
  .addOption(new Option('--format <format>', 'output').choices(['table', 'json']).default('table'))
  .option('--json', 'the same as --format json')
  .addOption(new Option('--url <url>', 'the ledger').env('POSSIER_URL').default('http://127.0.0.1:3000'))
  .addOption(new Option('--token <token>', 'an operator’s or org owner’s token').env('POSSIER_TOKEN'))
  .action(async (options: { format: 'table' | 'json'; json?: boolean; url: string; token?: string }) => {
    const url = process.env.DATABASE_URL;
    let status: OpsStatus;
    if (url) {
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      try {
        status = await readStatus(pool);
      } finally {
        await pool.end();
      }
    } else {
      status = await fetchStatus({ url: options.url, token: options.token });
    }
    const text =
      options.json || options.format === 'json'
        ? JSON.stringify(status, null, 2)
        : [renderStatus(status), ...(status.registers ? [renderRegisters(status.registers)] : [])].join('\n\n');
    process.stdout.write(`${text}\n`);
  });

addAuditCommands(program);

program.addCommand(addRegisterStatusCommands(registerCommand()));
program.addCommand(userCommand());
program.addCommand(startCommand());
program.addCommand(tokenCommand());
program.addCommand(migrateCommand());
program.addCommand(rebuildCommand());
program.addCommand(customerKeysCommand());

try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof CliError || error instanceof RegisterCliError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
