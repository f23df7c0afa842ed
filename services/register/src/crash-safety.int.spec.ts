import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, seedRestaurant, startLedger, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedgerClient, LedgerUnreachableError } from './ledger-client.js';
import { openRegister } from './register-agent.js';
import { openSyncedRegister } from './testing/open-test-register.js';
import { seededId, seededSale } from './testing/sales.js';

const worker = fileURLToPath(new URL('./testing/crash-worker.ts', import.meta.url));
const ledgerMain = fileURLToPath(new URL('../../ledger/src/main.ts', import.meta.url));

let ledger: Ledger;
let restaurant: Restaurant;
const folders: string[] = [];

beforeAll(async () => {
  ledger = await startLedger();
  restaurant = await seedRestaurant(ledger);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A seeded stream of numbers in [0, 1), so a failing run can be repeated exactly. */
const seededRandom = (seed: string) => {
  let counter = 0;
  return () =>
    createHash('sha256')
      .update(`${seed}:${(counter += 1)}`)
      .digest()
      .readUInt32BE(0) /
    2 ** 32;
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const startWorker = (args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@possier/source', worker, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    lines.push(...complete);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
};

const registerEvents = async (registerId: string) => {
  const { rows } = await ledger.store.pool.query<{ event_id: string; type: string; order_id: string | null }>(
    `SELECT event_id, type, data->>'orderId' AS order_id FROM events WHERE register_id = $1`,
    [registerId],
  );
  return rows;
};

describe('a register killed with SIGKILL', () => {
  it('loses no sale and stores none twice, killed at seeded moments while selling and while replaying', async () => {
    const seed = process.env.CRASH_SEED ?? 'crash-1';
    const random = seededRandom(seed);
    const total = 4_000;
    const dataDir = mkdtempSync(join(tmpdir(), 'possier-crash-'));
    folders.push(dataDir);
    const { ids } = restaurant;
    (await openSyncedRegister(dataDir, ledger.url, restaurant.r1Token, 3, eventually)).close();

    const args = [dataDir, ledger.url, restaurant.r1Token, seed, String(total), ids.pizza, ids.cheese, ids.cola];
    const killedDuring = { sale: 0, push: 0 };
    let finished = false;
    for (let run = 0; !finished; run += 1) {
      // Until 55 kills have landed mid-sale or mid-replay; then one run is left to finish.
      const { child, lines, exited } = startWorker(args);
      await eventually(async () => expect(lines).toContain('ready'), 30_000);
      if (killedDuring.sale + killedDuring.push < 55 && run < 200) {
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(random() * 250)));
        const last = lines.at(-1) ?? '';
        if (last !== 'done' && child.kill('SIGKILL')) {
          await exited;
          if (last.startsWith('sell')) killedDuring.sale += 1;
          if (last === 'push') killedDuring.push += 1;
          continue;
        }
      }
      expect(await exited).toBe(0);
      finished = lines.includes('done');
    }
    expect(killedDuring.sale + killedDuring.push).toBeGreaterThanOrEqual(50);
    expect(killedDuring.sale).toBeGreaterThan(0);
    expect(killedDuring.push).toBeGreaterThan(0);

    const register = openRegister({ dataDir });
    expect(register.status()).toMatchObject({ queuedEvents: 0, rejectedEvents: 0 });
    register.close();
    const stored = await registerEvents(ids.r1);
    const placed = stored.filter((event) => event.type === 'OrderPlaced');
    expect(new Set(placed.map((event) => event.order_id))).toEqual(
      new Set(Array.from({ length: total }, (_, n) => seededId(seed, 'order', n))),
    );
    expect(placed).toHaveLength(total);
    expect(new Set(stored.map((event) => event.event_id)).size).toBe(stored.length);
    process.stdout.write(
      `crash: seed=${seed}, kills=${killedDuring.sale + killedDuring.push} (selling ${killedDuring.sale}, replaying ${killedDuring.push}), sales=${total}, events=${stored.length}, lost=0, duplicated=0\n`,
    );
  }, 600_000);

  it('stores each event once when the ledger is killed mid-batch and when an answer is lost after its commit', async () => {
    const { ids } = restaurant;
    const seed = process.env.CRASH_SEED ?? 'ledger-kill-1';
    const random = seededRandom(seed);
    const registerId = ids.r2;
    const token = await ledger.token({
      kind: 'register',
      orgId: ids.org,
      brandId: ids.brand,
      storeId: ids.storeA,
      registerId,
    });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'possier-ledger-kill-'));
    folders.push(dataDir);
    (await openSyncedRegister(dataDir, ledger.url, token, 3, eventually)).close();

    // Answers lost after the ledger committed: the first three batches are stored, but the
    // register hears nothing and must send them again.
    let lost = 0;
    const lossy = openRegister({
      dataDir,
      ledgerUrl: ledger.url,
      client: (base, bearer) => {
        const real = createLedgerClient({ url: base, token: bearer });
        return {
          ...real,
          replay: async (batch) => {
            const answer = await real.replay(batch);
            if (lost < 3) {
              lost += 1;
              throw new LedgerUnreachableError('the answer was lost on the way back');
            }
            return answer;
          },
        };
      },
    });
    const menu = { pizza: ids.pizza, cheese: ids.cheese, cola: ids.cola };
    for (let n = 0; n < 1_500; n += 1) lossy.till.checkout(seededSale(seed, n, menu));
    const queued = lossy.status().queuedEvents;
    for (let attempt = 0; attempt < 3; attempt += 1)
      await expect(lossy.sync()).rejects.toBeInstanceOf(LedgerUnreachableError);
    const afterLoss = await lossy.sync();
    expect(afterLoss.duplicate).toBeGreaterThan(0);
    expect(afterLoss.accepted + afterLoss.duplicate).toBe(queued);
    lossy.close();

    // The ledger process killed with SIGKILL while batches are in flight, then started again.
    const register = openRegister({ dataDir, ledgerUrl: url });
    for (let n = 1_500; n < 3_000; n += 1) register.till.checkout(seededSale(seed, n, menu));
    let kills = 0;
    for (;;) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@possier/source', ledgerMain], {
        env: {
          ...process.env,
          DATABASE_URL: ledger.databaseUrl,
          PORT: String(port),
          POSSIER_JWT_SECRET: ledger.jwtSecret,
          POSSIER_CUSTOMER_KEK: ledger.customerKek,
          LOG_LEVEL: 'error',
        },
        // tsx reads the tsconfig of where it runs: the ledger's enables its decorators.
        cwd: fileURLToPath(new URL('../../ledger/', import.meta.url)),
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await eventually(
        async () => expect((await fetch(`${url}/health/live`).catch(() => undefined))?.ok).toBe(true),
        60_000,
      );
      const syncing = register.sync().then(
        () => 'synced',
        (error: unknown) => {
          if (error instanceof LedgerUnreachableError) return 'cut';
          throw error;
        },
      );
      if (kills < 5) {
        await new Promise((resolve) => setTimeout(resolve, 30 + Math.floor(random() * 300)));
        child.kill('SIGKILL');
        await exited;
        if ((await syncing) === 'cut') kills += 1;
        continue;
      }
      const outcome = await syncing;
      child.kill('SIGTERM');
      await exited;
      if (outcome === 'synced' && register.status().queuedEvents === 0) break;
    }
    expect(kills).toBe(5);
    expect(register.status()).toMatchObject({ queuedEvents: 0, rejectedEvents: 0 });
    register.close();

    const stored = await registerEvents(registerId);
    const placed = stored.filter((event) => event.type === 'OrderPlaced');
    expect(placed).toHaveLength(3_000);
    expect(new Set(placed.map((event) => event.order_id)).size).toBe(3_000);
    expect(new Set(stored.map((event) => event.event_id)).size).toBe(stored.length);
    process.stdout.write(
      `ledger-kill: seed=${seed}, lost answers=3, kills=${kills}, events=${stored.length}, lost=0, duplicated=0\n`,
    );
  }, 600_000);
});
