import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
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

/*
 * A sale synced; the till went offline and reversed it; meanwhile the manager reversed it on the
 * web. On reconnect each reversal is judged against every reversal already stored: what is left
 * is reversed once, the rest is a recorded conflict, and the sale's reversals never exceed it.
 */

let ledger: Ledger;
let shop: Restaurant;
const folders: string[] = [];

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

type Till = { register: RegisterAgent; dataDir: string };

/** Till 1 sells one order online (synced), then loses its link. */
const soldThenOffline = async (): Promise<Till & { orderId: string; lineIds: { pizza: string; cola: string } }> => {
  const dataDir = registerDataDir();
  folders.push(dataDir);
  const online = await openSyncedRegister(dataDir, ledger.url, shop.r1Token, 3, eventually);
  const orderId = uuidv7();
  const lineIds = { pizza: randomUUID(), cola: randomUUID() };
  online.till.checkout({
    orderId,
    channel: 'takeaway',
    lines: [
      { lineId: lineIds.pizza, itemId: shop.ids.pizza, quantity: 2, modifierIds: [] },
      { lineId: lineIds.cola, itemId: shop.ids.cola, quantity: 1, modifierIds: [] },
    ],
    tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 200_000 }],
  });
  expect(await online.sync()).toMatchObject({ rejected: 0 });
  online.close();
  return { register: openRegister({ dataDir, ledgerUrl: UNREACHABLE }), dataDir, orderId, lineIds };
};

const reconnect = (till: Till): RegisterAgent => {
  till.register.close();
  return openRegister({ dataDir: till.dataDir, ledgerUrl: ledger.url });
};

const orderEvents = (orderId: string) => ledger.store.readStream({ orgId: shop.ids.org, streamId: `order-${orderId}` });

/** What the order's stored reversals give back, and what it took. */
const reversalsOf = async (orderId: string) => {
  const events = await orderEvents(orderId);
  const payable = (events.find((event) => event.type === 'OrderPlaced')?.data as { totals: { payablePaise: number } })
    .totals.payablePaise;
  const reversed = events.reduce((sum, event) => {
    if (event.type === 'OrderVoided') return sum + (event.data as { reversedPaise: number }).reversedPaise;
    if (event.type === 'OrderRefunded') return sum + (event.data as { refundPaise: number }).refundPaise;
    return sum;
  }, 0);
  return { payable, reversed, types: events.map((event) => event.type) };
};

const refundOnline = (orderId: string, data: Record<string, unknown>) =>
  ledger.command(`/v1/orders/${orderId}/refunds`, shop.ownerToken, {
    orderId,
    refundId: uuidv7(),
    reason: 'guest complained',
    tender: { kind: 'cash' },
    ...data,
  });

describe('reversals of one sale from a till offline and the web', () => {
  it('an offline void of a sale the manager refunded in full reverses nothing, and says so', async () => {
    const till = await soldThenOffline();
    till.register.till.voidOrder(till.orderId, 'keyed twice');
    ok(await refundOnline(till.orderId, { scope: 'full' }));

    const back = reconnect(till);
    const summary = await back.sync();
    expect(summary).toMatchObject({ rejected: 0, conflicts: 1 });
    expect(back.lastVerdicts().conflicts).toEqual([
      {
        eventId: expect.any(String),
        kind: 'already_reversed',
        detail: expect.stringMatching(/^the order was already refunded ₹[\d,.]+ in full; this void reversed nothing$/),
      },
    ]);
    back.close();
    const { payable, reversed, types } = await reversalsOf(till.orderId);
    expect(reversed).toBe(payable);
    expect(types).not.toContain('OrderVoided');
    expect(types.filter((type) => type === 'OfflineConflictRecorded')).toHaveLength(1);
  });

  it('an offline void of a sale the manager voided too is stored once', async () => {
    const till = await soldThenOffline();
    till.register.till.voidOrder(till.orderId, 'keyed twice');
    ok(
      await ledger.command(`/v1/orders/${till.orderId}/void`, shop.ownerToken, {
        orderId: till.orderId,
        reason: 'no show',
      }),
    );

    const back = reconnect(till);
    const queued = back.db.prepare('SELECT envelope FROM outbox ORDER BY seq').all() as Array<{ envelope: string }>;
    await back.sync();
    expect(back.lastVerdicts().conflicts.map((found) => found.detail)).toEqual([
      'the order was already voided; this void reversed nothing',
    ]);
    back.close();
    // Sent again, as after a lost answer: a duplicate, nothing more stored.
    const again = await ledger.post(`/v1/registers/${shop.ids.r1}/replay`, shop.r1Token, {
      registerId: shop.ids.r1,
      batchId: uuidv7(),
      events: queued.map((row) => JSON.parse(row.envelope) as unknown),
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.verdicts.map((verdict: { verdict: string }) => verdict.verdict)).toEqual(['duplicate']);
    const { payable, reversed, types } = await reversalsOf(till.orderId);
    expect(reversed).toBe(payable);
    expect(types.filter((type) => type === 'OrderVoided')).toHaveLength(1);
  });

  it('an offline void of a sale refunded in part online refunds what is left', async () => {
    const till = await soldThenOffline();
    till.register.till.voidOrder(till.orderId, 'wrong order');
    ok(await refundOnline(till.orderId, { scope: 'lines', lines: [{ lineId: till.lineIds.cola, quantity: 1 }] }));

    const back = reconnect(till);
    await back.sync();
    expect(back.lastVerdicts().conflicts.map((found) => found.detail)).toEqual([
      expect.stringMatching(/already refunded ₹[\d,.]+; this void refunded the ₹[\d,.]+ left/),
    ]);
    back.close();
    const { payable, reversed, types } = await reversalsOf(till.orderId);
    expect(reversed).toBe(payable);
    expect(types.filter((type) => type === 'OrderRefunded')).toHaveLength(2);
    expect(types).not.toContain('OrderVoided');
  });

  it('an offline refund replays like a void, cut to what the web left of the line', async () => {
    const till = await soldThenOffline();
    till.register.till.refundOrder({
      orderId: till.orderId,
      scope: 'lines',
      lines: [{ lineId: till.lineIds.pizza, quantity: 2 }],
      reason: 'burnt',
      tender: { kind: 'cash' },
    });
    ok(await refundOnline(till.orderId, { scope: 'lines', lines: [{ lineId: till.lineIds.pizza, quantity: 1 }] }));

    const back = reconnect(till);
    expect(await back.sync()).toMatchObject({ rejected: 0, conflicts: 1 });
    expect(back.lastVerdicts().conflicts[0]?.detail).toMatch(/only the ₹[\d,.]+ left was refunded/);
    back.close();
    const events = await orderEvents(till.orderId);
    const pizzasRefunded = events
      .filter((event) => event.type === 'OrderRefunded')
      .flatMap((event) => (event.data as { lines: Array<{ lineId: string; quantity: number }> }).lines)
      .filter((line) => line.lineId === till.lineIds.pizza)
      .reduce((sum, line) => sum + line.quantity, 0);
    expect(pizzasRefunded).toBe(2);
  });

  it('lists every reversal conflict in the conflicts report, newest first, in words', async () => {
    const readSide = await startReadSide(ledger);
    try {
      await readSide.settle();
      const report = ok(await ledger.get('/v1/reports/conflicts?kind=already_reversed', shop.ownerToken)).body;
      expect(report.byKind).toEqual([{ kind: 'already_reversed', conflicts: 4 }]);
      expect(report.rows.map((row: { detail: string }) => row.detail)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/in full; this void reversed nothing$/),
          'the order was already voided; this void reversed nothing',
          expect.stringMatching(/this void refunded the ₹[\d,.]+ left$/),
          expect.stringMatching(/only the ₹[\d,.]+ left was refunded$/),
        ]),
      );
      expect(report.rows[0]).toMatchObject({
        storeId: shop.ids.storeA,
        registerId: shop.ids.r1,
        kind: 'already_reversed',
      });
    } finally {
      await readSide.stop();
    }
  });

  it('an offline refund with nothing reversed elsewhere is stored as the till decided it', async () => {
    const till = await soldThenOffline();
    const { events } = till.register.till.refundOrder({
      orderId: till.orderId,
      scope: 'full',
      reason: 'burnt',
      tender: { kind: 'cash' },
    });
    const back = reconnect(till);
    expect(await back.sync()).toMatchObject({ accepted: events.length, rejected: 0, conflicts: 0 });
    back.close();
    const stored = (await orderEvents(till.orderId)).find((event) => event.type === 'OrderRefunded');
    expect(stored?.eventId).toBe(events[0]?.eventId);
    expect(stored?.data).toEqual(events[0]?.data);
  });
});
