import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, seedRestaurant, startLedger, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister } from '../register-agent.js';
import { registerCommand } from './index.js';

let ledger: Ledger;
let restaurant: Restaurant;
let dataDir: string;

beforeAll(async () => {
  ledger = await startLedger();
  restaurant = await seedRestaurant(ledger);
  dataDir = mkdtempSync(join(tmpdir(), 'possier-till-commands-'));
}, 60_000);

afterAll(async () => {
  await ledger?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `possier register <args>` in this process, as the command line would, and returns what it printed. */
const till = async (...args: string[]): Promise<string> => {
  let printed = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    printed += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    await registerCommand()
      .exitOverride()
      .parseAsync([...args, '--data', dataDir], { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  return printed;
};

/** Nothing listens on port 9 (discard) here: every call fails as a dropped network does. */
const UNREACHABLE = 'http://127.0.0.1:9';

const setLedgerUrl = (url: string) => {
  const register = openRegister({ dataDir, ledgerUrl: url });
  register.close();
};

describe('the till’s commands besides selling', () => {
  it('open a shift, move cash, void a sale and close the shift offline, and the ledger stores them on reconnect', async () => {
    const { ids } = restaurant;
    await till('init', '--url', ledger.url, '--token', restaurant.r1Token);
    setLedgerUrl(UNREACHABLE);

    const opened = await till('shift', 'open', '--float', '1000', '--by', ids.cashierA);
    const shiftId = /shift (\S+) open, float ₹1,000\.00/.exec(opened)?.[1];
    expect(shiftId, opened).toBeDefined();
    expect(opened).toContain('offline:');
    const sold = await till('sell', '--item', 'Margherita:1', '--cash', '500');
    const orderId = /order (\S+):/.exec(sold)?.[1] as string;
    expect(orderId, sold).toBeDefined();
    expect(await till('cash', 'in', '200', '--reason', 'change from the bank')).toContain(
      `cash in ₹200.00 on shift ${shiftId}`,
    );
    expect(await till('cash', 'out', '50', '--reason', 'milk for the kitchen')).toContain('cash out ₹50.00');
    expect(await till('void', orderId, '--reason', 'keyed twice')).toContain(`order ${orderId} voided`);
    const closed = await till('shift', 'close', '--counted', '1150', '--by', ids.cashierA);
    // Float 1,000 + 200 in − 50 out; the voided sale's cash went back: 1,150 expected.
    expect(closed).toMatch(/expected +₹1,150\.00\n {2}counted +₹1,150\.00\n {2}exact +₹0\.00/);
    await expect(till('cash', 'in', '10', '--reason', 'late')).rejects.toThrow(/--shift: no shift is open/);

    setLedgerUrl(ledger.url);
    expect(await till('sync')).toMatch(/synced: \d+ accepted, 0 already stored, 0 rejected, 0 conflicts; 0 queued/);
    await eventually(async () => {
      const stored = await ledger.store.readStream({ orgId: ids.org, streamId: `shift-${shiftId}` });
      expect(stored.map((event) => event.type)).toEqual(
        expect.arrayContaining(['ShiftOpened', 'CashMoved', 'CashMoved', 'ShiftClosed']),
      );
      const order = await ledger.store.readStream({ orgId: ids.org, streamId: `order-${orderId}` });
      expect(order.map((event) => event.type)).toContain('OrderVoided');
    });
  });
});
