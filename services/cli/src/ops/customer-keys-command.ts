import { CustomerKekError, KeyUnwrapError, requireCustomerKeks, rewrapCustomerKeys } from '@possier/ledger';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import pg from 'pg';
import { cliError } from '../cli-error.js';
import { requireDatabaseUrl } from './database-url.js';

/**
 * `possier customer-keys rewrap`: after a new KEK is listed first in POSSIER_CUSTOMER_KEK (the
 * old one still after it) and every ledger restarted with it, stores every customer data key and
 * lookup secret wrapped under the new one; the old KEK can then be dropped from the list. Exits 1
 * when rows remain under another KEK (a ledger still wrapping with an older list).
 */
const rewrap = async (options: { json?: boolean }): Promise<void> => {
  const url = requireDatabaseUrl('customer-keys rewrap');
  let keks;
  try {
    keks = requireCustomerKeks();
  } catch (error) {
    if (!(error instanceof CustomerKekError)) throw error;
    const missing = !process.env.POSSIER_CUSTOMER_KEK && !process.env.POSSIER_CUSTOMER_KEK_FILE;
    throw cliError(missing ? 'CONFIG.MISSING' : 'CONFIG.WEAK_SECRET', error.source, error.reason);
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const bar = options.json
    ? undefined
    : new SingleBar(
        {
          format: `rewrap under KEK ${keks.current.id} {bar} {percentage}% | {value}/{total} keys | {eta_formatted} left`,
        },
        Presets.shades_classic,
      );
  let result;
  try {
    result = await rewrapCustomerKeys(pool, keks, {
      onProgress: ({ done, total }) => {
        if (!bar) return;
        if (done === 0) bar.start(total, 0);
        else bar.update(Math.min(done, total));
      },
    });
  } catch (error) {
    if (!(error instanceof KeyUnwrapError)) throw error;
    throw cliError(error.code, error.where, error.reason);
  } finally {
    bar?.stop();
    await pool.end();
  }
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ kekId: keks.current.id, ...result }, null, 2)}\n`
      : `${result.keys} data keys and ${result.secrets} lookup secrets of ${result.orgs} orgs rewrapped under KEK ${keks.current.id}\n`,
  );
  if (result.remaining > 0)
    throw cliError(
      'CUSTOMER_KEYS.NOT_ALL_REWRAPPED',
      'POSSIER_CUSTOMER_KEK',
      `${result.remaining} keys were stored under another KEK meanwhile: restart every ledger with this POSSIER_CUSTOMER_KEK, then run this again`,
    );
};

export const customerKeysCommand = (): Command =>
  new Command('customer-keys')
    .description('Customers’ data keys, stored wrapped under a key-encryption key (POSSIER_CUSTOMER_KEK)')
    .addCommand(
      new Command('rewrap')
        .description(
          'Rewrap every customer data key and lookup secret under the current (first) key of POSSIER_CUSTOMER_KEK (needs DATABASE_URL)',
        )
        .option('--json', 'print the result as JSON')
        .action((options: { json?: boolean }) => rewrap(options)),
    );
