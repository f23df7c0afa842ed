import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, seedRestaurant, startLedger, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerUnreachableError } from './ledger-client.js';
import { openRegister } from './register-agent.js';
import { seededSale } from './testing/sales.js';

let ledger: Ledger;
let restaurant: Restaurant;
let dataDir: string;

beforeAll(async () => {
  ledger = await startLedger();
  restaurant = await seedRestaurant(ledger);
  // In memory (tmpfs) where the machine has one: this suite is about replaying exactly once, not
  // about surviving power loss, and 10,000 fsyncs would measure the disk (the crash suite kills
  // registers writing to a real disk).
  dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'possier-register-'));
}, 60_000);

afterAll(async () => {
  await ledger?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Nothing listens on port 9 (discard) here: every call fails as a dropped network does. */
const UNREACHABLE = 'http://127.0.0.1:9';

describe('an offline register replaying its outbox', () => {
  it('keeps selling while the ledger is unreachable and stores each of 10,000 sales exactly once on reconnect', async () => {
    const { ids } = restaurant;
    const menu = { pizza: ids.pizza, cheese: ids.cheese, cola: ids.cola };
    const online = openRegister({ dataDir, ledgerUrl: ledger.url, token: restaurant.r1Token });
    // The catalog is read from the global log, which a reader sees up to the oldest running
    // transaction: it may take a moment after the menu was written.
    await eventually(async () => {
      await online.sync();
      expect(online.status()).toMatchObject({ online: true, queuedEvents: 0, catalogItems: 3 });
    });
    // The pull brings the names the till shows instead of ids.
    expect(online.status().names).toEqual({
      org: 'Spice Route Hospitality',
      brand: 'Pizza Lane',
      store: 'Bandra',
      register: 'Till 1',
    });
    online.close();

    const offline = openRegister({ dataDir, ledgerUrl: UNREACHABLE });
    const sold = new Set<string>();
    for (let n = 0; n < 10_000; n += 1) {
      for (const event of offline.till.checkout(seededSale('offline-10k', n, menu)).events) sold.add(event.eventId);
    }
    await expect(offline.sync()).rejects.toBeInstanceOf(LedgerUnreachableError);
    expect(offline.status()).toMatchObject({ online: false, queuedEvents: sold.size });
    offline.close();

    const reconnected = openRegister({ dataDir, ledgerUrl: ledger.url });
    const summary = await reconnected.sync();
    expect(summary).toMatchObject({ accepted: sold.size, duplicate: 0, rejected: 0 });
    expect(reconnected.status()).toMatchObject({ online: true, queuedEvents: 0, oldestQueuedAt: null });

    const { rows } = await ledger.store.pool.query<{ event_id: string }>(
      `SELECT event_id FROM events WHERE register_id = $1 AND type <> 'OfflineConflictRecorded'`,
      [ids.r1],
    );
    expect(rows.length).toBe(sold.size);
    expect(new Set(rows.map((row) => row.event_id))).toEqual(sold);
    const orders = await ledger.store.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE register_id = $1 AND type = 'OrderPlaced'`,
      [ids.r1],
    );
    expect(Number(orders.rows[0]?.n)).toBe(10_000);
    reconnected.close();
  }, 300_000);
});
