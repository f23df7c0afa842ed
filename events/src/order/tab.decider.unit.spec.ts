import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { sumPaise } from '../money.js';
import { COLA, EXTRA_CHEESE, MARGHERITA, MENU, SEASONAL, STORE_STATE } from '../testing/catalog-fixtures.js';
import { spec } from '../testing/decider-spec.js';
import { id, REGISTER, STORE } from '../testing/fixtures.js';
import { checkoutEvents } from './checkout.js';
import { orderDecider, type OrderStreamCommand, type OrderStreamEvent } from './order.decider.js';
import type { OrderPlaced } from './order.events.js';
import type { TabLineRequest } from './tab.commands.js';
import type { BillPrinted, BillSplit } from './tab.events.js';

const TAB = id(0x7a01);
const SHIFT = id(0x3001);
const PIZZA_LINE = id(0x1001);
const COLA_LINE = id(0x1002);
const SECOND_PIZZA = id(0x1003);
const STORE_AT = { store: { storeId: STORE, stateCode: STORE_STATE } };

const open = (): OrderStreamCommand => ({
  type: 'OpenTab',
  data: {
    orderId: TAB,
    storeId: STORE,
    registerId: REGISTER,
    shiftId: SHIFT,
    channel: 'dine_in',
    table: 'T4',
    covers: 3,
  },
});
const fire = (
  roundId: number,
  lines: Array<Partial<TabLineRequest> & Pick<TabLineRequest, 'lineId' | 'itemId'>>,
  catalog = MENU,
): OrderStreamCommand => ({
  type: 'FireRound',
  data: {
    orderId: TAB,
    roundId: id(roundId),
    station: 'kitchen',
    lines: lines.map((line) => ({ quantity: 1, modifierIds: [], ...line })),
  },
  context: { catalog },
});
const cancel = (lineId: string, quantity: number): OrderStreamCommand => ({
  type: 'CancelTabLine',
  data: { orderId: TAB, lineId, quantity, reason: 'guest changed their mind' },
});
const printBill = (terms: Record<string, unknown> = {}): OrderStreamCommand =>
  ({ type: 'PrintBill', data: { orderId: TAB, ...terms }, context: STORE_AT }) as OrderStreamCommand;
const settle = (tenders: Array<{ paymentId: string; kind: 'cash' | 'card'; amountPaise: number }>, part?: number) =>
  ({
    type: 'SettleTab',
    data: { orderId: TAB, tenders: tenders.map((tender) => ({ tipPaise: 0, ...tender })), ...(part ? { part } : {}) },
    context: STORE_AT,
  }) as OrderStreamCommand;

/** Runs commands one after another on one stream, as the ledger would, and returns every event. */
const history = (...commands: OrderStreamCommand[]): OrderStreamEvent[] => {
  const events: OrderStreamEvent[] = [];
  for (const command of commands) {
    const state = events.reduce(orderDecider.evolve, orderDecider.initialState());
    const decision = orderDecider.decide(command, state);
    if (decision instanceof DomainError) throw decision;
    events.push(...decision);
  }
  return events;
};

/** Table 4: two pizzas with cheese for seat 1, three colas for seat 2, fired in two rounds. */
const table4Commands = (): OrderStreamCommand[] => [
  open(),
  fire(0xa1, [
    { lineId: PIZZA_LINE, itemId: MARGHERITA.itemId, quantity: 2, modifierIds: [EXTRA_CHEESE.itemId], seat: 1 },
  ]),
  fire(0xa2, [{ lineId: COLA_LINE, itemId: COLA.itemId, quantity: 3, seat: 2 }]),
];
const table4 = () => history(...table4Commands());
const tableAndBill = (): OrderStreamCommand[] => [...table4Commands(), printBill()];

const payable = (events: OrderStreamEvent[]): number => {
  const bill = events.find((event): event is BillPrinted => event.type === 'BillPrinted');
  if (!bill) throw new Error('no bill printed');
  return bill.data.totals.payablePaise;
};

describe('tab: opening a table', () => {
  it('opens a tab on a table with its covers', () => {
    spec(orderDecider)
      .given([])
      .when(open())
      .then([
        {
          type: 'TabOpened',
          data: {
            orderId: TAB,
            storeId: STORE,
            registerId: REGISTER,
            shiftId: SHIFT,
            channel: 'dine_in',
            table: 'T4',
            covers: 3,
          },
        },
      ]);
  });

  it('refuses a tab with neither a table nor a name', () => {
    spec(orderDecider)
      .given([])
      .when({ type: 'OpenTab', data: { orderId: TAB, storeId: STORE } } as OrderStreamCommand)
      .thenFails('VALIDATION.INVALID', 'data.table');
  });

  it('refuses to open a tab under the id of an order already placed', () => {
    spec(orderDecider).given(table4()).when(open()).thenFails('ORDER.ALREADY_PLACED', 'data.orderId');
  });
});

describe('tab: firing rounds to the kitchen', () => {
  it('numbers each round and records the price of items the tab has not seen', () => {
    const events = table4();
    const rounds = events.filter((event) => event.type === 'RoundFired');
    expect(rounds.map((event) => event.data.round)).toEqual([1, 2]);
    expect(rounds[0]?.data.prices.map((entry) => entry.name)).toEqual(['Margherita', 'Extra cheese']);
    expect(rounds[1]?.data.prices.map((entry) => entry.name)).toEqual(['Cola 300 ml']);
  });

  it('keeps the first price of an item for the rest of the meal', () => {
    const dearer = { ...MENU, [MARGHERITA.itemId]: { ...MARGHERITA, unitPricePaise: 40_000 } };
    const events = history(
      open(),
      fire(0xa1, [{ lineId: PIZZA_LINE, itemId: MARGHERITA.itemId }]),
      fire(0xa2, [{ lineId: SECOND_PIZZA, itemId: MARGHERITA.itemId }], dearer),
      printBill(),
    );
    const bill = events.find((event): event is BillPrinted => event.type === 'BillPrinted');
    expect(bill?.data.lines.map((line) => line.unitPricePaise)).toEqual([32_500, 32_500]);
  });

  it('refuses an item taken off sale, even one already on the tab', () => {
    spec(orderDecider)
      .given(table4())
      .when(fire(0xa3, [{ lineId: SECOND_PIZZA, itemId: SEASONAL.itemId }]))
      .thenFails('ORDER.ITEM_INACTIVE', 'data.lines.0.itemId');
    const offSale = { ...MENU, [MARGHERITA.itemId]: { ...MARGHERITA, active: false } };
    spec(orderDecider)
      .given(table4())
      .when(fire(0xa3, [{ lineId: SECOND_PIZZA, itemId: MARGHERITA.itemId }], offSale))
      .thenFails('ORDER.ITEM_INACTIVE', 'data.lines.0.itemId');
  });

  it('takes a retried round as already on the ticket, and refuses its id for other lines', () => {
    spec(orderDecider)
      .given(table4())
      .when(fire(0xa2, [{ lineId: COLA_LINE, itemId: COLA.itemId, quantity: 3 }]))
      .then([]);
    spec(orderDecider)
      .given(table4())
      .when(fire(0xa2, [{ lineId: SECOND_PIZZA, itemId: MARGHERITA.itemId }]))
      .thenFails('TAB.ROUND_ID_REUSED', 'data.roundId');
  });

  it('refuses a line id already on the tab', () => {
    spec(orderDecider)
      .given(table4())
      .when(fire(0xa3, [{ lineId: PIZZA_LINE, itemId: MARGHERITA.itemId }]))
      .thenFails('ORDER.DUPLICATE_LINE_ID', 'data.lines.0.lineId');
  });
});

describe('tab: cancelling fired lines', () => {
  it('cancels before the bill as an ordinary correction', () => {
    spec(orderDecider)
      .given(table4())
      .when(cancel(COLA_LINE, 1))
      .then([
        {
          type: 'TabLineCancelled',
          data: {
            orderId: TAB,
            lineId: COLA_LINE,
            itemId: COLA.itemId,
            name: 'Cola 300 ml',
            quantity: 1,
            grossPaise: 6_000,
            reason: 'guest changed their mind',
            afterBill: false,
          },
        },
      ]);
  });

  it('marks a cancellation of a line the guest saw on a printed bill', () => {
    spec(orderDecider)
      .given(history(...tableAndBill()))
      .when(cancel(COLA_LINE, 1))
      .thenEvents(([event]) => expect(event).toMatchObject({ type: 'TabLineCancelled', data: { afterBill: true } }));
  });

  it('refuses to cancel more than is left of a line', () => {
    spec(orderDecider)
      .given(table4())
      .when(cancel(COLA_LINE, 4))
      .thenFails('TAB.CANCEL_EXCEEDS_QUANTITY', 'data.quantity');
  });
});

describe('tab: moving and printing the bill', () => {
  it('moves the party to another table, and ignores a move to the table it is at', () => {
    spec(orderDecider)
      .given(table4())
      .when({ type: 'MoveTab', data: { orderId: TAB, table: 'Patio 2' } })
      .then([{ type: 'TabMoved', data: { orderId: TAB, fromTable: 'T4', toTable: 'Patio 2' } }]);
    spec(orderDecider)
      .given(table4())
      .when({ type: 'MoveTab', data: { orderId: TAB, table: 'T4' } })
      .then([]);
  });

  it('numbers each bill and records a reprint of an unchanged one', () => {
    const events = history(...tableAndBill(), printBill(), cancel(COLA_LINE, 1), printBill());
    const bills = events.filter((event): event is BillPrinted => event.type === 'BillPrinted');
    expect(bills.map((bill) => [bill.data.billNumber, bill.data.reprintOf])).toEqual([
      [1, undefined],
      [2, 1],
      [3, undefined],
    ]);
    expect(bills[2]?.data.totals.payablePaise).toBeLessThan(bills[0]?.data.totals.payablePaise ?? 0);
  });

  it('refuses to bill a tab with nothing on it', () => {
    spec(orderDecider).given(history(open())).when(printBill()).thenFails('TAB.NOTHING_TO_BILL');
  });
});

describe('tab: settling', () => {
  it('places the same order a quick-service checkout of the same lines would', () => {
    const billed = history(...tableAndBill());
    const due = payable(billed);
    const tenders = [{ paymentId: id(0x2001), kind: 'cash' as const, amountPaise: due + 5_000 }];
    const settled = spec(orderDecider)
      .given(billed)
      .when(settle(tenders))
      .thenEvents(() => undefined);

    const quickService = checkoutEvents({
      type: 'PlaceOrder',
      data: {
        orderId: TAB,
        storeId: STORE,
        registerId: REGISTER,
        shiftId: SHIFT,
        channel: 'dine_in',
        lines: [
          { lineId: PIZZA_LINE, itemId: MARGHERITA.itemId, quantity: 2, modifierIds: [EXTRA_CHEESE.itemId] },
          { lineId: COLA_LINE, itemId: COLA.itemId, quantity: 3, modifierIds: [] },
        ],
        tenders: tenders.map((tender) => ({ ...tender, tipPaise: 0 })),
      },
      context: { ...STORE_AT, catalog: MENU },
    });
    expect(settled.slice(0, -1)).toEqual(quickService);
    expect(settled.at(-1)).toEqual({
      type: 'TabSettled',
      data: { orderId: TAB, payablePaise: payable(billed) },
    });
  });

  it('charges what is left after cancellations, on the terms of the last bill', () => {
    const rebilled = history(
      ...tableAndBill(),
      cancel(COLA_LINE, 2),
      printBill({ serviceCharge: { basisPoints: 1_000 } }),
    );
    const due = payable(rebilled.slice(-1));
    spec(orderDecider)
      .given(rebilled)
      .when(settle([{ paymentId: id(0x2001), kind: 'card', amountPaise: due }]))
      .thenEvents(([placed]) => {
        const order = placed as OrderPlaced;
        expect(order.data.lines.map((line) => line.quantity)).toEqual([2, 1]);
        expect(order.data.serviceCharge).toEqual({ basisPoints: 1_000 });
        expect(order.data.totals.payablePaise).toBe(due);
      });
  });

  it('refuses every tab step once the order is placed, and voids it as any order', () => {
    const billed = history(...tableAndBill());
    const paid = history(
      ...tableAndBill(),
      settle([{ paymentId: id(0x2001), kind: 'card', amountPaise: payable(billed) }]),
    );
    spec(orderDecider).given(paid).when(cancel(COLA_LINE, 1)).thenFails('TAB.SETTLED', 'data.orderId');
    spec(orderDecider)
      .given(paid)
      .when({ type: 'VoidOrder', data: { orderId: TAB, reason: 'wrong table billed' } })
      .thenEvents(([voided]) => expect(voided?.type).toBe('OrderVoided'));
  });

  it('refuses to void a tab that is still running', () => {
    spec(orderDecider)
      .given(table4())
      .when({ type: 'VoidOrder', data: { orderId: TAB, reason: 'left' } })
      .thenFails('TAB.NOT_SETTLED', 'data.orderId');
  });
});

describe('tab: split bills', () => {
  const split = (request: Record<string, unknown>): OrderStreamCommand =>
    ({ type: 'SplitBill', data: { orderId: TAB, split: request }, context: STORE_AT }) as OrderStreamCommand;
  const partsOf = (events: OrderStreamEvent[]) =>
    events.filter((event): event is BillSplit => event.type === 'BillSplit').at(-1)?.data.parts ?? [];

  it('splits in equal parts that add up to the bill to the paisa', () => {
    const events = history(...tableAndBill(), split({ method: 'equal', parts: 3 }));
    const parts = partsOf(events);
    expect(parts).toHaveLength(3);
    expect(sumPaise(parts.map((part) => part.payablePaise))).toBe(payable(events));
  });

  it('places the order when the last part is paid, with every part’s tenders', () => {
    const commands = [...tableAndBill(), split({ method: 'equal', parts: 2 })];
    const [first, second] = partsOf(history(...commands));
    const events = history(
      ...commands,
      settle([{ paymentId: id(0x2001), kind: 'card', amountPaise: first?.payablePaise ?? 0 }], 1),
    );
    expect(events.at(-1)?.type).toBe('BillPartPaid');
    expect(events.some((event) => event.type === 'OrderPlaced')).toBe(false);

    const done = spec(orderDecider)
      .given(events)
      .when(settle([{ paymentId: id(0x2002), kind: 'cash', amountPaise: (second?.payablePaise ?? 0) + 3_000 }], 2))
      .thenEvents(() => undefined);
    expect(done.map((event) => event.type).slice(0, 4)).toEqual([
      'BillPartPaid',
      'OrderPlaced',
      'PaymentTendered',
      'PaymentTendered',
    ]);
    expect(done.slice(4, -1).every((event) => event.type === 'StockDepleted')).toBe(true);
    expect(done.at(-1)?.type).toBe('TabSettled');
    const placed = done[1] as OrderPlaced;
    expect(placed.data.changePaise).toBe(3_000);
  });

  it('refuses a part paid twice, a part that is not covered, and changes to a tab half paid', () => {
    const commands = [...tableAndBill(), split({ method: 'equal', parts: 2 })];
    const [first] = partsOf(history(...commands));
    const halfPaid = history(
      ...commands,
      settle([{ paymentId: id(0x2001), kind: 'card', amountPaise: first?.payablePaise ?? 0 }], 1),
    );
    spec(orderDecider)
      .given(halfPaid)
      .when(settle([{ paymentId: id(0x2003), kind: 'card', amountPaise: first?.payablePaise ?? 0 }], 1))
      .thenFails('TAB.PART_ALREADY_PAID', 'data.part');
    spec(orderDecider)
      .given(halfPaid)
      .when(settle([{ paymentId: id(0x2003), kind: 'cash', amountPaise: 100 }], 2))
      .thenFails('PAYMENT.INSUFFICIENT', 'data.tenders');
    spec(orderDecider).given(halfPaid).when(cancel(COLA_LINE, 1)).thenFails('TAB.PART_PAID');
    spec(orderDecider)
      .given(halfPaid)
      .when(settle([{ paymentId: id(0x2004), kind: 'card', amountPaise: 100 }]))
      .thenFails('TAB.PART_REQUIRED', 'data.part');
  });

  it('drops a split nobody paid into when the tab changes', () => {
    const events = history(...tableAndBill(), split({ method: 'equal', parts: 2 }), cancel(COLA_LINE, 1), printBill());
    spec(orderDecider)
      .given(events)
      .when(settle([{ paymentId: id(0x2001), kind: 'card', amountPaise: payable(events.slice(-1)) }]))
      .thenEvents(([placed]) => expect(placed?.type).toBe('OrderPlaced'));
  });

  it('splits by lines in whole rupees, the last part taking the rest', () => {
    const events = history(
      ...tableAndBill(),
      split({ method: 'lines', parts: [{ lineIds: [COLA_LINE] }, { lineIds: [PIZZA_LINE] }] }),
    );
    const parts = partsOf(events);
    expect(parts.map((part) => part.lineIds)).toEqual([[COLA_LINE], [PIZZA_LINE]]);
    expect((parts[0]?.payablePaise ?? 1) % 100).toBe(0);
    expect(sumPaise(parts.map((part) => part.payablePaise))).toBe(payable(events));
  });

  it('refuses a split by lines that leaves a line out or names one twice', () => {
    spec(orderDecider)
      .given(history(...tableAndBill()))
      .when(split({ method: 'lines', parts: [{ lineIds: [COLA_LINE] }, { lineIds: [COLA_LINE] }] }))
      .thenFails('TAB.SPLIT_OVERLAP', 'data.split.parts.1.lineIds.0');
    const error = spec(orderDecider)
      .given(history(...tableAndBill()))
      .when(split({ method: 'lines', parts: [{ lineIds: [COLA_LINE] }, { lineIds: [id(0x9999)] }] }))
      .thenFails('ORDER.UNKNOWN_LINE', 'data.split.parts.1.lineIds.0');
    expect(error.reason).toContain('not on the tab');
  });

  it('splits by seat, and refuses when a line was fired for no seat', () => {
    const parts = partsOf(history(...tableAndBill(), split({ method: 'seats' })));
    expect(parts.map((part) => [part.seat, part.lineIds])).toEqual([
      [1, [PIZZA_LINE]],
      [2, [COLA_LINE]],
    ]);
    spec(orderDecider)
      .given(history(...tableAndBill(), fire(0xa3, [{ lineId: SECOND_PIZZA, itemId: MARGHERITA.itemId }])))
      .when(split({ method: 'seats' }))
      .thenFails('TAB.LINE_WITHOUT_SEAT', 'data.split');
  });
});

describe('tab: closing a tab with nothing on it', () => {
  const close: OrderStreamCommand = {
    type: 'CloseEmptyTab',
    data: { orderId: TAB, reason: 'party left before ordering' },
  };

  it('refuses while lines are on it, and closes it once they are cancelled', () => {
    spec(orderDecider).given(table4()).when(close).thenFails('TAB.NOT_EMPTY', 'data.orderId');
    const cleared = history(...table4Commands(), cancel(PIZZA_LINE, 2), cancel(COLA_LINE, 3));
    spec(orderDecider)
      .given(cleared)
      .when(close)
      .then([{ type: 'EmptyTabClosed', data: { orderId: TAB, reason: 'party left before ordering' } }]);
  });

  it('refuses anything more on a closed tab', () => {
    const closed = history(open(), close);
    spec(orderDecider)
      .given(closed)
      .when(fire(0xa1, [{ lineId: PIZZA_LINE, itemId: MARGHERITA.itemId }]))
      .thenFails('TAB.CLOSED', 'data.orderId');
  });
});
