import { addDays, CloseDayResult, daysBetween, MAX_REPORT_DAYS, RotateKeyResult } from '@possier/events';
import { type Command, Option } from 'commander';
import { callApi, readJson, type Connection } from '../api-client.js';
import { CliError, cliError } from '../cli-error.js';
import { commandBody } from '../command-body.js';
import { exportToFile, type ExportOptions } from './export-to-file.js';
import { showHistory, type HistoryOptions } from './history.js';
import { provesSigner, renderVerdict } from './render-verdict.js';
import { verifyFile } from './verify-file.js';
import { ledgerUrlOption } from '@possier/register/ledger-url';

const connectionOptions = (command: Command): Command =>
  command.addOption(ledgerUrlOption()).addOption(new Option('--token <token>', 'bearer token').env('POSSIER_TOKEN'));

/**
 * `possier audit …`: the accountant's commands. history, export, close-day and rotate-key talk to
 * the ledger; verify works on an export file alone, offline.
 */
export const addAuditCommands = (program: Command): void => {
  const audit = program.command('audit').description('The tamper-evident audit trail: history, export, offline verify');

  connectionOptions(
    audit
      .command('history')
      .description('Print the stored events of an order, a store-day, or a register’s day')
      .option('--order <id>', 'an order')
      .option('--store <id>', 'a store (with --date)')
      .option('--register <id>', 'a register (with --date), or with --store: that register’s part of the day')
      .option('--date <date>', 'the business date, YYYY-MM-DD')
      .addOption(
        new Option('--format <format>', 'output: a table, JSON, or JSON Lines streamed page by page')
          .choices(['table', 'json', 'jsonl'])
          .default('table'),
      )
      .option('--json', 'the same as --format json'),
  ).action(async (options: HistoryOptions & Connection & { json?: boolean }) => {
    const chosen = options.json ? { ...options, format: 'json' as const } : options;
    await showHistory(chosen, options, (text) => process.stdout.write(text));
  });

  connectionOptions(
    audit
      .command('export')
      .description('Export a store’s business days for an accountant: JSON Lines to verify, or CSV for spreadsheets')
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--from <date>', 'first business date, YYYY-MM-DD')
      .requiredOption('--to <date>', 'last business date, YYYY-MM-DD')
      .addOption(new Option('--format <format>', 'file format').choices(['jsonl', 'csv']).default('jsonl'))
      .option('--out <file>', 'write to this file (default: stdout)'),
  ).action(async (options: ExportOptions & Connection) => {
    process.stderr.write(await exportToFile(options, options));
  });

  audit
    .command('verify')
    .description('Verify an export offline: every hash chain, every day seal’s Merkle root and signature')
    .argument('<file>', 'a JSON Lines export from `possier audit export`')
    .option('--trust-key <key...>', 'the org’s audit key you trust: its key id or base64url public key')
    .option('--require-trust', 'exit 2 unless a --trust-key proves who signed (for scripts)')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'json']).default('text'))
    .option('--json', 'the same as --format json')
    .action(
      async (
        file: string,
        options: { trustKey?: string[]; requireTrust?: boolean; format: 'text' | 'json'; json?: boolean },
      ) => {
        const verdict = await verifyFile(file, options.trustKey ?? []);
        process.stdout.write(
          options.json || options.format === 'json'
            ? `${JSON.stringify({ ...verdict, signerProven: provesSigner(verdict) }, null, 2)}\n`
            : renderVerdict(verdict, file),
        );
        if (!verdict.ok) process.exitCode = 1;
        else if (options.requireTrust && !provesSigner(verdict)) process.exitCode = 2;
      },
    );

  const seal = async (action: 'close' | 'amend', options: { store: string; date: string } & Connection) => {
    const { seal } = await readJson(
      await callApi(
        options,
        `/v1/audit/stores/${encodeURIComponent(options.store)}/days/${encodeURIComponent(options.date)}/${action}`,
        { method: 'POST', body: commandBody({ storeId: options.store, businessDate: options.date }) },
      ),
      CloseDayResult,
    );
    process.stdout.write(
      seal.amendment === 0
        ? `closed ${seal.businessDate} for store ${options.store}: ${seal.eventCount} events sealed, Merkle root ${seal.merkleRoot}, key ${seal.keyId}\n`
        : `amended ${seal.businessDate} for store ${options.store}: amendment ${seal.amendment} seals ${seal.eventCount} late events, Merkle root ${seal.merkleRoot}, key ${seal.keyId}\n`,
    );
  };

  connectionOptions(
    audit
      .command('close-day')
      .description(
        'Close and seal a store’s business date: its events by sale time in the store’s zone (the Z report, or a scheduled job); dates in any order, each once',
      )
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--date <date>', 'the business date, YYYY-MM-DD'),
  ).action((options: { store: string; date: string } & Connection) => seal('close', options));

  connectionOptions(
    audit
      .command('amend')
      .description(
        'Seal the events of a sealed business date stored after its last seal (a late offline replay, a correction) as an amendment joined to it; with --from/--to, every date of the range that has such events',
      )
      .requiredOption('--store <id>', 'the store')
      .option('--date <date>', 'the sealed business date, YYYY-MM-DD')
      .option('--from <date>', 'first business date of a range to amend, YYYY-MM-DD (with --to)')
      .option('--to <date>', 'last business date of the range, YYYY-MM-DD'),
  ).action(async (options: { store: string; date?: string; from?: string; to?: string } & Connection) => {
    if (options.date !== undefined) return seal('amend', { ...options, date: options.date });
    if (options.from === undefined || options.to === undefined || daysBetween(options.from, options.to) < 0) {
      throw cliError('VALIDATION.INVALID', '--date', 'give --date, or --from and --to with --to not before --from');
    }
    if (daysBetween(options.from, options.to) >= MAX_REPORT_DAYS) {
      throw cliError('VALIDATION.INVALID', '--to', `a range may cover at most ${MAX_REPORT_DAYS} days`);
    }
    // The nightly job's sweep: a date with no late events, or never closed, is passed over.
    let amended = 0;
    for (let date = options.from; date <= options.to; date = addDays(date, 1)) {
      try {
        await seal('amend', { ...options, date });
        amended += 1;
      } catch (error) {
        const code = error instanceof CliError ? error.details[0]?.code : undefined;
        if (code !== 'AUDIT.NOTHING_TO_AMEND' && code !== 'AUDIT.DAY_NOT_SEALED') throw error;
      }
    }
    process.stdout.write(`${amended} date${amended === 1 ? '' : 's'} of ${options.from} to ${options.to} amended\n`);
  });

  connectionOptions(
    audit
      .command('rotate-key')
      .description('Put a new audit signing key in place for the org, endorsed by the current one (owners only)')
      .requiredOption('--org <id>', 'your org'),
  ).action(async (options: { org: string } & Connection) => {
    const { key } = await readJson(
      await callApi(options, '/v1/audit/keys/rotate', { method: 'POST', body: commandBody({ orgId: options.org }) }),
      RotateKeyResult,
    );
    process.stdout.write(`key ${key.keyId} is now the org's audit key (public key ${key.publicKey})\n`);
  });
};
