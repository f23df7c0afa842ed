import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  BillTotals,
  Discount,
  PricedLine,
  priceBill,
  totalsOf,
  type Bill,
  type PriceListEntry,
  type PricingInput,
  type PricingLine,
} from './pricing.js';
import { id } from './testing/fixtures.js';

const PIZZA: PriceListEntry = {
  itemId: id(0x101),
  name: 'Margherita pizza',
  hsnSac: '996331',
  unitPricePaise: 34_900,
  priceIncludesTax: false,
  taxRateBasisPoints: 500,
};
const GARLIC_BREAD: PriceListEntry = { ...PIZZA, itemId: id(0x102), name: 'Garlic bread', unitPricePaise: 14_900 };
const MASALA_CHAI: PriceListEntry = { ...PIZZA, itemId: id(0x103), name: 'Masala chai', unitPricePaise: 4500 };
/** A packaged drink: its menu price includes 18 % GST. */
const ICED_TEA: PriceListEntry = {
  itemId: id(0x104),
  name: 'Bottled iced tea',
  hsnSac: '22029920',
  unitPricePaise: 9000,
  priceIncludesTax: true,
  taxRateBasisPoints: 1800,
};
const EXTRA_CHEESE = { itemId: id(0x201), name: 'Extra cheese', unitPricePaise: 6000 };

const line = (n: number, item: PriceListEntry, quantity: number, extra: Partial<PricingLine> = {}): PricingLine => ({
  lineId: id(0x300 + n),
  item,
  modifiers: [],
  quantity,
  ...extra,
});

const price = (input: PricingInput): Bill => {
  const bill = priceBill(input);
  if (bill instanceof DomainError) throw bill;
  return bill;
};

const tenPercentOff: Discount = { kind: 'percent', basisPoints: 1000, reason: 'regulars' };
const staffFivePercent: Discount = { kind: 'percent', basisPoints: 500, reason: 'staff' };

/** Two cheese pizzas and a garlic bread with 5 % off for staff, then 10 % off the order. */
const pizzaNight = (supply: PricingInput['supply']): PricingInput => ({
  lines: [line(1, PIZZA, 2, { modifiers: [EXTRA_CHEESE] }), line(2, GARLIC_BREAD, 1, { discount: staffFivePercent })],
  orderDiscount: tenPercentOff,
  supply,
});

describe('priceBill, a dine-in bill with line and order discounts, 5 % GST exclusive', () => {
  // Line 1: (34900 + 6000) × 2 = 81800 gross, no line discount.
  // Line 2: 14900 gross, 5 % staff discount = 745 → 14155.
  // Subtotal 95955; 10 % off the order = 9595.5 → 9596 (half up).
  // Spread over [81800, 14155]: exact 8180.43 and 1415.57, floors 8180 + 1415 = 9595, the spare
  // paisa goes to the larger remainder (line 2): [8180, 1416]. Discounted: [73620, 12739].

  it('intra-state: CGST and SGST of 2.5 % each, rounded per half', () => {
    const bill = price(pizzaNight('intra_state'));
    // Line 1: 73620 × 2.5 % = 1840.5 → 1841 each; total 73620 + 3682 = 77302.
    // Line 2: 12739 × 2.5 % = 318.475 → 318 each; total 12739 + 636 = 13375.
    expect(
      bill.lines.map(
        ({
          grossPaise,
          lineDiscountPaise,
          orderDiscountPaise,
          taxablePaise,
          cgstPaise,
          sgstPaise,
          igstPaise,
          totalPaise,
        }) => ({
          grossPaise,
          lineDiscountPaise,
          orderDiscountPaise,
          taxablePaise,
          cgstPaise,
          sgstPaise,
          igstPaise,
          totalPaise,
        }),
      ),
    ).toEqual([
      {
        grossPaise: 81_800,
        lineDiscountPaise: 0,
        orderDiscountPaise: 8180,
        taxablePaise: 73_620,
        cgstPaise: 1841,
        sgstPaise: 1841,
        igstPaise: 0,
        totalPaise: 77_302,
      },
      {
        grossPaise: 14_900,
        lineDiscountPaise: 745,
        orderDiscountPaise: 1416,
        taxablePaise: 12_739,
        cgstPaise: 318,
        sgstPaise: 318,
        igstPaise: 0,
        totalPaise: 13_375,
      },
    ]);
    // Total 90677 = ₹906.77 → ₹907, round-off +23.
    expect(bill.totals).toEqual({
      grossPaise: 96_700,
      discountPaise: 10_341,
      serviceChargePaise: 0,
      taxablePaise: 86_359,
      cgstPaise: 2159,
      sgstPaise: 2159,
      igstPaise: 0,
      taxPaise: 4318,
      totalPaise: 90_677,
      roundOffPaise: 23,
      payablePaise: 90_700,
    });
  });

  it('inter-state: one IGST of 5 %, rounded once per line', () => {
    const bill = price(pizzaNight('inter_state'));
    // Line 1: 73620 × 5 % = 3681 exactly (a paisa less than the two rounded halves above).
    // Line 2: 12739 × 5 % = 636.95 → 637.
    expect(
      bill.lines.map(({ cgstPaise, sgstPaise, igstPaise, totalPaise }) => ({
        cgstPaise,
        sgstPaise,
        igstPaise,
        totalPaise,
      })),
    ).toEqual([
      { cgstPaise: 0, sgstPaise: 0, igstPaise: 3681, totalPaise: 77_301 },
      { cgstPaise: 0, sgstPaise: 0, igstPaise: 637, totalPaise: 13_376 },
    ]);
    expect(bill.totals).toMatchObject({
      taxablePaise: 86_359,
      cgstPaise: 0,
      sgstPaise: 0,
      igstPaise: 4318,
      taxPaise: 4318,
      totalPaise: 90_677,
      roundOffPaise: 23,
      payablePaise: 90_700,
    });
  });

  it('describes each line with its item, quantity and modifiers, and passes the PricedLine and BillTotals schemas', () => {
    const bill = price(pizzaNight('intra_state'));
    expect(bill.lines[0]).toMatchObject({
      lineId: id(0x301),
      itemId: PIZZA.itemId,
      name: 'Margherita pizza',
      hsnSac: '996331',
      quantity: 2,
      unitPricePaise: 34_900,
      modifiers: [EXTRA_CHEESE],
      priceIncludesTax: false,
      taxRateBasisPoints: 500,
    });
    for (const priced of bill.lines) expect(PricedLine.safeParse(priced).success).toBe(true);
    expect(BillTotals.safeParse(bill.totals).success).toBe(true);
  });
});

describe('priceBill, a flat order discount and a 10 % service charge', () => {
  // Lines: cheese pizza 40900, garlic bread 14900, 3 × chai 13500; subtotal 69300.
  // ₹50 off (5000) over [40900, 14900, 13500]: exact 2950.94, 1075.04, 974.03; floors sum 4999,
  // the spare paisa to line 1 (.94): [2951, 1075, 974]. Discounted: [37949, 13825, 12526] = 64300.
  // Service charge 10 % of 64300 = 6430 over the discounted lines: exact 3794.9, 1382.5, 1252.6;
  // floors 6428, the two spare paise to .9 (line 1) and .6 (line 3): [3795, 1382, 1253].
  // Taxed with the line it lands on: [41744, 15207, 13779].
  const input: PricingInput = {
    lines: [line(1, PIZZA, 1, { modifiers: [EXTRA_CHEESE] }), line(2, GARLIC_BREAD, 1), line(3, MASALA_CHAI, 3)],
    orderDiscount: { kind: 'amount', amountPaise: 5000, reason: 'coupon' },
    serviceCharge: { basisPoints: 1000 },
    supply: 'intra_state',
  };

  it('spreads the discount and the service charge by largest remainder and taxes the service charge', () => {
    const bill = price(input);
    // CGST = SGST: 41744 × 2.5 % = 1043.6 → 1044; 15207 × 2.5 % = 380.175 → 380; 13779 × 2.5 % = 344.475 → 344.
    expect(
      bill.lines.map(({ orderDiscountPaise, serviceChargePaise, taxablePaise, cgstPaise, sgstPaise, totalPaise }) => ({
        orderDiscountPaise,
        serviceChargePaise,
        taxablePaise,
        cgstPaise,
        sgstPaise,
        totalPaise,
      })),
    ).toEqual([
      {
        orderDiscountPaise: 2951,
        serviceChargePaise: 3795,
        taxablePaise: 41_744,
        cgstPaise: 1044,
        sgstPaise: 1044,
        totalPaise: 43_832,
      },
      {
        orderDiscountPaise: 1075,
        serviceChargePaise: 1382,
        taxablePaise: 15_207,
        cgstPaise: 380,
        sgstPaise: 380,
        totalPaise: 15_967,
      },
      {
        orderDiscountPaise: 974,
        serviceChargePaise: 1253,
        taxablePaise: 13_779,
        cgstPaise: 344,
        sgstPaise: 344,
        totalPaise: 14_467,
      },
    ]);
    // Total 43832 + 15967 + 14467 = 74266 = ₹742.66 → ₹743, round-off +34.
    expect(bill.totals).toEqual({
      grossPaise: 69_300,
      discountPaise: 5000,
      serviceChargePaise: 6430,
      taxablePaise: 70_730,
      cgstPaise: 1768,
      sgstPaise: 1768,
      igstPaise: 0,
      taxPaise: 3536,
      totalPaise: 74_266,
      roundOffPaise: 34,
      payablePaise: 74_300,
    });
  });
});

describe('priceBill, tax-inclusive drinks at 18 % with food at 5 % exclusive', () => {
  it('keeps the drinks at their menu price and rounds the bill down when under half a rupee', () => {
    const bill = price({ lines: [line(1, PIZZA, 1), line(2, ICED_TEA, 2)], supply: 'intra_state' });
    // Pizza: 34900 × 2.5 % = 872.5 → 873 each; total 34900 + 1746 = 36646.
    // Iced tea: 2 × 9000 = 18000 inclusive; estimate round(18000 / 1.18) = round(15254.24) = 15254;
    // CGST = SGST = round(15254 × 9 %) = round(1372.86) = 1373; taxable 18000 − 2746 = 15254; total 18000.
    expect(
      bill.lines.map(({ taxablePaise, cgstPaise, sgstPaise, totalPaise }) => ({
        taxablePaise,
        cgstPaise,
        sgstPaise,
        totalPaise,
      })),
    ).toEqual([
      { taxablePaise: 34_900, cgstPaise: 873, sgstPaise: 873, totalPaise: 36_646 },
      { taxablePaise: 15_254, cgstPaise: 1373, sgstPaise: 1373, totalPaise: 18_000 },
    ]);
    // Total 54646 = ₹546.46 → ₹546, round-off −46.
    expect(bill.totals).toEqual({
      grossPaise: 52_900,
      discountPaise: 0,
      serviceChargePaise: 0,
      taxablePaise: 50_154,
      cgstPaise: 2246,
      sgstPaise: 2246,
      igstPaise: 0,
      taxPaise: 4492,
      totalPaise: 54_646,
      roundOffPaise: -46,
      payablePaise: 54_600,
    });
  });
});

describe('priceBill, discounts at their limits', () => {
  it('allows a line discount of the whole line, which then takes no share of an order discount', () => {
    const bill = price({
      lines: [
        line(1, GARLIC_BREAD, 1, { discount: { kind: 'amount', amountPaise: 14_900, reason: 'complimentary' } }),
        line(2, MASALA_CHAI, 1),
      ],
      orderDiscount: { kind: 'amount', amountPaise: 500, reason: 'coupon' },
      supply: 'intra_state',
    });
    // Chai 4500 − 500 = 4000; 4000 × 2.5 % = 100 each; total 4200.
    expect(
      bill.lines.map(({ lineDiscountPaise, orderDiscountPaise, totalPaise }) => ({
        lineDiscountPaise,
        orderDiscountPaise,
        totalPaise,
      })),
    ).toEqual([
      { lineDiscountPaise: 14_900, orderDiscountPaise: 0, totalPaise: 0 },
      { lineDiscountPaise: 0, orderDiscountPaise: 500, totalPaise: 4200 },
    ]);
    expect(bill.totals).toMatchObject({
      discountPaise: 15_400,
      totalPaise: 4200,
      payablePaise: 4200,
      roundOffPaise: 0,
    });
  });

  it('allows a 100 % order discount: everything comes to zero', () => {
    const bill = price({
      lines: [line(1, PIZZA, 1)],
      orderDiscount: { kind: 'percent', basisPoints: 10_000, reason: 'on the house' },
      supply: 'intra_state',
    });
    expect(bill.totals).toMatchObject({ discountPaise: 34_900, taxPaise: 0, totalPaise: 0, payablePaise: 0 });
  });

  it('prices a bill of free items at zero, service charge included', () => {
    const free = { ...MASALA_CHAI, unitPricePaise: 0 };
    const bill = price({ lines: [line(1, free, 2)], serviceCharge: { basisPoints: 1000 }, supply: 'inter_state' });
    expect(bill.totals).toMatchObject({ grossPaise: 0, serviceChargePaise: 0, totalPaise: 0, payablePaise: 0 });
  });
});

describe('priceBill, refusals', () => {
  it('refuses a bill with no lines: PRICING.NO_LINES at the lines', () => {
    expect(priceBill({ lines: [], supply: 'intra_state' })).toMatchObject({ code: 'PRICING.NO_LINES', path: 'lines' });
    expect(priceBill({ lines: [], supply: 'intra_state', linesPath: 'data.lines' })).toMatchObject({
      code: 'PRICING.NO_LINES',
      path: 'data.lines',
    });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses quantity %s: PRICING.INVALID_QUANTITY at the line', (quantity) => {
    const result = priceBill({
      lines: [line(1, PIZZA, 1), line(2, PIZZA, quantity)],
      supply: 'intra_state',
      linesPath: 'data.lines',
    });
    expect(result).toBeInstanceOf(DomainError);
    expect(result).toMatchObject({ code: 'PRICING.INVALID_QUANTITY', path: 'data.lines.1.quantity' });
  });

  it('refuses a line discount larger than the line: PRICING.DISCOUNT_EXCEEDS_AMOUNT at the line discount', () => {
    const tooMuch: Discount = { kind: 'amount', amountPaise: 14_901, reason: 'typo' };
    expect(
      priceBill({ lines: [line(1, PIZZA, 1), line(2, GARLIC_BREAD, 1, { discount: tooMuch })], supply: 'intra_state' }),
    ).toMatchObject({
      code: 'PRICING.DISCOUNT_EXCEEDS_AMOUNT',
      path: 'lines.1.discount',
    });
  });

  it('refuses an order discount larger than the discounted subtotal: PRICING.DISCOUNT_EXCEEDS_AMOUNT at the order discount', () => {
    // Subtotal after the staff discount is 14155, so 14156 off is too much.
    const input: PricingInput = {
      lines: [line(1, GARLIC_BREAD, 1, { discount: staffFivePercent })],
      orderDiscount: { kind: 'amount', amountPaise: 14_156, reason: 'typo' },
      supply: 'intra_state',
    };
    expect(priceBill(input)).toMatchObject({ code: 'PRICING.DISCOUNT_EXCEEDS_AMOUNT', path: 'orderDiscount' });
    expect(priceBill({ ...input, orderDiscountPath: 'data.orderDiscount' })).toMatchObject({
      code: 'PRICING.DISCOUNT_EXCEEDS_AMOUNT',
      path: 'data.orderDiscount',
    });
    expect(
      priceBill({ ...input, orderDiscount: { kind: 'amount', amountPaise: 14_155, reason: 'all of it' } }),
    ).not.toBeInstanceOf(DomainError);
  });
});

describe('totalsOf', () => {
  it('sums a subset of priced lines, as a refund of part of a bill does', () => {
    const bill = price(pizzaNight('intra_state'));
    const garlicBread = bill.lines.slice(1);
    // 13375 = ₹133.75 → ₹134, round-off +25.
    expect(totalsOf(garlicBread)).toEqual({
      grossPaise: 14_900,
      discountPaise: 745 + 1416,
      serviceChargePaise: 0,
      taxablePaise: 12_739,
      cgstPaise: 318,
      sgstPaise: 318,
      igstPaise: 0,
      taxPaise: 636,
      totalPaise: 13_375,
      roundOffPaise: 25,
      payablePaise: 13_400,
    });
  });

  it('sums no lines to zero', () => {
    expect(totalsOf([])).toMatchObject({ totalPaise: 0, roundOffPaise: 0, payablePaise: 0 });
  });
});

describe('Discount', () => {
  it('accepts a percent or a positive amount, each with a reason', () => {
    expect(Discount.safeParse({ kind: 'percent', basisPoints: 1000, reason: 'regulars' }).success).toBe(true);
    expect(Discount.safeParse({ kind: 'amount', amountPaise: 5000, reason: 'coupon' }).success).toBe(true);
  });

  it('rejects a zero amount, more than 100 %, and a missing reason', () => {
    expect(Discount.safeParse({ kind: 'amount', amountPaise: 0, reason: 'coupon' }).success).toBe(false);
    expect(Discount.safeParse({ kind: 'percent', basisPoints: 10_001, reason: 'too generous' }).success).toBe(false);
    expect(Discount.safeParse({ kind: 'percent', basisPoints: 1000, reason: '' }).success).toBe(false);
  });
});
