import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  BillTotals,
  PricedLine,
  priceBill,
  type Bill,
  type Discount,
  type PricingInput,
  type PricingLine,
} from './pricing.js';
import { id } from './testing/fixtures.js';

const RUNS = { seed: 42, numRuns: 500 };
const RATES = [0, 500, 1200, 1800, 2800, 4000];

/** Half away from zero on non-negative integers, independent of money.ts. */
const percentOf = (base: bigint, basisPoints: number): bigint => {
  const scaled = base * BigInt(basisPoints);
  return scaled / 10_000n + (2n * (scaled % 10_000n) >= 10_000n ? 1n : 0n);
};

/** A discount drawn before its base is known: an amount is a fraction (in bp) of whatever it applies to. */
type DiscountDraw = { kind: 'percent'; basisPoints: number } | { kind: 'amount'; share: number };
const discountDraw: fc.Arbitrary<DiscountDraw | undefined> = fc.option(
  fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
    fc.record({ kind: fc.constant('amount' as const), share: fc.integer({ min: 1, max: 10_000 }) }),
  ),
  { nil: undefined },
);

/** Turns a draw into a discount within range of `base`, and what it comes to. */
const resolveDiscount = (draw: DiscountDraw | undefined, base: bigint): { discount?: Discount; paise: bigint } => {
  if (!draw) return { paise: 0n };
  if (draw.kind === 'percent') {
    return {
      discount: { kind: 'percent', basisPoints: draw.basisPoints, reason: 'test' },
      paise: percentOf(base, draw.basisPoints),
    };
  }
  const amount = (base * BigInt(draw.share)) / 10_000n;
  if (amount < 1n) return { paise: 0n };
  return { discount: { kind: 'amount', amountPaise: Number(amount), reason: 'test' }, paise: amount };
};

const lineDraw = fc.record({
  unitPricePaise: fc.integer({ min: 0, max: 500_000 }),
  modifierPrices: fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 2 }),
  quantity: fc.integer({ min: 1, max: 20 }),
  taxRateBasisPoints: fc.constantFrom(...RATES),
  priceIncludesTax: fc.boolean(),
  discount: discountDraw,
});

type Expected = {
  grossPaise: bigint[];
  lineDiscountPaise: bigint[];
  orderDiscountPaise: bigint;
  serviceChargePaise: bigint;
};

/** A random bill, and the figures it must come to, worked out here in BigInt without pricing.ts. */
const billDraw: fc.Arbitrary<{ input: PricingInput; expected: Expected }> = fc
  .record({
    lines: fc.array(lineDraw, { minLength: 1, maxLength: 8 }),
    orderDiscount: discountDraw,
    serviceChargeBasisPoints: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    supply: fc.constantFrom('intra_state' as const, 'inter_state' as const),
  })
  .map((draw) => {
    const grossPaise: bigint[] = [];
    const lineDiscountPaise: bigint[] = [];
    const lines = draw.lines.map((drawn, index): PricingLine => {
      const gross =
        (BigInt(drawn.unitPricePaise) + drawn.modifierPrices.reduce((sum, p) => sum + BigInt(p), 0n)) *
        BigInt(drawn.quantity);
      const { discount, paise } = resolveDiscount(drawn.discount, gross);
      grossPaise.push(gross);
      lineDiscountPaise.push(paise);
      return {
        lineId: id(0x300 + index),
        item: {
          itemId: id(0x100 + index),
          name: `Item ${index}`,
          hsnSac: '996331',
          unitPricePaise: drawn.unitPricePaise,
          priceIncludesTax: drawn.priceIncludesTax,
          taxRateBasisPoints: drawn.taxRateBasisPoints,
        },
        modifiers: drawn.modifierPrices.map((unitPricePaise, m) => ({
          itemId: id(0x200 + m),
          name: `Modifier ${m}`,
          unitPricePaise,
        })),
        quantity: drawn.quantity,
        discount,
      };
    });
    const subtotal = grossPaise.reduce((sum, gross, index) => sum + gross - (lineDiscountPaise[index] ?? 0n), 0n);
    const order = resolveDiscount(draw.orderDiscount, subtotal);
    const serviceChargePaise =
      draw.serviceChargeBasisPoints === undefined
        ? 0n
        : percentOf(subtotal - order.paise, draw.serviceChargeBasisPoints);
    const input: PricingInput = {
      lines,
      orderDiscount: order.discount,
      serviceCharge:
        draw.serviceChargeBasisPoints === undefined ? undefined : { basisPoints: draw.serviceChargeBasisPoints },
      supply: draw.supply,
    };
    return { input, expected: { grossPaise, lineDiscountPaise, orderDiscountPaise: order.paise, serviceChargePaise } };
  });

const price = (input: PricingInput): Bill => {
  const bill = priceBill(input);
  if (bill instanceof DomainError) throw bill;
  return bill;
};

const sum = (values: ReadonlyArray<number>): bigint => values.reduce((total, value) => total + BigInt(value), 0n);

const LINE_FIGURES = [
  'grossPaise',
  'lineDiscountPaise',
  'orderDiscountPaise',
  'serviceChargePaise',
  'taxablePaise',
  'cgstPaise',
  'sgstPaise',
  'igstPaise',
  'totalPaise',
] as const;

describe('priceBill, for any bill of 1–8 lines with in-range discounts', () => {
  it('the bill total is the sum of the line totals, and each line total is taxable + CGST + SGST + IGST', () => {
    fc.assert(
      fc.property(billDraw, ({ input }) => {
        const { lines, totals } = price(input);
        expect(sum(lines.map((line) => line.totalPaise))).toBe(BigInt(totals.totalPaise));
        for (const line of lines) {
          expect(line.totalPaise).toBe(line.taxablePaise + line.cgstPaise + line.sgstPaise + line.igstPaise);
        }
        expect(totals.totalPaise).toBe(totals.taxablePaise + totals.taxPaise);
        expect(totals.taxPaise).toBe(totals.cgstPaise + totals.sgstPaise + totals.igstPaise);
      }),
      RUNS,
    );
  });

  it('what the guest pays is the total plus the round-off: whole rupees, round-off −49..+50', () => {
    fc.assert(
      fc.property(billDraw, ({ input }) => {
        const { totals } = price(input);
        expect(totals.payablePaise - totals.totalPaise).toBe(totals.roundOffPaise);
        expect(totals.payablePaise % 100).toBe(0);
        expect(totals.roundOffPaise).toBeGreaterThanOrEqual(-49);
        expect(totals.roundOffPaise).toBeLessThanOrEqual(50);
      }),
      RUNS,
    );
  });

  it('the order discount shares add up to the order discount, and the service charge shares to the service charge', () => {
    fc.assert(
      fc.property(billDraw, ({ input, expected }) => {
        const { lines, totals } = price(input);
        expect(sum(lines.map((line) => line.orderDiscountPaise))).toBe(expected.orderDiscountPaise);
        expect(sum(lines.map((line) => line.serviceChargePaise))).toBe(expected.serviceChargePaise);
        expect(BigInt(totals.serviceChargePaise)).toBe(expected.serviceChargePaise);
        const lineDiscounts = expected.lineDiscountPaise.reduce((total, paise) => total + paise, 0n);
        expect(BigInt(totals.discountPaise)).toBe(lineDiscounts + expected.orderDiscountPaise);
      }),
      RUNS,
    );
  });

  it('each line keeps its gross and line discount; an exclusive line is taxed on, an inclusive line totals, what is left', () => {
    fc.assert(
      fc.property(billDraw, ({ input, expected }) => {
        price(input).lines.forEach((line, index) => {
          expect(BigInt(line.grossPaise)).toBe(expected.grossPaise[index]);
          expect(BigInt(line.lineDiscountPaise)).toBe(expected.lineDiscountPaise[index]);
          const charged = line.grossPaise - line.lineDiscountPaise - line.orderDiscountPaise + line.serviceChargePaise;
          expect(line.priceIncludesTax ? line.totalPaise : line.taxablePaise).toBe(charged);
        });
      }),
      RUNS,
    );
  });

  it('intra-state bills carry equal CGST and SGST and no IGST; inter-state bills only IGST', () => {
    fc.assert(
      fc.property(billDraw, ({ input }) => {
        for (const line of price(input).lines) {
          expect(line.cgstPaise).toBe(line.sgstPaise);
          if (input.supply === 'intra_state') expect(line.igstPaise).toBe(0);
          else expect(line.cgstPaise).toBe(0);
        }
      }),
      RUNS,
    );
  });

  it('no figure is negative (but the round-off) and every figure is a safe integer; the schemas agree', () => {
    fc.assert(
      fc.property(billDraw, ({ input }) => {
        const { lines, totals } = price(input);
        const figures = [
          ...lines.flatMap((line) => LINE_FIGURES.map((field) => line[field])),
          ...Object.entries(totals)
            .filter(([field]) => field !== 'roundOffPaise')
            .map(([, value]) => value),
        ];
        for (const figure of figures) {
          expect(Number.isSafeInteger(figure)).toBe(true);
          expect(figure).toBeGreaterThanOrEqual(0);
        }
        expect(Number.isSafeInteger(totals.roundOffPaise)).toBe(true);
        for (const line of lines) expect(PricedLine.safeParse(line).success).toBe(true);
        expect(BillTotals.safeParse(totals).success).toBe(true);
      }),
      RUNS,
    );
  });
});
