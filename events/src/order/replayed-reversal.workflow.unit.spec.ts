import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { COLA, EXTRA_CHEESE, MARGHERITA, STORE_CONTEXT } from '../testing/catalog-fixtures.js';
import { id, REGISTER, STORE } from '../testing/fixtures.js';
import type { OrderCommand, PlaceOrder } from './order.commands.js';
import { isSoldOrder, orderDecider, type OrderState, type OrderStreamEvent } from './order.decider.js';
import type { OrderRefunded, OrderVoided } from './order.events.js';
import { judgeReplayedReversal, type ReplayedReversal } from './replayed-reversal.workflow.js';

const ORDER = id(0x0001);
const LINE_PIZZA = id(0x1001);
const LINE_COLA = id(0x1002);

const checkout: PlaceOrder = {
  type: 'PlaceOrder',
  data: {
    orderId: ORDER,
    storeId: STORE,
    registerId: REGISTER,
    shiftId: null,
    channel: 'dine_in',
    lines: [
      { lineId: LINE_PIZZA, itemId: MARGHERITA.itemId, quantity: 2, modifierIds: [EXTRA_CHEESE.itemId] },
      { lineId: LINE_COLA, itemId: COLA.itemId, quantity: 1, modifierIds: [] },
    ],
    tenders: [
      { paymentId: id(0x2001), kind: 'card', amountPaise: 50_000, tipPaise: 0 },
      { paymentId: id(0x2002), kind: 'cash', amountPaise: 40_000, tipPaise: 0 },
    ],
  },
  context: STORE_CONTEXT,
};

const fold = (events: ReadonlyArray<OrderStreamEvent>, from: OrderState = orderDecider.initialState()): OrderState =>
  events.reduce(orderDecider.evolve, from);

const decided = (command: OrderCommand, state: OrderState): OrderStreamEvent[] => {
  const events = orderDecider.decide(command, state);
  if (events instanceof DomainError) throw events;
  return events;
};

const placed = fold(decided(checkout, orderDecider.initialState()));
const payable = isSoldOrder(placed) ? placed.totals.payablePaise : 0;

const voidOn = (state: OrderState): OrderVoided =>
  decided({ type: 'VoidOrder', data: { orderId: ORDER, reason: 'wrong table' } }, state)[0] as OrderVoided;

const refundOn = (
  state: OrderState,
  refundId: string,
  lines: Array<{ lineId: string; quantity: number }>,
  kind: 'cash' | 'card' = 'cash',
) =>
  decided(
    {
      type: 'RefundOrder',
      data: { scope: 'lines', orderId: ORDER, refundId, reason: 'cold', tender: { kind }, lines },
    },
    state,
  )[0] as OrderRefunded;

describe('a void replayed from a till', () => {
  it('stands on an order nothing has reversed yet', () => {
    expect(judgeReplayedReversal(voidOn(placed), placed, id(0x9001))).toEqual({ verdict: 'stands' });
  });

  it('reverses nothing of an order another till already voided, and says so', () => {
    const voided = fold([voidOn(placed)], placed);
    expect(judgeReplayedReversal(voidOn(placed), voided, id(0x9001))).toEqual({
      verdict: 'nothing_left',
      conflict: {
        kind: 'already_reversed',
        path: 'data.orderId',
        detail: 'the order was already voided; this void reversed nothing',
      },
    });
  });

  it('reverses nothing of an order the web refunded in full, naming what was refunded', () => {
    const refunded = fold(
      [
        refundOn(placed, id(0x4001), [
          { lineId: LINE_PIZZA, quantity: 2 },
          { lineId: LINE_COLA, quantity: 1 },
        ]),
      ],
      placed,
    );
    const judged = judgeReplayedReversal(voidOn(placed), refunded, id(0x9001));
    expect(judged).toMatchObject({ verdict: 'nothing_left' });
    expect(judged.verdict === 'nothing_left' && judged.conflict.detail).toMatch(
      /already refunded ₹[\d,.]+ in full; this void reversed nothing/,
    );
  });

  it('of an order refunded in part becomes the refund of what is left, by a tender that can give it back', () => {
    const cola = refundOn(placed, id(0x4001), [{ lineId: LINE_COLA, quantity: 1 }]);
    const partly = fold([cola], placed);
    const judged = judgeReplayedReversal(voidOn(placed), partly, id(0x9001));
    if (judged.verdict !== 'reduced') throw new Error(JSON.stringify(judged));
    expect(judged.event.data).toMatchObject({
      refundId: id(0x9001),
      reason: 'wrong table',
      lines: [{ lineId: LINE_PIZZA, quantity: 2 }],
      completesRefund: true,
      refundPaise: payable - cola.data.refundPaise,
    });
    expect(judged.conflict.detail).toMatch(/already refunded ₹[\d,.]+; this void refunded the ₹[\d,.]+ left/);
  });
});

describe('a refund replayed from a till', () => {
  it('stands when what it refunds is still there', () => {
    const refund = refundOn(placed, id(0x4002), [{ lineId: LINE_PIZZA, quantity: 1 }]);
    expect(judgeReplayedReversal(refund, placed, id(0x9001))).toEqual({ verdict: 'stands' });
  });

  it('reverses nothing of a voided order', () => {
    const refund = refundOn(placed, id(0x4002), [{ lineId: LINE_PIZZA, quantity: 1 }]);
    expect(judgeReplayedReversal(refund, fold([voidOn(placed)], placed), id(0x9001))).toMatchObject({
      verdict: 'nothing_left',
      conflict: { detail: 'the order was already voided; this refund reversed nothing' },
    });
  });

  it('is cut to the quantity still unrefunded when the web refunded some of the same line', () => {
    const web = refundOn(placed, id(0x4001), [{ lineId: LINE_PIZZA, quantity: 1 }]);
    const offline = refundOn(placed, id(0x4002), [{ lineId: LINE_PIZZA, quantity: 2 }]);
    const judged = judgeReplayedReversal(offline, fold([web], placed), id(0x9001));
    if (judged.verdict !== 'reduced') throw new Error(JSON.stringify(judged));
    expect(judged.event.data.lines).toMatchObject([{ lineId: LINE_PIZZA, quantity: 1 }]);
    expect(judged.event.data.refundId).toBe(id(0x4002));
    expect(judged.conflict.detail).toMatch(/only the ₹[\d,.]+ left was refunded/);
  });

  it('by card goes back in cash when the card has nothing left to give back', () => {
    // A pizza with cheese is ₹393.75; the card paid ₹500, so after the web's card refund of one
    // pizza it can give back ₹106.25 more, not another pizza.
    const web = refundOn(placed, id(0x4001), [{ lineId: LINE_PIZZA, quantity: 1 }], 'card');
    const offline = refundOn(placed, id(0x4002), [{ lineId: LINE_PIZZA, quantity: 1 }], 'card');
    const judged = judgeReplayedReversal(offline, fold([web], placed), id(0x9001));
    expect(judged).toMatchObject({
      verdict: 'reduced',
      // The last pizza of the line takes the line's rounding remainder, so its paise differ from the till's.
      event: { data: { tender: { kind: 'cash' }, lines: [{ lineId: LINE_PIZZA, quantity: 1 }] } },
    });
  });
});

/**
 * Any interleaving of online and offline reversals of one order. An online one is decided on the
 * order as stored; an offline one on what its till last saw (a snapshot taken at some earlier
 * step), then replayed and judged against the order as stored.
 */
type Step =
  | { kind: 'void'; offlineFrom: number | null }
  | {
      kind: 'refund';
      lines: Array<{ lineId: string; quantity: number }>;
      tender: 'cash' | 'card';
      offlineFrom: number | null;
    };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('void' as const), offlineFrom: fc.option(fc.nat(8), { nil: null }) }),
  fc.record({
    kind: fc.constant('refund' as const),
    lines: fc
      .subarray(
        [
          { lineId: LINE_PIZZA, quantity: 1 },
          { lineId: LINE_PIZZA, quantity: 2 },
          { lineId: LINE_COLA, quantity: 1 },
        ],
        { minLength: 1 },
      )
      .filter((lines) => new Set(lines.map((line) => line.lineId)).size === lines.length),
    tender: fc.constantFrom('cash' as const, 'card' as const),
    offlineFrom: fc.option(fc.nat(8), { nil: null }),
  }),
);

describe('reversals of one sale, online and offline in any order', () => {
  it('never reverse more than the sale took, in paise or in any line', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const history: OrderState[] = [placed];
        let stored = placed;
        const reversed: Array<OrderVoided | OrderRefunded> = [];
        steps.forEach((next, index) => {
          const offline = next.offlineFrom !== null;
          const seen = offline
            ? (history[Math.min(next.offlineFrom as number, history.length - 1)] as OrderState)
            : stored;
          const command: OrderCommand =
            next.kind === 'void'
              ? { type: 'VoidOrder', data: { orderId: ORDER, reason: 'void' } }
              : {
                  type: 'RefundOrder',
                  data: {
                    scope: 'lines',
                    orderId: ORDER,
                    refundId: id(0x5000 + index),
                    reason: 'r',
                    tender: { kind: next.tender },
                    lines: next.lines,
                  },
                };
          const decision = orderDecider.decide(command, seen);
          if (decision instanceof DomainError) return;
          const reversal = decision[0] as ReplayedReversal;
          let appended: ReplayedReversal | undefined;
          if (!offline) {
            // Online, the decider decided on the stored order itself.
            appended = reversal;
          } else {
            const judged = judgeReplayedReversal(reversal, stored, id(0x6000 + index));
            appended = judged.verdict === 'stands' ? reversal : judged.verdict === 'reduced' ? judged.event : undefined;
          }
          if (appended) {
            reversed.push(appended);
            stored = fold([appended], stored);
          }
          history.push(stored);
        });
        const total = reversed.reduce(
          (sum, event) => sum + (event.type === 'OrderVoided' ? event.data.reversedPaise : event.data.refundPaise),
          0,
        );
        expect(total).toBeLessThanOrEqual(payable);
        expect(reversed.filter((event) => event.type === 'OrderVoided').length).toBeLessThanOrEqual(1);
        for (const lineId of [LINE_PIZZA, LINE_COLA]) {
          const sold = lineId === LINE_PIZZA ? 2 : 1;
          const refunded = reversed
            .flatMap((event) => (event.type === 'OrderRefunded' ? event.data.lines : []))
            .filter((line) => line.lineId === lineId)
            .reduce((sum, line) => sum + line.quantity, 0);
          expect(refunded).toBeLessThanOrEqual(sold);
        }
      }),
      { seed: 20_261_205, numRuns: 2_000 },
    );
  });
});
