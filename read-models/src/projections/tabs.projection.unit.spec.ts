import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmTabCancellations, rmTabs } from '../tables.js';
import { checkout } from '../testing/commands.js';
import { CASHIER, COLA, MARGHERITA, ORG, STORE, id, storeContext } from '../testing/fixtures.js';
import { fold } from '../testing/fold.js';
import { createTestLedger } from '../testing/ledger.js';
import { tabsProjection } from './tabs.projection.js';

const TAB = id(0x7_0001);
const PIZZA = id(0x7_1001);
const COLAS = id(0x7_1002);
const OPENED = '2026-11-24T21:30:00+05:30';
const FIRED = '2026-11-24T21:40:00+05:30';
const BILLED = '2026-11-24T23:55:00+05:30';
const SETTLED = '2026-11-25T00:40:00+05:30';

const onTab = (ledger: ReturnType<typeof createTestLedger>, command: object, at: string) =>
  ledger.order(TAB, command, at, STORE);

/** A late dinner on T4: two rounds, the bill, a cola taken off after the guests saw it, settled after midnight. */
const lateDinner = () => {
  const ledger = createTestLedger();
  onTab(ledger, { type: 'OpenTab', data: { orderId: TAB, storeId: STORE, table: 'T4', covers: 4 } }, OPENED);
  onTab(
    ledger,
    {
      type: 'FireRound',
      data: { orderId: TAB, roundId: id(0x7_2001), lines: [{ lineId: PIZZA, itemId: MARGHERITA.itemId, quantity: 2 }] },
      context: { catalog: storeContext().catalog },
    },
    FIRED,
  );
  onTab(
    ledger,
    {
      type: 'FireRound',
      data: {
        orderId: TAB,
        roundId: id(0x7_2002),
        station: 'bar',
        lines: [{ lineId: COLAS, itemId: COLA.itemId, quantity: 3 }],
      },
      context: { catalog: storeContext().catalog },
    },
    FIRED,
  );
  onTab(ledger, { type: 'MoveTab', data: { orderId: TAB, table: 'Patio 2' } }, FIRED);
  onTab(ledger, { type: 'PrintBill', data: { orderId: TAB }, context: { store: storeContext().store } }, BILLED);
  onTab(ledger, { type: 'PrintBill', data: { orderId: TAB }, context: { store: storeContext().store } }, BILLED);
  onTab(ledger, { type: 'CancelTabLine', data: { orderId: TAB, lineId: COLAS, quantity: 1, reason: 'flat' } }, BILLED);
  return ledger;
};

const settle = (ledger: ReturnType<typeof createTestLedger>) =>
  onTab(
    ledger,
    {
      type: 'SettleTab',
      data: { orderId: TAB, tenders: [{ paymentId: id(0x7_3001), kind: 'cash', amountPaise: 100_000 }] },
      context: { store: storeContext().store },
    },
    SETTLED,
  );

describe('tabs projection', () => {
  it('keeps a tab open on the date it opened, with its rounds, bills and cancellations', () => {
    const [row] = rowsOf(fold([tabsProjection], lateDinner().events), rmTabs);
    expect(row).toMatchObject({
      org_id: ORG,
      order_id: TAB,
      store_id: STORE,
      table_name: 'Patio 2',
      covers: 4,
      opened_by: CASHIER,
      business_date: '2026-11-24',
      status: 'open',
      rounds: 2,
      bills: 2,
      reprints: 1,
      cancelled_lines: 1,
      cancelled_after_bill: 1,
      cancelled_paise: 6_000,
      payable_paise: 0,
    });
  });

  it('settles the tab at what its order came to, on the evening it began', () => {
    const ledger = lateDinner();
    const sale = settle(ledger);
    const placed = sale.find((event) => event.type === 'OrderPlaced')?.data as { totals: { payablePaise: number } };
    const [row] = rowsOf(fold([tabsProjection], ledger.events), rmTabs);
    expect(row).toMatchObject({
      status: 'settled',
      business_date: '2026-11-24',
      closed_business_date: '2026-11-25',
      payable_paise: placed.totals.payablePaise,
    });
  });

  it('records who took a line off, why, its value, and that the guest had seen the bill', () => {
    expect(rowsOf(fold([tabsProjection], lateDinner().events), rmTabCancellations)).toEqual([
      expect.objectContaining({
        order_id: TAB,
        item_id: COLA.itemId,
        item_name: COLA.name,
        quantity: 1,
        gross_paise: 6_000,
        reason: 'flat',
        after_bill: true,
        actor_id: CASHIER,
        business_date: '2026-11-24',
      }),
    ]);
  });

  it('has no row for a quick-service order', () => {
    const ledger = createTestLedger();
    ledger.order(
      id(0x7_0009),
      checkout(
        id(0x7_0009),
        [{ lineId: id(0x7_1009), itemId: COLA.itemId, quantity: 1 }],
        [{ paymentId: id(0x7_3009), kind: 'cash', amountPaise: 6_000 }],
      ),
      OPENED,
      STORE,
    );
    expect(rowsOf(fold([tabsProjection], ledger.events), rmTabs)).toEqual([]);
  });
});
