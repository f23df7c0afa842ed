import { spawnSync } from 'node:child_process';
import { readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEMO } from './demo/demo-ids.js';
import { demoToken, possier, REPOSITORY, type Started } from './quick-start.js';

/** Today's date in India, the business date of a sale made now. */
const today = (): string => new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);

type SalesReport = { rows: Array<{ orders: number; payablePaise: number }> };

/**
 * README's quick start after `npm start`: set up the demo's Bandra till with its printed token,
 * sell two Italian Supremes through `possier register sell`, and read the sale back in today's sales
 * report through `possier report` (the demo's own day of orders is yesterday's).
 */
export const checkoutAndReport = async (started: Started, dataDir: string, tillDir: string): Promise<void> => {
  const registerToken = await demoToken(dataDir, 'register');
  const ownerToken = await demoToken(dataDir, 'owner');
  const init = possier(['register', 'init', '--url', started.url, '--token', registerToken, '--data', tillDir]);
  expect(init.status, init.stderr + init.stdout).toBe(0);

  const sale = possier([
    'register',
    'sell',
    '--item',
    'The Italian Supreme Pizza (M):2',
    '--cash',
    '1000',
    '--data',
    tillDir,
  ]);
  expect(sale.status, sale.stderr + sale.stdout).toBe(0);
  const payable = /payable ₹([\d,]+\.\d\d)/.exec(sale.stdout)?.[1];
  expect(payable, sale.stdout).toBeDefined();
  // Printed with two decimals, so the digits alone are the paise.
  const payablePaise = Number((payable as string).replace(/[,.]/g, ''));

  const date = today();
  let report: SalesReport = { rows: [] };
  for (let attempt = 0; attempt < 60 && report.rows.length === 0; attempt += 1) {
    const result = possier(
      ['report', 'sales', '--from', date, '--to', date, '--format', 'json', '--url', started.url],
      { POSSIER_TOKEN: ownerToken },
    );
    expect(result.status, result.stderr).toBe(0);
    report = JSON.parse(result.stdout) as SalesReport;
    if (report.rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(report.rows).toHaveLength(1);
  expect(report.rows[0]).toMatchObject({ orders: 1, payablePaise });

  // The demo's day has CGST/SGST sales and an inter-state catering invoice with IGST.
  const yesterday = new Date(Date.now() + 330 * 60_000 - 86_400_000).toISOString().slice(0, 10);
  const gst = possier(
    ['report', 'gst', '--from', yesterday, '--to', yesterday, '--format', 'json', '--url', started.url],
    {
      POSSIER_TOKEN: ownerToken,
    },
  );
  expect(gst.status, gst.stderr).toBe(0);
  const { totals } = JSON.parse(gst.stdout) as { totals: { cgstPaise: number; sgstPaise: number; igstPaise: number } };
  expect(totals.cgstPaise).toBeGreaterThan(0);
  expect(totals.cgstPaise).toBe(totals.sgstPaise);
  expect(totals.igstPaise).toBe(216_000);

  // The demo's day was rung up on a cashier's shift, closed ₹30 short, and its regulars earned points.
  const shifts = possier(
    ['report', 'shifts', '--from', yesterday, '--to', yesterday, '--format', 'json', '--url', started.url],
    {
      POSSIER_TOKEN: ownerToken,
    },
  );
  expect(shifts.status, shifts.stderr).toBe(0);
  expect((JSON.parse(shifts.stdout) as { rows: unknown[] }).rows).toEqual([
    expect.objectContaining({ kind: 'Z', variancePaise: -3_000 }),
  ]);
  const loyalty = possier(['report', 'loyalty', '--format', 'json', '--url', started.url], {
    POSSIER_TOKEN: ownerToken,
  });
  expect(loyalty.status, loyalty.stderr).toBe(0);
  const [brand] = (JSON.parse(loyalty.stdout) as { rows: Array<{ members: number; earnedPoints: number }> }).rows;
  expect(brand?.members).toBe(5);
  expect(brand?.earnedPoints).toBeGreaterThan(0);

  // The demo names its stock items: yesterday's and today's dough, opening to closing, by name.
  const stock = possier(
    ['report', 'stock', '--store', DEMO.bandra, '--from', yesterday, '--to', today(), '--url', started.url],
    { POSSIER_TOKEN: ownerToken },
  );
  expect(stock.status, stock.stderr).toBe(0);
  expect(stock.stdout).toMatch(/^\S.* +Pizza dough \(g\) +[\d,]+ +[\d,]+ /m);
  expect(stock.stdout).not.toContain(DEMO.dough);

  // The demo's day is sealed with the org's key: an accountant can export and verify it at once.
  const file = join(tillDir, '..', `bandra-${yesterday}.jsonl`);
  const exported = possier(
    ['audit', 'export', '--store', DEMO.bandra, '--from', yesterday, '--to', yesterday, '--out', file],
    { POSSIER_TOKEN: await demoToken(dataDir, 'accountant'), POSSIER_URL: started.url },
  );
  expect(exported.status, exported.stderr).toBe(0);
  const verified = possier(['audit', 'verify', file]);
  expect(verified.status, verified.stdout).toBe(0);
  expect(verified.stdout).toMatch(/^CONSISTENT /);
  expect(verified.stdout).toMatch(new RegExp(`^  ${yesterday} +\\d+ events .* ok$`, 'm'));
};

/** The shell block README.md gives to run "in another terminal" after `npm start`, as written. */
export const readmeQuickStart = async (): Promise<string> => {
  const readme = await readFile(join(REPOSITORY, 'README.md'), 'utf8');
  const after = readme.slice(readme.indexOf('Then, in another terminal'));
  const block = /```sh\n([\s\S]*?)```/.exec(after)?.[1];
  if (block === undefined) throw new Error('README.md has no sh block after "Then, in another terminal"');
  return block;
};

/**
 * Runs README's block in `folder`, the folder whose `.possier` the started ledger keeps its data
 * in, as a person in "the same folder" would: `services/` is the repository's (a link), and
 * nothing tells the commands where the ledger is but what `npm start` left in `.possier`.
 */
export const runReadmeQuickStart = async (
  folder: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> => {
  await symlink(join(REPOSITORY, 'services'), join(folder, 'services'));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !['POSSIER_URL', 'POSSIER_TOKEN', 'POSSIER_DATA_DIR', 'PORT'].includes(name),
    ),
  );
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', await readmeQuickStart()], {
    cwd: folder,
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};
