import type { OpsStatus } from '@possier/events';
import { Command, Option } from 'commander';
import { fetchStatus } from './fetch-status.js';
import { renderRegisters } from './render-registers.js';
import { renderStatus } from './render-status.js';
import { ledgerUrlOption } from '@possier/register/ledger-url';

type StatusOptions = { format: 'table' | 'json'; json?: boolean; url: string; token?: string };

/** From the database itself when DATABASE_URL is set (an operator on the server), else over the API. */
const readStatus = async (options: StatusOptions): Promise<OpsStatus> => {
  const url = process.env.DATABASE_URL;
  if (!url) return fetchStatus({ url: options.url, token: options.token });
  const [{ readStatus: fromDatabase }, { default: pg }] = await Promise.all([
    import('@possier/ledger/ops'),
    import('pg'),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    return await fromDatabase(pool);
  } finally {
    await pool.end();
  }
};

export const statusCommand = (): Command =>
  new Command('status')
    .description(
      'Each projector and the relay against the log’s head (their lag), and the events registers still queue: from DATABASE_URL when set, else from the running ledger’s API',
    )
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json']).default('table'))
    .option('--json', 'the same as --format json')
    .addOption(ledgerUrlOption())
    .addOption(new Option('--token <token>', 'an operator’s or org owner’s token').env('POSSIER_TOKEN'))
    .action(async (options: StatusOptions) => {
      const status = await readStatus(options);
      const text =
        options.json || options.format === 'json'
          ? JSON.stringify(status, null, 2)
          : [renderStatus(status), ...(status.registers ? [renderRegisters(status.registers)] : [])].join('\n\n');
      process.stdout.write(`${text}\n`);
    });
