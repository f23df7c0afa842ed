import { randomUUID } from 'node:crypto';
import { FloorReport, SalesReport } from '@possier/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, uuidv7, type Ledger } from '../testing/ledger-harness.js';
import { eventually, startReadSide, type ReadSide } from '../testing/read-side.js';
import { ok, seedRestaurant, type Restaurant } from '../testing/seed.js';

let ledger: Ledger;
let shop: Restaurant;
let readSide: ReadSide;

const DINNER = '2026-11-24T20:00:00+05:30';
const LATE = '2026-11-24T22:30:00+05:30';
const DAY = { from: '2026-11-24', to: '2026-11-24' };

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
  readSide = await startReadSide(ledger, ['stores', 'tenancy', 'orders', 'sales_by_hour', 'tabs']);
}, 60_000);

afterAll(async () => {
  await readSide?.stop();
  await ledger?.close();
});

/** A tab command, timed as the till sent it. */
const onTab = (path: string, token: string, data: Record<string, unknown>, occurredAt = DINNER) =>
  ledger.post(path, token, { commandId: uuidv7(), occurredAt, data });

const report = async <Report>(name: string, schema: { parse(value: unknown): Report }): Promise<Report> => {
  const query = new URLSearchParams({ ...DAY, storeId: shop.ids.storeA });
  const response = await ledger.get(`/v1/reports/${name}?${query.toString()}`, shop.ownerToken);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return schema.parse(response.body);
};

describe('a dinner on a running tab, over HTTP', () => {
  const tab = uuidv7();
  const pizzas = randomUUID();
  const colas = randomUUID();
  let payable = 0;

  it('opens the tab and fires two kitchen tickets from the till', async () => {
    ok(await onTab('/v1/tabs', shop.r1Token, { orderId: tab, storeId: shop.ids.storeA, table: 'T4', covers: 3 }));
    ok(
      await onTab(`/v1/tabs/${tab}/rounds`, shop.r1Token, {
        orderId: tab,
        roundId: randomUUID(),
        lines: [{ lineId: pizzas, itemId: shop.ids.pizza, quantity: 2, modifierIds: [shop.ids.cheese] }],
      }),
    );
    ok(
      await onTab(`/v1/tabs/${tab}/rounds`, shop.r1Token, {
        orderId: tab,
        roundId: randomUUID(),
        station: 'bar',
        lines: [{ lineId: colas, itemId: shop.ids.cola, quantity: 2 }],
      }),
    );
  });

  it('takes a line off after the bill only on a manager’s authority', async () => {
    ok(await onTab(`/v1/tabs/${tab}/bills`, shop.r1Token, { orderId: tab }));
    const cancel = { orderId: tab, lineId: colas, quantity: 1, reason: 'flat' };
    const refused = await onTab(`/v1/tabs/${tab}/cancellations`, shop.cashierToken, cancel);
    expect(refused.status).toBe(403);
    ok(await onTab(`/v1/tabs/${tab}/cancellations`, shop.ownerToken, cancel));
    const bill = ok(await onTab(`/v1/tabs/${tab}/bills`, shop.r1Token, { orderId: tab }));
    const stored = await ledger.store.readStream({ orgId: shop.ids.org, streamId: `order-${tab}` });
    const printed = stored.filter((event) => event.type === 'BillPrinted').at(-1);
    payable = (printed?.data as { totals: { payablePaise: number } }).totals.payablePaise;
    expect(bill.status).toBe(200);
  });

  it('splits the bill in two and places the order when the second part is paid', async () => {
    ok(await onTab(`/v1/tabs/${tab}/split`, shop.r1Token, { orderId: tab, split: { method: 'equal', parts: 2 } }));
    const first = Math.ceil(payable / 2);
    ok(
      await onTab(`/v1/tabs/${tab}/settlements`, shop.r1Token, {
        orderId: tab,
        part: 1,
        tenders: [{ paymentId: randomUUID(), kind: 'card', amountPaise: first }],
      }),
    );
    const short = await onTab(`/v1/tabs/${tab}/settlements`, shop.r1Token, {
      orderId: tab,
      part: 2,
      tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 100 }],
    });
    expect(short.status).toBe(422);
    ok(
      await onTab(`/v1/tabs/${tab}/settlements`, shop.r1Token, {
        orderId: tab,
        part: 2,
        tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 100_000 }],
      }),
    );
    const stored = await ledger.store.readStream({ orgId: shop.ids.org, streamId: `order-${tab}` });
    expect(stored.filter((event) => event.type === 'OrderPlaced')).toHaveLength(1);
    expect(stored.filter((event) => event.type === 'PaymentTendered')).toHaveLength(2);
  });

  it('reports the tab on the floor, a tab left open, and reversals by staff and reason; the sale counts as any order', async () => {
    const other = uuidv7();
    ok(
      await onTab(
        '/v1/tabs',
        shop.r1Token,
        { orderId: other, storeId: shop.ids.storeA, name: 'Mehta', covers: 2 },
        LATE,
      ),
    );
    const quick = uuidv7();
    ok(
      await ledger.command('/v1/orders', shop.r1Token, {
        orderId: quick,
        storeId: shop.ids.storeA,
        channel: 'takeaway',
        lines: [{ lineId: randomUUID(), itemId: shop.ids.cola, quantity: 1 }],
        tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 6_000 }],
      }),
    );
    ok(await ledger.command(`/v1/orders/${quick}/void`, shop.ownerToken, { orderId: quick, reason: 'keyed twice' }));

    await readSide.settle();
    await eventually(async () => {
      const floor = await report('floor', FloorReport);
      expect(floor.totals).toMatchObject({
        tabsOpened: 2,
        tabsSettled: 1,
        tabsClosedEmpty: 0,
        covers: 3,
        payablePaise: payable,
        averageBillPaise: payable,
        tickets: 2,
        bills: 2,
        reprints: 0,
      });
      expect(floor.tables).toEqual([
        { storeId: shop.ids.storeA, table: 'T4', tabs: 1, covers: 3, payablePaise: payable, averageBillPaise: payable },
      ]);
      expect(floor.leftOpen.map((row) => [row.orderId, row.name, row.status])).toEqual([[other, 'Mehta', 'open']]);
      expect(
        floor.reversals.map((row) => [
          row.kind,
          row.staffName,
          row.reason,
          row.afterBill,
          row.quantity,
          row.amountPaise,
        ]),
      ).toEqual([
        ['cancellation', 'Asha Rao', 'flat', true, 1, 6_000],
        ['void', 'Asha Rao', 'keyed twice', false, 1, 6_000],
      ]);
    });
    const sales = await report('sales', SalesReport);
    expect(sales.rows[0]).toMatchObject({ orders: 2, payablePaise: payable + 6_000, voidedPaise: 6_000 });
  });
});
