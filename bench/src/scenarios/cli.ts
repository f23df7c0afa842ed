import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase } from '@possier/prisma';
import { Pool } from 'undici';
import { runFor, type Timing } from '../measure.js';
import { startLedgerProcess } from '../processes/ledger-process.js';
import { buildServices, REPO } from '../processes/service-process.js';
import { seedRestaurant } from '../restaurant.js';
import { against, measured, type Row } from '../report.js';

const run = promisify(execFile);
const POSSIER = fileURLToPath(new URL('services/cli/bin/possier.js', REPO));

/** One whole process, started and waited for, as a person at a terminal or a till's script runs it. */
const timedProcess =
  (args: string[], env: Record<string, string> = {}) =>
  async () => {
    await run(process.execPath, args, { cwd: fileURLToPath(REPO), env: { ...process.env, ...env } });
  };

/** A row's p50 against a wall-clock target, in milliseconds. */
const withinMs = (row: Row, limitMs: number): Row => ({
  ...row,
  target: `p50 < ${limitMs} ms`,
  status: row.p50 !== undefined && row.p50 < limitMs ? 'pass' : 'short',
});

/**
 * The `possier` command as a person calls it, a process per call, on the compiled JavaScript
 * `npm install` builds (the caller has built the workspace): `--help`, and a sales report from the
 * running ledger. Each beside the least any Node process can do: starting with no code, and
 * starting to make the same HTTP request with nothing else loaded.
 */
/** The CLI and the packages it runs, built, and marked built, so `possier` runs the compiled code. */
export const buildCli = (): void => {
  buildServices('cli');
  const stamped = spawnSync(process.execPath, [fileURLToPath(new URL('services/cli/bin/stamp-build.js', REPO))]);
  if (stamped.status !== 0) throw new Error('marking the CLI built failed');
};

export const cliScenarios = async (timing: Timing, natsUrl: string, logDir: string): Promise<Row[]> => {
  const database = await createTestDatabase('possier_bench_cli');
  try {
    const ledger = await startLedgerProcess(database.url, natsUrl, `${logDir}/ledger-cli.log`);
    const http = new Pool(ledger.url, { connections: 1 });
    try {
      const restaurant = await seedRestaurant(http, ledger);
      return await timeCli(timing, { url: ledger.url, token: restaurant.ownerToken, store: restaurant.store });
    } finally {
      await http.close();
      await ledger.service.stop();
    }
  } finally {
    await database.drop();
  }
};

const timeCli = async (timing: Timing, ledger: { url: string; token: string; store: string }): Promise<Row[]> => {
  const bare = measured('node start-up, no code', 'processes/s', await runFor(timing, 1, timedProcess(['-e', '0'])));
  const help = measured('possier --help', 'processes/s', await runFor(timing, 1, timedProcess([POSSIER, '--help'])));
  const period = { from: '2026-11-01', to: '2026-11-30' };
  const query = `storeId=${ledger.store}&from=${period.from}&to=${period.to}`;
  const fetchOnly = measured(
    'node fetching the sales report, no code',
    'processes/s',
    await runFor(
      timing,
      1,
      timedProcess(
        [
          '--input-type=module',
          '-e',
          `const r = await fetch(process.env.U, { headers: { authorization: 'Bearer ' + process.env.T } }); const body = await r.text(); if (!r.ok) { console.error(r.status, body.slice(0, 300)); process.exit(1); }`,
        ],
        { U: `${ledger.url}/v1/reports/sales?${query}`, T: ledger.token },
      ),
    ),
  );
  const report = measured(
    'possier report sales',
    'processes/s',
    await runFor(
      timing,
      1,
      timedProcess([POSSIER, 'report', 'sales', '--store', ledger.store, '--from', period.from, '--to', period.to], {
        POSSIER_URL: ledger.url,
        POSSIER_TOKEN: ledger.token,
      }),
    ),
  );
  return [bare, withinMs(against(help, bare), 300), fetchOnly, withinMs(against(report, fetchOnly), 600)];
};
