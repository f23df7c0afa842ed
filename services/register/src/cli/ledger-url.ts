import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option } from 'commander';

/** Where `possier start` writes the URL it listens on, in its data folder. */
export const LEDGER_URL_FILE = 'ledger-url';
const FALLBACK = 'http://127.0.0.1:3000';

/**
 * The ledger a command talks to when none is given: the one `possier start` runs from this
 * folder's data (`$POSSIER_DATA_DIR`, default `.possier`), whatever port it took, else the
 * default port on this machine.
 */
export const localLedgerUrl = (env: Record<string, string | undefined> = process.env): string => {
  try {
    const written = readFileSync(join(env.POSSIER_DATA_DIR ?? '.possier', LEDGER_URL_FILE), 'utf8').trim();
    return written === '' ? FALLBACK : written;
  } catch {
    return FALLBACK;
  }
};

/**
 * `--url`, the one way every `possier` command is told the ledger: the flag, else `POSSIER_URL`,
 * else the ledger `possier start` runs here (localLedgerUrl).
 */
export const ledgerUrlOption = (): Option =>
  new Option('--url <url>', 'the ledger')
    .env('POSSIER_URL')
    .default(localLedgerUrl(), 'the ledger possier start runs here, else http://127.0.0.1:3000');
