import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eventually, seedRestaurant, startLedger, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkCut } from './testing/network-cut.js';
import { registerDataDir } from './testing/open-test-register.js';

const possier = fileURLToPath(new URL('../../cli/bin/possier.js', import.meta.url));
const session = `possier-register-${randomBytes(4).toString('hex')}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });

let ledger: Ledger;
let restaurant: Restaurant;
let network: Awaited<ReturnType<typeof networkCut>>;
let dataDir: string;

beforeAll(async () => {
  ledger = await startLedger();
  restaurant = await seedRestaurant(ledger);
  const { port } = new URL(ledger.url);
  network = await networkCut({ host: '127.0.0.1', port: Number(port) });
  dataDir = registerDataDir();
  tmux('new-session', '-d', '-s', session, '-x', '220', '-y', '60', 'bash', '--norc', '--noprofile');
  type(`possier() { node ${possier} "$@"; }; export POSSIER_REGISTER_DIR=${dataDir}; clear`);
}, 60_000);

afterAll(async () => {
  try {
    tmux('kill-session', '-t', session);
  } catch {
    // already gone
  }
  await network?.close();
  await ledger?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Types a line into the terminal and presses Enter, as the cashier would. */
const type = (line: string) => tmux('send-keys', '-t', session, line, 'Enter');
const screen = () => tmux('capture-pane', '-p', '-t', session, '-S', '-200');

/** Waits until the screen shows `text` `times` times: the command before it has finished. */
const waitFor = (text: string, times = 1) =>
  eventually(async () => {
    const shown = screen();
    expect(shown.split(text).length - 1, shown).toBeGreaterThanOrEqual(times);
  }, 60_000);

describe('the register CLI in a terminal', () => {
  it('sells online, keeps selling when the network drops, and drains its queue on reconnect', async () => {
    type(`possier register init --url ${network.url()} --token ${restaurant.r1Token}`);
    await waitFor('items cached');
    // The menu reaches a reader of the log once the transactions before it have ended.
    await eventually(async () => {
      type('possier register sync');
      await waitFor('queued', 1);
      type('possier register menu');
      await waitFor('Margherita');
    }, 60_000);

    type('possier register sell --item margherita:2 --cash 1000');
    await waitFor('synced: 3 accepted');

    await network.cut();
    type('possier register sell --item cola:1 --cash 100');
    await waitFor('offline: 2 events kept in the outbox');
    type('possier register sell --item margherita:1 --card 341');
    await waitFor('offline: 5 events kept in the outbox');
    type('possier register status');
    await waitFor('OFFLINE');
    expect(screen()).toMatch(/queued\s+5 events, oldest \d+s old/);

    await network.restore();
    type('possier register sync');
    await waitFor('synced: 5 accepted, 0 already stored, 0 rejected, 0 conflicts; 0 queued');
    type('possier register status');
    await waitFor('online');
    expect(screen()).toMatch(/queued\s+0 events\n/);

    const { rows } = await ledger.store.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE register_id = $1 AND type = 'OrderPlaced'`,
      [restaurant.ids.r1],
    );
    expect(Number(rows[0]?.n)).toBe(3);
  }, 180_000);
});
