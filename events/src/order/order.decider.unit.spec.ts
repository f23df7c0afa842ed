import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import {
  CHEESE,
  COLA,
  COLA_CAN,
  DOUGH,
  EXTRA_CHEESE,
  MARGHERITA,
  SEASONAL,
  STORE_CONTEXT,
} from '../testing/catalog-fixtures.js';
import { spec } from '../testing/decider-spec.js';
import { id, OTHER_STORE, REGISTER, STORE } from '../testing/fixtures.js';
import type { PlaceOrder, RefundOrder } from './order.commands.js';
import { orderDecider, type OrderStreamEvent } from './order.decider.js';
import type { OrderPlaced, OrderRefunded } from './order.events.js';

const ORDER = id(0x0001);
const LINE_PIZZA = id(0x1001);
const LINE_COLA = id(0x1002);
const CARD = id(0x2001);
const CASH = id(0x2002);
const SHIFT = id(0x3001);

const checkout = (overrides: Partial<PlaceOrder['data']> = {}, context = STORE_CONTEXT): PlaceOrder => ({
  type: 'PlaceOrder',
  data: {
    orderId: ORDER,
    storeId: STORE,
    registerId: REGISTER,
    shiftId: SHIFT,
    channel: 'dine_in',
    lines: [
      { lineId: LINE_PIZZA, itemId: MARGHERITA.itemId, quantity: 2, modifierIds: [EXTRA_CHEESE.itemId] },
      { lineId: LINE_COLA, itemId: COLA.itemId, quantity: 1, modifierIds: [] },
    ],
    tenders: [
      { paymentId: CARD, kind: 'card', amountPaise: 50_000, tipPaise: 2_000, reference: 'AUTH123' },
      { paymentId: CASH, kind: 'cash', amountPaise: 40_000, tipPaise: 0 },
    ],
    ...overrides,
  },
  context,
});

/** Places the standard order and returns its events, to be the `given` of later specs. */
const placed = (): OrderStreamEvent[] => {
  const decision = orderDecider.decide(checkout(), orderDecider.initialState());
  if (decision instanceof DomainError) throw decision;
  return decision;
};

const refund = (data: Partial<RefundOrder['data']> & Pick<RefundOrder['data'], 'scope'>): RefundOrder =>
  ({
    type: 'RefundOrder',
    data: { orderId: ORDER, refundId: id(0x4001), reason: 'cold pizza', tender: { kind: 'cash' }, ...data },
  }) as RefundOrder;

describe('order: checkout of a new order', () => {
  it('prices every line, splits GST, rounds the bill to the rupee and records change from cash', () => {
    spec(orderDecider)
      .given([])
      .when(checkout())
      .thenEvents((events) => {
        const [order] = events as [OrderPlaced];
        // Pizza line: (32500 + 5000) × 2 = 75000 p, 5 % exclusive: CGST = SGST = round(75000 × 2.5 %) = 1875.
        expect(order.data.lines[0]).toMatchObject({
          grossPaise: 75_000,
          taxablePaise: 75_000,
          cgstPaise: 1_875,
          sgstPaise: 1_875,
          igstPaise: 0,
          totalPaise: 78_750,
          modifiers: [{ itemId: EXTRA_CHEESE.itemId, name: 'Extra cheese', unitPricePaise: 5_000 }],
        });
        // Cola at MRP 6000 p incl. 18 %: estimate round(6000 / 1.18) = 5085; CGST = SGST = round(5085 × 9 %) = 458.
        expect(order.data.lines[1]).toMatchObject({
          taxablePaise: 5_084,
          cgstPaise: 458,
          sgstPaise: 458,
          totalPaise: 6_000,
        });
        // 78750 + 6000 = 84750 p = ₹847.50 → ₹848.00, round-off +50 p.
        expect(order.data.totals).toEqual({
          grossPaise: 81_000,
          discountPaise: 0,
          serviceChargePaise: 0,
          taxablePaise: 80_084,
          cgstPaise: 2_333,
          sgstPaise: 2_333,
          igstPaise: 0,
          taxPaise: 4_666,
          totalPaise: 84_750,
          roundOffPaise: 50,
          payablePaise: 84_800,
        });
        expect(order.data).toMatchObject({
          supply: 'intra_state',
          placeOfSupply: '27',
          tenderedPaise: 90_000,
          changePaise: 5_200,
        });
      });
  });

  it('yields OrderPlaced, one PaymentTendered per tender and one StockDepleted per stock item, to be appended together', () => {
    spec(orderDecider)
      .given([])
      .when(checkout())
      .thenEvents((events) => {
        expect(events.map((event) => event.type)).toEqual([
          'OrderPlaced',
          'PaymentTendered',
          'PaymentTendered',
          'StockDepleted',
          'StockDepleted',
          'StockDepleted',
        ]);
        expect(events.slice(1, 3).map((event) => event.data)).toEqual([
          {
            orderId: ORDER,
            paymentId: CARD,
            kind: 'card',
            amountPaise: 50_000,
            changePaise: 0,
            appliedPaise: 50_000,
            tipPaise: 2_000,
            reference: 'AUTH123',
          },
          {
            orderId: ORDER,
            paymentId: CASH,
            kind: 'cash',
            amountPaise: 40_000,
            changePaise: 5_200,
            appliedPaise: 34_800,
            tipPaise: 0,
          },
        ]);
        // Two pizzas: dough 2 × 250 g, cheese 2 × (100 + 50) g; one cola can.
        expect(events.slice(3).map((event) => event.data)).toEqual([
          { orderId: ORDER, storeId: STORE, stockItemId: DOUGH, quantity: 500, lineIds: [LINE_PIZZA] },
          { orderId: ORDER, storeId: STORE, stockItemId: CHEESE, quantity: 300, lineIds: [LINE_PIZZA] },
          { orderId: ORDER, storeId: STORE, stockItemId: COLA_CAN, quantity: 1, lineIds: [LINE_COLA] },
        ]);
      });
  });

  it('charges IGST instead of CGST + SGST when the place of supply is another state', () => {
    spec(orderDecider)
      .given([])
      .when(
        checkout({
          placeOfSupply: '29',
          tenders: [{ paymentId: CARD, kind: 'card', amountPaise: 84_800, tipPaise: 0 }],
        }),
      )
      .thenEvents(([order]) => {
        const { totals, supply } = (order as OrderPlaced).data;
        expect(supply).toBe('inter_state');
        // IGST at the full rate, rounded once per line: 75000 × 5 % = 3750; round(5085 × 18 %) = round(915.3) = 915.
        expect(totals).toMatchObject({ cgstPaise: 0, sgstPaise: 0, igstPaise: 4_665, payablePaise: 84_800 });
      });
  });

  it('spreads an order discount and a service charge over the lines so their parts sum to the whole', () => {
    spec(orderDecider)
      .given([])
      .when(
        checkout({
          orderDiscount: { kind: 'percent', basisPoints: 1_000, reason: 'regular guest' },
          serviceCharge: { basisPoints: 500 },
          tenders: [{ paymentId: CASH, kind: 'cash', amountPaise: 100_000, tipPaise: 0 }],
        }),
      )
      .thenEvents(([order]) => {
        const { lines, totals } = (order as OrderPlaced).data;
        // 10 % of 81000 = 8100, over 75000 : 6000 → 7500 + 600.
        expect(lines.map((line) => line.orderDiscountPaise)).toEqual([7_500, 600]);
        // 5 % of 72900 = 3645, over 67500 : 5400 → 3375 + 270.
        expect(lines.map((line) => line.serviceChargePaise)).toEqual([3_375, 270]);
        expect(totals.discountPaise).toBe(8_100);
        expect(totals.serviceChargePaise).toBe(3_645);
        expect(lines.reduce((sum, line) => sum + line.totalPaise, 0)).toBe(totals.totalPaise);
      });
  });

  it('accepts a bill fully paid on account by a B2B customer', () => {
    spec(orderDecider)
      .given([])
      .when(
        checkout({
          tenders: [{ paymentId: CARD, kind: 'on_account', amountPaise: 84_800, tipPaise: 0, accountId: id(0xacc) }],
        }),
      )
      .thenEvents((events) =>
        expect(events[1]?.data).toMatchObject({ kind: 'on_account', accountId: id(0xacc), appliedPaise: 84_800 }),
      );
  });

  it('accepts the totals the register claims when they match the computed ones', () => {
    spec(orderDecider)
      .given([])
      .when(checkout({ claimedTotals: { payablePaise: 84_800, taxPaise: 4_666, changePaise: 5_200 } }))
      .thenEvents((events) => expect(events).toHaveLength(6));
  });
});

describe('order: checkout refusals', () => {
  const refused = (command: PlaceOrder, code: string, path: string) =>
    spec(orderDecider).given([]).when(command).thenFails(code, path);

  it('refuses a claimed payable that differs from the recomputed one, naming the field', () => {
    refused(
      checkout({ claimedTotals: { payablePaise: 84_700 } }),
      'ORDER.TOTAL_MISMATCH',
      'data.claimedTotals.payablePaise',
    );
  });

  it('refuses a claimed tax or change that differs', () => {
    refused(checkout({ claimedTotals: { taxPaise: 1 } }), 'ORDER.TOTAL_MISMATCH', 'data.claimedTotals.taxPaise');
    refused(checkout({ claimedTotals: { changePaise: 0 } }), 'ORDER.TOTAL_MISMATCH', 'data.claimedTotals.changePaise');
  });

  it('refuses tenders that do not cover the payable', () => {
    refused(
      checkout({ tenders: [{ paymentId: CASH, kind: 'cash', amountPaise: 84_799, tipPaise: 0 }] }),
      'PAYMENT.INSUFFICIENT',
      'data.tenders',
    );
  });

  it('refuses change from a card: non-cash tenders may not exceed the payable', () => {
    refused(
      checkout({ tenders: [{ paymentId: CARD, kind: 'card', amountPaise: 90_000, tipPaise: 0 }] }),
      'PAYMENT.NON_CASH_EXCEEDS_PAYABLE',
      'data.tenders',
    );
  });

  it('states the amounts of a refusal in rupees, as the cashier reads them', () => {
    const reason = (command: PlaceOrder, code: string) =>
      spec(orderDecider).given([]).when(command).thenFails(code).reason;
    expect(reason(checkout({ claimedTotals: { payablePaise: 84_700 } }), 'ORDER.TOTAL_MISMATCH')).toBe(
      'the register claims ₹847.00 but the order comes to ₹848.00',
    );
    expect(
      reason(
        checkout({ tenders: [{ paymentId: CASH, kind: 'cash', amountPaise: 84_799, tipPaise: 0 }] }),
        'PAYMENT.INSUFFICIENT',
      ),
    ).toBe('tenders come to ₹847.99 but ₹848.00 is payable');
    expect(
      reason(
        checkout({ tenders: [{ paymentId: CARD, kind: 'card', amountPaise: 90_000, tipPaise: 0 }] }),
        'PAYMENT.NON_CASH_EXCEEDS_PAYABLE',
      ),
    ).toBe(
      'card, UPI, wallet, on-account and loyalty tenders come to ₹900.00 but only ₹848.00 is payable; change is given only from cash',
    );
  });

  it('refuses an order placed twice', () => {
    spec(orderDecider).given(placed()).when(checkout()).thenFails('ORDER.ALREADY_PLACED', 'data.orderId');
  });

  it('refuses an order for another store than the one it is placed in', () => {
    refused(checkout({ storeId: OTHER_STORE }), 'ORDER.STORE_MISMATCH', 'data.storeId');
  });

  it('refuses an item the catalog does not know, a modifier as a line, an inactive item', () => {
    const line = { lineId: LINE_PIZZA, quantity: 1, modifierIds: [] };
    refused(checkout({ lines: [{ ...line, itemId: id(0xbad) }] }), 'ORDER.UNKNOWN_ITEM', 'data.lines.0.itemId');
    refused(
      checkout({ lines: [{ ...line, itemId: EXTRA_CHEESE.itemId }] }),
      'ORDER.NOT_AN_ITEM',
      'data.lines.0.itemId',
    );
    refused(checkout({ lines: [{ ...line, itemId: SEASONAL.itemId }] }), 'ORDER.ITEM_INACTIVE', 'data.lines.0.itemId');
  });

  it('refuses an unknown, non-modifier or inactive modifier', () => {
    const line = { lineId: LINE_PIZZA, itemId: MARGHERITA.itemId, quantity: 1 };
    const inactiveCheese = { ...EXTRA_CHEESE, active: false };
    refused(
      checkout({ lines: [{ ...line, modifierIds: [id(0xbad)] }] }),
      'ORDER.UNKNOWN_ITEM',
      'data.lines.0.modifierIds.0',
    );
    refused(
      checkout({ lines: [{ ...line, modifierIds: [COLA.itemId] }] }),
      'ORDER.NOT_A_MODIFIER',
      'data.lines.0.modifierIds.0',
    );
    refused(
      checkout(
        { lines: [{ ...line, modifierIds: [EXTRA_CHEESE.itemId] }] },
        { ...STORE_CONTEXT, catalog: { ...STORE_CONTEXT.catalog, [EXTRA_CHEESE.itemId]: inactiveCheese } },
      ),
      'ORDER.ITEM_INACTIVE',
      'data.lines.0.modifierIds.0',
    );
  });

  it('refuses two lines with one id', () => {
    const line = { lineId: LINE_PIZZA, itemId: MARGHERITA.itemId, quantity: 1, modifierIds: [] };
    refused(checkout({ lines: [line, line] }), 'ORDER.DUPLICATE_LINE_ID', 'data.lines.1.lineId');
  });

  it('refuses a discount larger than the bill', () => {
    refused(
      checkout({ orderDiscount: { kind: 'amount', amountPaise: 81_001, reason: 'oops' } }),
      'PRICING.DISCOUNT_EXCEEDS_AMOUNT',
      'data.orderDiscount',
    );
  });

  it('refuses malformed input with the field and reason: fractional paise, zero quantity, no lines', () => {
    const line = { lineId: LINE_PIZZA, itemId: MARGHERITA.itemId, modifierIds: [] };
    refused(
      checkout({ tenders: [{ paymentId: CASH, kind: 'cash', amountPaise: 100_000.5, tipPaise: 0 }] }),
      'VALIDATION.INVALID',
      'data.tenders.0.amountPaise',
    );
    refused(checkout({ lines: [{ ...line, quantity: 0 }] }), 'VALIDATION.INVALID', 'data.lines.0.quantity');
    refused(checkout({ lines: [] }), 'VALIDATION.INVALID', 'data.lines');
  });
});

describe('order: voiding a placed order', () => {
  const voidOrder = { type: 'VoidOrder', data: { orderId: ORDER, reason: 'guest walked out before serving' } } as const;

  it('records the void with its reason and the payable it reverses', () => {
    spec(orderDecider)
      .given(placed())
      .when(voidOrder)
      .then([
        {
          type: 'OrderVoided',
          data: { orderId: ORDER, reason: 'guest walked out before serving', reversedPaise: 84_800 },
        },
      ]);
  });

  it('refuses to void twice, an unknown order, or an order with refunds', () => {
    const voided = [
      ...placed(),
      { type: 'OrderVoided', data: { orderId: ORDER, reason: 'x', reversedPaise: 84_800 } },
    ] as OrderStreamEvent[];
    spec(orderDecider).given(voided).when(voidOrder).thenFails('ORDER.ALREADY_VOIDED', 'data.orderId');
    spec(orderDecider).given([]).when(voidOrder).thenFails('ORDER.NOT_FOUND', 'data.orderId');
    const refunded = [
      ...placed(),
      ...(orderDecider.decide(
        refund({ scope: 'lines', lines: [{ lineId: LINE_COLA, quantity: 1 }] }),
        foldOf(placed()),
      ) as OrderStreamEvent[]),
    ];
    spec(orderDecider).given(refunded).when(voidOrder).thenFails('ORDER.HAS_REFUNDS', 'data.orderId');
  });

  it('refuses a void without a reason', () => {
    spec(orderDecider)
      .given(placed())
      .when({ type: 'VoidOrder', data: { orderId: ORDER, reason: '  ' } })
      .thenFails('VALIDATION.INVALID', 'data.reason');
  });

  it('refuses a command addressed to another order than the stream it was loaded from', () => {
    spec(orderDecider)
      .given(placed())
      .when({ ...voidOrder, data: { ...voidOrder.data, orderId: id(0x0002) } })
      .thenFails('ORDER.WRONG_STREAM', 'data.orderId');
  });

  it('is terminal once voided', () => {
    const state = foldOf([
      ...placed(),
      { type: 'OrderVoided', data: { orderId: ORDER, reason: 'x', reversedPaise: 84_800 } },
    ]);
    expect(orderDecider.isTerminal?.(state)).toBe(true);
    expect(orderDecider.isTerminal?.(foldOf(placed()))).toBe(false);
  });
});

const foldOf = (events: OrderStreamEvent[]) => events.reduce(orderDecider.evolve, orderDecider.initialState());

const decideAll = (given: OrderStreamEvent[], commands: RefundOrder[]): OrderRefunded[] => {
  const history = [...given];
  const refunds: OrderRefunded[] = [];
  for (const command of commands) {
    const decision = orderDecider.decide(command, foldOf(history));
    if (decision instanceof DomainError) throw decision;
    history.push(...decision);
    refunds.push(...(decision as OrderRefunded[]));
  }
  return refunds;
};

describe('order: refunds', () => {
  it('refunds one line in full with its share of GST', () => {
    spec(orderDecider)
      .given(placed())
      .when(refund({ scope: 'lines', lines: [{ lineId: LINE_COLA, quantity: 1 }] }))
      .then([
        {
          type: 'OrderRefunded',
          data: {
            orderId: ORDER,
            refundId: id(0x4001),
            reason: 'cold pizza',
            lines: [
              {
                lineId: LINE_COLA,
                quantity: 1,
                taxablePaise: 5_084,
                cgstPaise: 458,
                sgstPaise: 458,
                igstPaise: 0,
                totalPaise: 6_000,
              },
            ],
            roundOffPaise: 0,
            refundPaise: 6_000,
            tender: { kind: 'cash' },
            completesRefund: false,
          },
        },
      ]);
  });

  it('returns exactly what was paid, round-off included, however a line is split across refunds', () => {
    const refunds = decideAll(placed(), [
      refund({ refundId: id(0x4001), scope: 'lines', lines: [{ lineId: LINE_PIZZA, quantity: 1 }] }),
      refund({ refundId: id(0x4002), scope: 'full' }),
    ]);
    // Half the pizza line: 78750 / 2 = 39375 (taxable 37500, CGST = SGST = 937.5 → 938).
    expect(refunds[0]?.data.lines[0]).toMatchObject({
      taxablePaise: 37_500,
      cgstPaise: 938,
      sgstPaise: 938,
      totalPaise: 39_376,
    });
    expect(refunds[1]?.data).toMatchObject({ completesRefund: true, roundOffPaise: 50 });
    expect(refunds.reduce((sum, event) => sum + event.data.refundPaise, 0)).toBe(84_800);
    const pizzaCgst = refunds
      .flatMap((event) => event.data.lines)
      .filter((line) => line.lineId === LINE_PIZZA)
      .reduce((sum, line) => sum + line.cgstPaise, 0);
    expect(pizzaCgst).toBe(1_875);
  });

  it('marks the order refunded after a full refund and refuses further refunds', () => {
    const given = [...placed(), ...decideAll(placed(), [refund({ scope: 'full' })])];
    expect(foldOf(given).status).toBe('refunded');
    spec(orderDecider)
      .given(given)
      .when(refund({ refundId: id(0x4009), scope: 'full' }))
      .thenFails('ORDER.ALREADY_REFUNDED', 'data.orderId');
  });

  it('treats a retried refund with the same id and lines as already done', () => {
    const command = refund({ scope: 'lines', lines: [{ lineId: LINE_COLA, quantity: 1 }] });
    const given = [...placed(), ...decideAll(placed(), [command])];
    spec(orderDecider).given(given).when(command).then([]);
    const full = refund({ refundId: id(0x4005), scope: 'full' });
    const afterFull = [...placed(), ...decideAll(placed(), [full])];
    spec(orderDecider).given(afterFull).when(full).then([]);
  });

  it('refuses a refund id reused for a different refund', () => {
    const given = [
      ...placed(),
      ...decideAll(placed(), [refund({ scope: 'lines', lines: [{ lineId: LINE_COLA, quantity: 1 }] })]),
    ];
    spec(orderDecider)
      .given(given)
      .when(refund({ scope: 'lines', lines: [{ lineId: LINE_PIZZA, quantity: 1 }] }))
      .thenFails('ORDER.REFUND_ID_REUSED', 'data.refundId');
  });

  it('refuses more units than are left, unknown lines and a line named twice', () => {
    spec(orderDecider)
      .given(placed())
      .when(refund({ scope: 'lines', lines: [{ lineId: LINE_PIZZA, quantity: 3 }] }))
      .thenFails('ORDER.REFUND_EXCEEDS_QUANTITY', 'data.lines.0.quantity');
    spec(orderDecider)
      .given(placed())
      .when(refund({ scope: 'lines', lines: [{ lineId: id(0x9999), quantity: 1 }] }))
      .thenFails('ORDER.UNKNOWN_LINE', 'data.lines.0.lineId');
    spec(orderDecider)
      .given(placed())
      .when(
        refund({
          scope: 'lines',
          lines: [
            { lineId: LINE_COLA, quantity: 1 },
            { lineId: LINE_COLA, quantity: 1 },
          ],
        }),
      )
      .thenFails('ORDER.DUPLICATE_LINE_ID', 'data.lines.1.lineId');
  });

  it('refunds by card only up to what the card paid, and never by a tender the order was not paid with', () => {
    const byCard = spec(orderDecider)
      .given(placed())
      .when(refund({ scope: 'full', tender: { kind: 'card' } }))
      .thenFails('ORDER.REFUND_EXCEEDS_TENDER', 'data.tender.kind');
    expect(byCard.reason).toBe('only ₹500.00 can go back by card');
    spec(orderDecider)
      .given(placed())
      .when(refund({ scope: 'lines', lines: [{ lineId: LINE_COLA, quantity: 1 }], tender: { kind: 'upi' } }))
      .thenFails('ORDER.REFUND_EXCEEDS_TENDER', 'data.tender.kind');
    spec(orderDecider)
      .given(placed())
      .when(
        refund({
          scope: 'lines',
          lines: [{ lineId: LINE_COLA, quantity: 1 }],
          tender: { kind: 'card', reference: 'RFND1' },
        }),
      )
      .thenEvents(([event]) =>
        expect(event?.data).toMatchObject({ refundPaise: 6_000, tender: { kind: 'card', reference: 'RFND1' } }),
      );
  });

  it('refuses refunds of unknown or voided orders', () => {
    spec(orderDecider)
      .given([])
      .when(refund({ scope: 'full' }))
      .thenFails('ORDER.NOT_FOUND', 'data.orderId');
    const voided = [
      ...placed(),
      { type: 'OrderVoided', data: { orderId: ORDER, reason: 'x', reversedPaise: 84_800 } },
    ] as OrderStreamEvent[];
    spec(orderDecider)
      .given(voided)
      .when(refund({ scope: 'full' }))
      .thenFails('ORDER.VOIDED', 'data.orderId');
  });

  it('refuses a refund without a reason', () => {
    spec(orderDecider)
      .given(placed())
      .when(refund({ scope: 'full', reason: '' }))
      .thenFails('VALIDATION.INVALID', 'data.reason');
  });
});

describe('order: tips on a placed order', () => {
  const adjustTip = (paymentId: string, tipPaise: number) =>
    ({ type: 'AdjustTip', data: { orderId: ORDER, paymentId, tipPaise } }) as const;

  it('records a corrected card tip with the previous figure', () => {
    spec(orderDecider)
      .given(placed())
      .when(adjustTip(CARD, 3_000))
      .then([
        { type: 'TipAdjusted', data: { orderId: ORDER, paymentId: CARD, tipPaise: 3_000, previousTipPaise: 2_000 } },
      ]);
  });

  it('keeps the adjusted tip in state and treats the same tip again as done', () => {
    const given = [
      ...placed(),
      { type: 'TipAdjusted', data: { orderId: ORDER, paymentId: CARD, tipPaise: 3_000, previousTipPaise: 2_000 } },
    ] as OrderStreamEvent[];
    spec(orderDecider).given(given).when(adjustTip(CARD, 3_000)).then([]);
  });

  it('refuses a tip on cash, on an unknown payment, on an unknown or voided order', () => {
    spec(orderDecider).given(placed()).when(adjustTip(CASH, 100)).thenFails('PAYMENT.TIP_NOT_ALLOWED', 'data.tipPaise');
    spec(orderDecider)
      .given(placed())
      .when(adjustTip(id(0x2999), 100))
      .thenFails('PAYMENT.UNKNOWN_PAYMENT', 'data.paymentId');
    spec(orderDecider).given([]).when(adjustTip(CARD, 100)).thenFails('ORDER.NOT_FOUND', 'data.orderId');
    const voided = [
      ...placed(),
      { type: 'OrderVoided', data: { orderId: ORDER, reason: 'x', reversedPaise: 84_800 } },
    ] as OrderStreamEvent[];
    spec(orderDecider).given(voided).when(adjustTip(CARD, 100)).thenFails('ORDER.VOIDED', 'data.orderId');
  });
});
