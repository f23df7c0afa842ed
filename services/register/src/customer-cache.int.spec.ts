import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventually, ok, seedRestaurant, startLedger, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStoreFiles, openLocalStore } from './local-store.js';
import { openRegister } from './register-agent.js';
import { openSyncedRegister, registerDataDir, UNREACHABLE } from './testing/open-test-register.js';

/*
 * A till's customer cache must let a cashier find a customer by a typed phone offline without
 * the till holding the org's customers' phones or full names: whoever copies its files reads
 * neither.
 */

const NAME = 'Farida Khan';
const PHONE = '+919123456789';
const IN_CLEAR = [PHONE, '9123456789', '91234 56789', '91234', 'Khan'];

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

/** Every byte SQLite keeps for the database: the file and, while it is open, its WAL and shared memory. */
const bytesOf = (database: string): Buffer =>
  Buffer.concat(localStoreFiles(database).flatMap((file) => (existsSync(file) ? [readFileSync(file)] : [])));

const newDataDir = () => {
  const dataDir = registerDataDir();
  folders.push(dataDir);
  return dataDir;
};

describe('the customer cache of a till', () => {
  it('holds no phone and no full name, and still finds the customer by a phone typed offline', async () => {
    const { ids } = restaurant;
    const customerId = randomUUID();
    ok(
      await ledger.command('/v1/customers', restaurant.ownerToken, {
        customerId,
        name: NAME,
        phone: '+91 91234 56789',
        consent: { marketing: false, loyalty: true },
      }),
    );
    const token = await ledger.token({
      kind: 'register',
      orgId: ids.org,
      brandId: ids.brand,
      storeId: ids.storeA,
      registerId: ids.r1,
    });
    const dataDir = newDataDir();
    const database = join(dataDir, 'register.sqlite');
    const online = await openSyncedRegister(dataDir, ledger.url, token, 3, eventually);
    await eventually(async () => {
      await online.sync();
      expect(online.till.findCustomer(PHONE)?.customerId).toBe(customerId);
    });
    const rows = JSON.stringify(online.db.prepare('SELECT * FROM customers').all());
    const whileOpen = bytesOf(database);
    online.close();
    const afterClose = bytesOf(database);

    for (const fragment of IN_CLEAR) {
      expect(rows, `rows hold ${fragment}`).not.toContain(fragment);
      expect(whileOpen.includes(fragment), `files of an open till hold ${fragment}`).toBe(false);
      expect(afterClose.includes(fragment), `files of a closed till hold ${fragment}`).toBe(false);
    }

    const offline = openRegister({ dataDir, ledgerUrl: UNREACHABLE });
    expect(offline.till.findCustomer('091234-56789')).toEqual({
      customerId,
      displayName: 'Farida K.',
      phone: PHONE,
      loyaltyPoints: 0,
    });
    expect(offline.till.findCustomer('91234 56780')).toBeUndefined();
    offline.close();
  }, 60_000);

  it('of a till set up before: phones and names kept in clear are gone from its files once it is opened', () => {
    const dataDir = newDataDir();
    const database = join(dataDir, 'register.sqlite');
    // The schema a till had before the cache dropped phones (user_version 12), only as far as it matters here.
    const old = new Database(database);
    old.pragma('journal_mode = WAL');
    old.exec(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    old.exec(`CREATE TABLE customers (customer_id TEXT PRIMARY KEY, phone TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                loyalty_points INTEGER NOT NULL DEFAULT 0)`);
    const insert = old.prepare('INSERT INTO customers (customer_id, phone, name) VALUES (?, ?, ?)');
    for (let index = 0; index < 200; index += 1)
      insert.run(randomUUID(), `+9191234${String(index).padStart(5, '0')}`, `${NAME} ${index}`);
    old.pragma('user_version = 12');
    old.close();
    expect(bytesOf(database).includes(PHONE.slice(0, 8))).toBe(true);

    const migrated = openLocalStore(database);
    expect(migrated.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
    const columns = (migrated.prepare('PRAGMA table_info(customers)').all() as Array<{ name: string }>).map(
      (column) => column.name,
    );
    expect(columns).toEqual(['customer_id', 'phone_digest', 'display_name', 'loyalty_points']);
    const whileOpen = bytesOf(database);
    migrated.close();
    for (const fragment of [PHONE.slice(0, 8), '91234', 'Khan']) {
      expect(whileOpen.includes(fragment), `files of an open till hold ${fragment}`).toBe(false);
      expect(bytesOf(database).includes(fragment), `files of a closed till hold ${fragment}`).toBe(false);
    }
  });
});
