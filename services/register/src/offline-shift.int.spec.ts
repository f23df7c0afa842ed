import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, seedRestaurant, startLedger, type Ledger, type Restaurant } from '@possier/ledger/testing';
import type { ShiftClosed } from '@possier/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister } from './register-agent.js';
import { seededSale } from './testing/sales.js';

let ledger: Ledger;
let restaurant: Restaurant;
let dataDir: string;

beforeAll(async () => {
  ledger = await startLedger();
  restaurant = await seedRestaurant(ledger);
  dataDir = mkdtempSync(join(tmpdir(), 'possier-register-shift-'));
}, 60_000);

afterAll(async () => {
  await ledger?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Nothing listens on port 9 (discard) here: every call fails as a dropped network does. */
const UNREACHABLE = 'http://127.0.0.1:9';

describe('a shift worked offline', () => {
  it('closes on the till and on the ledger with the same takings, each summed by the one drawer workflow', async () => {
    const { ids } = restaurant;
    const menu = { pizza: ids.pizza, cheese: ids.cheese, cola: ids.cola };
    const online = openRegister({ dataDir, ledgerUrl: ledger.url, token: restaurant.r1Token });
    await eventually(async () => {
      await online.sync();
      expect(online.status()).toMatchObject({ online: true, catalogItems: 3 });
    });
    online.close();

    const offline = openRegister({ dataDir, ledgerUrl: UNREACHABLE });
    const shiftId = randomUUID();
    offline.till.openShift(shiftId, 100_000, ids.cashierA);
    const sales = [0, 1, 2].map((n) => offline.till.checkout({ ...seededSale('offline-shift', n, menu), shiftId }));
    offline.till.voidOrder(sales[1]?.placed.orderId as string, 'rung up twice');
    const tillClose = offline.till.closeShift(shiftId, 150_000, ids.cashierA).events[0]?.data as ShiftClosed['data'];
    // Each sale tendered ₹5,000 in cash (a split one a card too) and gave change; the voided one counts for nothing.
    const kept = [sales[0], sales[2]].map((sale) => sale?.placed);
    expect(tillClose.cashTakings).toEqual({
      cashSalesPaise: 2 * 500_000,
      changeGivenPaise: kept.reduce((sum, placed) => sum + (placed?.changePaise ?? 0), 0),
      cashRefundsPaise: 0,
    });
    offline.close();

    const reconnected = openRegister({ dataDir, ledgerUrl: ledger.url });
    const summary = await reconnected.sync();
    expect(summary).toMatchObject({ rejected: 0, conflicts: 0 });
    reconnected.close();

    const stored = await ledger.store.readStream({ orgId: ids.org, streamId: `shift-${shiftId}` });
    expect(stored.map((event) => event.type)).toEqual([
      'ShiftOpened',
      'DrawerCashRecorded',
      'DrawerCashRecorded',
      'DrawerCashRecorded',
      'DrawerCashRecorded',
      'ShiftClosed',
    ]);
    const ledgerClose = stored.at(-1)?.data as ShiftClosed['data'];
    expect(ledgerClose).toEqual(tillClose);
  }, 120_000);
});
