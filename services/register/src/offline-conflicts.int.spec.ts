import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  AT,
  eventually,
  ok,
  seedRestaurant,
  startLedger,
  startReadSide,
  uuidv7,
  type Ledger,
  type Restaurant,
} from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister, type RegisterAgent } from './register-agent.js';
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

/** A register of store A, synced once online, then cut off from the ledger. */
const offlineRegister = async (registerId: string): Promise<{ register: RegisterAgent; dataDir: string }> => {
  const { ids } = restaurant;
  const token = await ledger.token({
    kind: 'register',
    orgId: ids.org,
    brandId: ids.brand,
    storeId: ids.storeA,
    registerId,
  });
  const dataDir = registerDataDir();
  folders.push(dataDir);
  (await openSyncedRegister(dataDir, ledger.url, token, 3, eventually)).close();
  return { register: openRegister({ dataDir, ledgerUrl: UNREACHABLE }), dataDir };
};

const reconnect = (dataDir: string) => openRegister({ dataDir, ledgerUrl: ledger.url });

const pizzas = (quantity: number) => ({
  orderId: uuidv7(),
  channel: 'takeaway' as const,
  lines: [{ lineId: randomUUID(), itemId: restaurant.ids.pizza, quantity, modifierIds: [] }],
  tenders: [{ paymentId: randomUUID(), kind: 'cash' as const, amountPaise: 500_000 }],
});

describe('what changed while registers were offline', () => {
  it('accepts both registers’ sales of the same stock, lets it go negative and shows the conflict in the stock report', async () => {
    const { ids } = restaurant;
    ok(
      await ledger.command('/v1/stock/adjustments', restaurant.cashierToken, {
        stockItemId: ids.dough,
        storeId: ids.storeA,
        adjustmentId: uuidv7(),
        occurredAt: AT,
        reason: 'count',
        countedQuantity: 1_000,
      }),
    );
    const till1 = await offlineRegister(ids.r1);
    const till2 = await offlineRegister(ids.r2);
    // 750 g of dough each (three pizzas of 250 g), against 1,000 g counted.
    const first = till1.register.till.checkout(pizzas(3));
    const second = till2.register.till.checkout(pizzas(3));
    till1.register.close();
    till2.register.close();

    const one = reconnect(till1.dataDir);
    expect(await one.sync()).toMatchObject({ accepted: first.events.length, rejected: 0, conflicts: 0 });
    one.close();
    const two = reconnect(till2.dataDir);
    expect(await two.sync()).toMatchObject({ accepted: second.events.length, rejected: 0, conflicts: 1 });
    const conflict = two.db.prepare('SELECT event_id, conflict FROM conflicts').get() as {
      event_id: string;
      conflict: string;
    };
    const depletion = second.events.find((event) => event.type === 'StockDepleted');
    expect(conflict.event_id).toBe(depletion?.eventId);
    expect(JSON.parse(conflict.conflict)).toMatchObject({
      kind: 'stock_negative',
      stockItemId: ids.dough,
      onHandAfter: -500,
    });
    expect(two.status()).toMatchObject({ queuedEvents: 0, conflicts: 1 });
    two.close();

    const recorded = await ledger.store.readStream({
      orgId: restaurant.ids.org,
      streamId: `order-${second.placed.orderId}`,
    });
    expect(recorded.map((event) => event.type)).toContain('OfflineConflictRecorded');

    const readSide = await startReadSide(ledger);
    try {
      await readSide.settle();
      const report = ok(await ledger.get(`/v1/reports/stock?storeId=${ids.storeA}`, restaurant.ownerToken)).body;
      expect(report.rows[0]).toMatchObject({ stockItemId: ids.dough, onHand: -500, negative: true });
      expect(report.conflicts).toEqual([
        expect.objectContaining({
          stockItemId: ids.dough,
          orderId: second.placed.orderId,
          registerId: ids.r2,
          onHandAfter: -500,
        }),
      ]);
    } finally {
      await readSide.stop();
    }

    // The answer lost and the batch sent again later, when the conflict would be judged anew (at
    // another time, against stock that moved): every event is a duplicate, the first record stands.
    ok(
      await ledger.command('/v1/stock/adjustments', restaurant.cashierToken, {
        stockItemId: ids.dough,
        storeId: ids.storeA,
        adjustmentId: uuidv7(),
        occurredAt: AT,
        reason: 'receipt',
        quantity: 100,
      }),
    );
    const r2Token = await ledger.token({
      kind: 'register',
      orgId: ids.org,
      brandId: ids.brand,
      storeId: ids.storeA,
      registerId: ids.r2,
    });
    const again = ok(
      await ledger.post(`/v1/registers/${ids.r2}/replay`, r2Token, {
        registerId: ids.r2,
        batchId: uuidv7(),
        events: second.events,
      }),
    );
    expect(again.body.verdicts.map((verdict: { verdict: string }) => verdict.verdict)).toEqual(
      second.events.map(() => 'duplicate'),
    );
    expect(
      await ledger.store.readStream({ orgId: restaurant.ids.org, streamId: `order-${second.placed.orderId}` }),
    ).toEqual(recorded);
  }, 120_000);

  it('records a sale made at a price changed while offline as accepted with a price conflict', async () => {
    const { ids } = restaurant;
    const till = await offlineRegister(ids.r1);
    const sale = till.register.till.checkout({
      ...pizzas(1),
      lines: [{ lineId: randomUUID(), itemId: ids.cola, quantity: 2, modifierIds: [] }],
    });
    till.register.close();
    ok(
      await ledger.command(`/v1/items/${ids.cola}/price`, restaurant.ownerToken, {
        itemId: ids.cola,
        unitPricePaise: 7_000,
        priceIncludesTax: true,
        effectiveFrom: AT,
      }),
    );

    const back = reconnect(till.dataDir);
    const summary = await back.sync();
    expect(summary).toMatchObject({ accepted: sale.events.length, rejected: 0, conflicts: 1 });
    const stored = await ledger.store.readStream({
      orgId: restaurant.ids.org,
      streamId: `order-${sale.placed.orderId}`,
    });
    const placed = stored.find((event) => event.type === 'OrderPlaced');
    expect(placed?.data).toMatchObject({ lines: [expect.objectContaining({ unitPricePaise: 6_000 })] });
    const recorded = stored.find((event) => event.type === 'OfflineConflictRecorded');
    expect(recorded?.data).toMatchObject({
      conflicts: [{ kind: 'price_changed', path: 'data.lines.0.unitPricePaise', recorded: 6_000, current: 7_000 }],
    });
    // The next pull brings the new price, so the register's next sale charges it.
    expect(back.db.prepare('SELECT entry FROM catalog WHERE item_id = ?').get(ids.cola)).toMatchObject({
      entry: expect.stringContaining('"unitPricePaise":7000'),
    });
    back.close();
  }, 120_000);

  it('rejects events a register stamped with another store, stores none of them, and keeps them for a manager', async () => {
    const { ids } = restaurant;
    const till = await offlineRegister(ids.r1);
    const sale = till.register.till.checkout(pizzas(1));
    // Tamper with the outbox as a compromised till would: the same events, claimed for store B.
    for (const event of sale.events) {
      till.register.db
        .prepare('UPDATE outbox SET envelope = ? WHERE event_id = ?')
        .run(JSON.stringify({ ...event, storeId: ids.storeB }), event.eventId);
    }
    till.register.close();

    const back = reconnect(till.dataDir);
    expect(await back.sync()).toMatchObject({ accepted: 0, rejected: sale.events.length });
    const { rows } = await ledger.store.pool.query('SELECT 1 FROM events WHERE event_id = ANY($1::uuid[])', [
      sale.events.map((event) => event.eventId),
    ]);
    expect(rows).toEqual([]);
    const rejected = back.db.prepare('SELECT event_id, error FROM rejected').all() as Array<{ error: string }>;
    expect(rejected).toHaveLength(sale.events.length);
    expect(JSON.parse(rejected[0]?.error as string)).toMatchObject({ code: 'AUTH.FORBIDDEN', path: 'storeId' });
    expect(back.status()).toMatchObject({ queuedEvents: 0, rejectedEvents: sale.events.length });
    back.close();
  }, 120_000);
});
