import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../catalog/catalog-entry.js';
import { DomainError } from '../errors.js';
import type { Tender } from '../payment/tender.js';
import { id, STORE } from '../testing/fixtures.js';
import type { PlaceOrder } from './order.commands.js';
import { orderDecider, type OrderStreamEvent } from './order.decider.js';
import type { OrderPlaced } from './order.events.js';

const RUNS = { seed: 20261124, numRuns: 300 };

const itemArb = (index: number, kind: CatalogEntry['kind']): fc.Arbitrary<CatalogEntry> =>
  fc.record({
    itemId: fc.constant(id(kind === 'item' ? 0x100 + index : 0x200 + index)),
    name: fc.constant(`${kind} ${index}`),
    hsnSac: fc.constantFrom('996331', '22021010', '1905'),
    unitPricePaise: fc.integer({ min: 0, max: 500_000 }),
    priceIncludesTax: fc.boolean(),
    taxRateBasisPoints: fc.constantFrom(0, 500, 1_200, 1_800, 2_800, 4_000),
    kind: fc.constant(kind),
    active: fc.constant(true),
    recipe: fc.array(
      fc.record({
        stockItemId: fc.constantFrom(id(0xd0), id(0xd1), id(0xd2)),
        quantity: fc.integer({ min: 1, max: 500 }),
      }),
      {
        maxLength: 2,
      },
    ),
  });

const checkoutArb = fc
  .tuple(
    fc.tuple(itemArb(0, 'item'), itemArb(1, 'item'), itemArb(2, 'item')),
    fc.tuple(itemArb(0, 'modifier'), itemArb(1, 'modifier')),
    fc.array(
      fc.record({
        item: fc.integer({ min: 0, max: 2 }),
        quantity: fc.integer({ min: 1, max: 20 }),
        modifiers: fc.subarray([0, 1]),
        percentOff: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
    fc.option(fc.integer({ min: 0, max: 2_000 }), { nil: undefined }),
    fc.constantFrom('27', '29'),
  )
  .map(([items, modifiers, lines, orderPercentOff, serviceBasisPoints, placeOfSupply]) => ({
    catalog: Object.fromEntries([...items, ...modifiers].map((entry) => [entry.itemId, entry])),
    data: {
      orderId: id(1),
      storeId: STORE,
      registerId: null,
      shiftId: null,
      channel: 'takeaway' as const,
      placeOfSupply,
      lines: lines.map((line, index) => ({
        lineId: id(0x1000 + index),
        itemId: (items[line.item] as CatalogEntry).itemId,
        quantity: line.quantity,
        modifierIds: line.modifiers.map((modifier) => (modifiers[modifier] as CatalogEntry).itemId),
        ...(line.percentOff === undefined
          ? {}
          : { discount: { kind: 'percent' as const, basisPoints: line.percentOff, reason: 'promo' } }),
      })),
      ...(orderPercentOff === undefined
        ? {}
        : { orderDiscount: { kind: 'percent' as const, basisPoints: orderPercentOff, reason: 'staff' } }),
      ...(serviceBasisPoints === undefined ? {} : { serviceCharge: { basisPoints: serviceBasisPoints } }),
    },
  }));

const tendersArb = fc.array(
  fc.record({
    kind: fc.constantFrom<Tender['kind']>('cash', 'card', 'upi', 'wallet'),
    amountPaise: fc.integer({ min: 1, max: 5_000_000 }),
  }),
  { minLength: 1, maxLength: 4 },
);

type OrderShape = { catalog: PlaceOrder['context']['catalog']; data: Omit<PlaceOrder['data'], 'tenders'> };

const command = (order: OrderShape, tenders: Array<Pick<Tender, 'kind' | 'amountPaise'>>): PlaceOrder => ({
  type: 'PlaceOrder',
  data: {
    ...order.data,
    tenders: tenders.map((tender, index) => ({ paymentId: id(0x2000 + index), tipPaise: 0, ...tender })),
  },
  context: { store: { storeId: STORE, stateCode: '27' }, catalog: order.catalog },
});

const payableOf = (order: OrderShape): number => {
  const decision = orderDecider.decide(
    command(order, [{ kind: 'cash', amountPaise: 10 ** 12 }]),
    orderDecider.initialState(),
  );
  if (decision instanceof DomainError) throw decision;
  return (decision[0] as OrderPlaced).data.totals.payablePaise;
};

const everyNumber = (value: unknown): number[] =>
  typeof value === 'number'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(everyNumber)
      : [];

describe('checkout properties', () => {
  it('whatever the tenders, an accepted checkout never gives negative change, applies exactly the payable, and stays in safe integers', () => {
    fc.assert(
      fc.property(checkoutArb, tendersArb, (order, tenders) => {
        const decision = orderDecider.decide(command(order, tenders), orderDecider.initialState());
        if (decision instanceof DomainError) {
          expect(decision.code).toMatch(/^PAYMENT\.(INSUFFICIENT|NON_CASH_EXCEEDS_PAYABLE)$/);
          return;
        }
        const [placed, ...rest] = decision as [OrderPlaced, ...OrderStreamEvent[]];
        const payments = rest.flatMap((event) => (event.type === 'PaymentTendered' ? [event.data] : []));
        const payable = placed.data.totals.payablePaise;
        expect(placed.data.changePaise).toBeGreaterThanOrEqual(0);
        expect(payments.reduce((sum, payment) => sum + payment.appliedPaise, 0)).toBe(payable);
        const cash = payments
          .filter((payment) => payment.kind === 'cash')
          .reduce((sum, payment) => sum + payment.amountPaise, 0);
        expect(placed.data.changePaise).toBeLessThanOrEqual(cash);
        for (const payment of payments) {
          expect(payment.changePaise).toBeGreaterThanOrEqual(0);
          expect(payment.appliedPaise).toBeGreaterThanOrEqual(0);
        }
        expect(everyNumber(decision).every(Number.isSafeInteger)).toBe(true);
        const state = decision.reduce(orderDecider.evolve, orderDecider.initialState());
        expect(state.status).toBe('placed');
      }),
      RUNS,
    );
  });

  it('tenders that cover the payable are accepted and tenders a paisa short are refused', () => {
    fc.assert(
      fc.property(
        checkoutArb,
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom<Tender['kind']>('card', 'upi', 'wallet'),
        (order, cashOver, nonCash) => {
          const payable = payableOf(order);
          fc.pre(payable > 1);
          const split = Math.floor(payable / 2);
          const enough = orderDecider.decide(
            command(order, [
              { kind: nonCash, amountPaise: split },
              { kind: 'cash', amountPaise: payable - split + cashOver },
            ]),
            orderDecider.initialState(),
          );
          expect(enough).not.toBeInstanceOf(DomainError);
          expect((enough as [OrderPlaced])[0].data.changePaise).toBe(cashOver);
          const short = orderDecider.decide(
            command(order, [
              { kind: nonCash, amountPaise: split },
              { kind: 'cash', amountPaise: payable - split - 1 },
            ]),
            orderDecider.initialState(),
          );
          expect(short).toMatchObject({ code: 'PAYMENT.INSUFFICIENT' });
        },
      ),
      RUNS,
    );
  });

  it('line totals, discounts and service charge add up to the bill, and the payable is whole rupees', () => {
    fc.assert(
      fc.property(checkoutArb, (order) => {
        const decision = orderDecider.decide(
          command(order, [{ kind: 'cash', amountPaise: 10 ** 12 }]),
          orderDecider.initialState(),
        );
        if (decision instanceof DomainError) throw decision;
        const { lines, totals } = (decision[0] as OrderPlaced).data;
        const sum = (pick: (line: (typeof lines)[number]) => number) =>
          lines.reduce((total, line) => total + pick(line), 0);
        expect(sum((line) => line.totalPaise)).toBe(totals.totalPaise);
        expect(sum((line) => line.taxablePaise + line.cgstPaise + line.sgstPaise + line.igstPaise)).toBe(
          totals.totalPaise,
        );
        expect(totals.payablePaise % 100).toBe(0);
        expect(totals.payablePaise - totals.totalPaise).toBe(totals.roundOffPaise);
        for (const line of lines) expect(line.cgstPaise).toBe(line.sgstPaise);
      }),
      RUNS,
    );
  });
});
