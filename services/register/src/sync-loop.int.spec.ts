import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { eventually, seedRestaurant, startLedger, uuidv7, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister } from './register-agent.js';
import { networkCut } from './testing/network-cut.js';
import { openSyncedRegister, registerDataDir } from './testing/open-test-register.js';

let ledger: Ledger;
let restaurant: Restaurant;
let dataDir: string;

beforeAll(async () => {
  ledger = await startLedger();
  restaurant = await seedRestaurant(ledger);
  dataDir = registerDataDir();
}, 60_000);

afterAll(async () => {
  await ledger?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the register’s sync loop', () => {
  it('keeps retrying while the network is down and drains the outbox by itself once it is back', async () => {
    const { ids } = restaurant;
    const network = await networkCut({ host: '127.0.0.1', port: Number(new URL(ledger.url).port) });
    (await openSyncedRegister(dataDir, network.url(), restaurant.r1Token, 3, eventually)).close();
    const register = openRegister({ dataDir });
    const stop = new AbortController();
    try {
      await network.cut();
      const sales = Array.from({ length: 3 }, () =>
        register.till.checkout({
          orderId: uuidv7(),
          channel: 'takeaway',
          lines: [{ lineId: randomUUID(), itemId: ids.cola, quantity: 1, modifierIds: [] }],
          tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 10_000 }],
        }),
      );
      const queued = sales.reduce((sum, sale) => sum + sale.events.length, 0);
      const loop = register.runSyncLoop({ signal: stop.signal, intervalMs: 100, maxBackoffMs: 400 });
      await eventually(async () => expect(register.status()).toMatchObject({ online: false, queuedEvents: queued }));

      await network.restore();
      await eventually(async () => expect(register.status()).toMatchObject({ online: true, queuedEvents: 0 }));
      stop.abort();
      await loop;
      const { rows } = await ledger.store.pool.query('SELECT 1 FROM events WHERE event_id = ANY($1::uuid[])', [
        sales.flatMap((sale) => sale.events.map((event) => event.eventId)),
      ]);
      expect(rows).toHaveLength(queued);
    } finally {
      stop.abort();
      register.close();
      await network.close();
    }
  }, 120_000);
});
