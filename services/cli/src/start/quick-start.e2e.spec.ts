import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { generateCustomerKek } from '@possier/ledger';
import { adminUrl, createTestDatabase } from '@possier/prisma';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutAndReport, runReadmeQuickStart } from './quick-start-scenario.js';
import { npmStart, type Started } from './quick-start.js';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
/** On PostgreSQL the customer key-encryption key must come from the environment. */
const POSSIER_CUSTOMER_KEK = generateCustomerKek();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const stopAfterTest = (started: Started) => cleanups.push(() => started.stop());

describe('npm start, as README’s quick start runs it', () => {
  it('runs embedded, then on PostgreSQL and NATS from the same folder: each ready with the demo, a CLI checkout reads back', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'possier-quick-start-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const dataDir = join(folder, '.possier');
    const embedded = await npmStart({ POSSIER_DATA_DIR: dataDir, DATABASE_URL: '' });
    stopAfterTest(embedded);
    expect(embedded.output()).toContain('embedded mode');
    await checkoutAndReport(embedded, dataDir, join(folder, 'till'));
    // README's own block, as written, against this ledger on a port that is not 3000.
    expect(new URL(embedded.url).port).not.toBe('3000');
    const readme = await runReadmeQuickStart(folder);
    expect(readme.status, readme.stderr + readme.stdout).toBe(0);
    expect(readme.stdout).toMatch(/payable ₹/);
    // Today's row now counts both sales: the scenario's and the block's.
    expect(readme.stdout).toMatch(new RegExp(`${new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10)}.* 2 `));
    await embedded.stop();
    expect(embedded.output()).toContain('shutting down');
    // The tokens are the last thing start prints, after the line saying it is up.
    const output = embedded.output();
    expect(output.indexOf('demo operator')).toBeGreaterThan(output.indexOf('Possier is up ('));
    expect(output.indexOf('Possier is up (')).toBeGreaterThan(0);

    // The same folder on PostgreSQL: its demo tills sold into the embedded database, and the demo
    // is seeded into this one afresh (once this crashed with ORDER.ALREADY_PLACED, half seeded).
    const database = await createTestDatabase('possier_quick_start');
    cleanups.push(() => database.drop());
    const suffix = randomBytes(4).toString('hex');
    const stream = `LEDGER_QS_${suffix}`;
    cleanups.push(async () => {
      const nats = await connect({ servers: NATS_URL });
      await (await jetstreamManager(nats)).streams.delete(stream).catch(() => undefined);
      await nats.close();
    });
    const server = await npmStart({
      POSSIER_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      POSSIER_CUSTOMER_KEK,
      NATS_URL,
      LEDGER_STREAM: stream,
      LEDGER_SUBJECT_PREFIX: `ledgerqs${suffix}`,
      PROJECTOR_CONSUMER: `projector-qs-${suffix}`,
    });
    stopAfterTest(server);
    expect(server.output()).toContain('server mode');
    expect(server.output()).toContain('seeded now');
    await checkoutAndReport(server, dataDir, join(folder, 'till-on-postgres'));
    await server.stop();
    expect(server.output()).toContain('shutting down');
  }, 600_000);

  it('with DATABASE_URL pointing nowhere says PostgreSQL is unreachable and exits non-zero', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'possier-quick-start-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    await expect(
      npmStart(
        { POSSIER_DATA_DIR: folder, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', POSSIER_CUSTOMER_KEK },
        60_000,
      ),
    ).rejects.toThrow(
      /exited with code 1 before it was ready[^]*PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/nowhere is unreachable/,
    );
  }, 90_000);

  it('with NATS unreachable says so and exits non-zero, never falling back to embedded', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'possier-quick-start-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    await expect(
      npmStart(
        { POSSIER_DATA_DIR: folder, DATABASE_URL: adminUrl(), NATS_URL: 'nats://127.0.0.1:1', POSSIER_CUSTOMER_KEK },
        60_000,
      ),
    ).rejects.toThrow(/exited with code 1 before it was ready[^]*NATS at nats:\/\/127\.0\.0\.1:1 is unreachable/);
  }, 90_000);
});
