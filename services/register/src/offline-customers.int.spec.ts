import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  eventually,
  ok,
  seedRestaurant,
  startLedger,
  uuidv7,
  type Ledger,
  type Restaurant,
} from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister } from './register-agent.js';
import { SaleRefusedError } from './register.js';
import { openSyncedRegister, registerDataDir, UNREACHABLE } from './testing/open-test-register.js';

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

const enrol = async (customerId: string, name: string, phone: string) =>
  ok(
    await ledger.command('/v1/customers', restaurant.ownerToken, {
      customerId,
      name,
      phone,
      consent: { marketing: false, loyalty: true },
    }),
  );

const cola = (customerId?: string) => ({
  orderId: uuidv7(),
  channel: 'takeaway' as const,
  lines: [{ lineId: randomUUID(), itemId: restaurant.ids.cola, quantity: 1, modifierIds: [] }],
  tenders: [{ paymentId: randomUUID(), kind: 'cash' as const, amountPaise: 10_000 }],
  ...(customerId === undefined ? {} : { customerId }),
});

describe('customers on an offline register', () => {
  it('finds a customer by phone from its cache, sells to them offline, and the ledger keeps the sale with the customer', async () => {
    const { ids } = restaurant;
    const regular = randomUUID();
    const leaving = randomUUID();
    await enrol(regular, 'Farida Khan', '+91 91234 56789');
    await enrol(leaving, 'Joseph Dsouza', '80123 45678');
    const token = await ledger.token({
      kind: 'register',
      orgId: ids.org,
      brandId: ids.brand,
      storeId: ids.storeA,
      registerId: ids.r1,
    });
    const dataDir = registerDataDir();
    folders.push(dataDir);
    (await openSyncedRegister(dataDir, ledger.url, token, 3, eventually)).close();

    const offline = openRegister({ dataDir, ledgerUrl: UNREACHABLE });
    expect(offline.till.findCustomer('091234-56789')).toEqual({
      customerId: regular,
      displayName: 'Farida K.',
      phone: '+919123456789',
      loyaltyPoints: 0,
    });
    expect(offline.till.findCustomer('90000 00000')).toBeUndefined();
    const found = offline.till.findCustomer('9123456789');
    const sale = offline.till.checkout(cola(found?.customerId));
    expect(sale.placed.customerId).toBe(regular);
    // One the till never pulled cannot be attached, offline or not: the same decider refuses it.
    expect(() => offline.till.checkout(cola(randomUUID()))).toThrow(SaleRefusedError);
    offline.close();

    ok(await ledger.command(`/v1/customers/${leaving}/forget`, restaurant.ownerToken, { customerId: leaving }));
    const online = openRegister({ dataDir, ledgerUrl: ledger.url });
    expect(await online.sync()).toMatchObject({ accepted: sale.events.length, rejected: 0, conflicts: 0 });
    const { rows } = await ledger.store.pool.query<{ customer: string }>(
      `SELECT data->>'customerId' AS customer FROM events WHERE type = 'OrderPlaced' AND data->>'orderId' = $1`,
      [sale.placed.orderId],
    );
    expect(rows).toEqual([{ customer: regular }]);
    // The erased customer left the till's cache with that pull; the other stayed.
    expect(online.till.findCustomer('80123 45678')).toBeUndefined();
    expect(online.till.findCustomer('+919123456789')?.customerId).toBe(regular);
    online.close();
  });

  it('possier register sell --customer-phone attaches the cached customer, and refuses a phone it does not know', async () => {
    const { ids } = restaurant;
    const customerId = randomUUID();
    await enrol(customerId, 'Latha Nair', '+91 94470 11223');
    const token = await ledger.token({
      kind: 'register',
      orgId: ids.org,
      brandId: ids.brand,
      storeId: ids.storeA,
      registerId: ids.r2,
    });
    const dataDir = registerDataDir();
    folders.push(dataDir);
    (await openSyncedRegister(dataDir, ledger.url, token, 3, eventually)).close();
    const possier = fileURLToPath(new URL('../../cli/bin/possier.js', import.meta.url));
    const sell = (phone: string) =>
      promisify(execFile)(process.execPath, [
        possier,
        'register',
        'sell',
        '--item',
        `${ids.cola}:1`,
        '--cash',
        '100',
        '--customer-phone',
        phone,
        '--data',
        dataDir,
      ]).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const sold = await sell('094470-11223');
    expect(sold.code, sold.stderr).toBe(0);
    expect(sold.stdout).toContain('customer Latha N. (+919447011223)');
    const orderId = /order ([0-9a-f-]{36})/.exec(sold.stdout)?.[1];
    await eventually(async () => {
      const { rows } = await ledger.store.pool.query<{ customer: string }>(
        `SELECT data->>'customerId' AS customer FROM events WHERE type = 'OrderPlaced' AND data->>'orderId' = $1`,
        [orderId],
      );
      expect(rows).toEqual([{ customer: customerId }]);
    });
    const unknown = await sell('90000 12345');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('--customer-phone');
  }, 60_000);
});
