import { z } from 'zod';
import { domainError, fieldPath, type DomainError } from './errors.js';
import { computeLineTax, GstRate, HsnSacCode, type LineTax, type SupplyKind } from './gst.js';
import {
  allocateByLargestRemainder,
  applyBasisPoints,
  BasisPoints,
  formatRupees,
  multiplyPaise,
  NonNegativePaise,
  PositivePaise,
  roundToRupee,
  sumPaise,
  type Paise,
} from './money.js';

/**
 * Prices a bill: the one computation behind a checkout, a refund's amounts and a B2B invoice, so
 * the register, the server and the invoice all come to the same paise.
 *
 * Order of operations, per the way an Indian restaurant bill is printed:
 * 1. gross = (unit price + modifier prices) × quantity, per line;
 * 2. line discounts (percent of the line's gross, or a fixed amount), per line;
 * 3. the order discount, spread over the lines by largest remainder in proportion to what each
 *    line comes to after step 2;
 * 4. the service charge, a percentage of the discounted subtotal, spread the same way and taxed
 *    with the line it lands on (service charge follows the supply it is charged on);
 * 5. GST per line (see gst.ts for the rounding rule);
 * 6. the bill total rounded to the rupee with an explicit round-off.
 */

export const Discount = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), basisPoints: BasisPoints, reason: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('amount'), amountPaise: PositivePaise, reason: z.string().min(1).max(200) }),
]);
export type Discount = z.infer<typeof Discount>;

export const ServiceCharge = z.object({ basisPoints: BasisPoints });
export type ServiceCharge = z.infer<typeof ServiceCharge>;

/** What the pricing needs to know of one sellable item, resolved from the catalog by the caller. */
export const PriceListEntry = z.object({
  itemId: z.uuid(),
  name: z.string().min(1),
  hsnSac: HsnSacCode,
  unitPricePaise: NonNegativePaise,
  priceIncludesTax: z.boolean(),
  taxRateBasisPoints: GstRate,
});
export type PriceListEntry = z.infer<typeof PriceListEntry>;

export type PricingLine = {
  lineId: string;
  item: PriceListEntry;
  modifiers: ReadonlyArray<{ itemId: string; name: string; unitPricePaise: Paise }>;
  quantity: number;
  discount?: Discount | undefined;
};

export type PricingInput = {
  lines: ReadonlyArray<PricingLine>;
  orderDiscount?: Discount | undefined;
  serviceCharge?: ServiceCharge | undefined;
  supply: SupplyKind;
  /** Where in the command the lines sit, for error paths (`lines`, `data.lines`). */
  linesPath?: string;
  /** Where the order discount sits, likewise (`orderDiscount`, `data.orderDiscount`). */
  orderDiscountPath?: string;
};

export const PricedLine = z.object({
  lineId: z.uuid(),
  itemId: z.uuid(),
  name: z.string(),
  hsnSac: HsnSacCode,
  quantity: z.number().int().positive(),
  unitPricePaise: NonNegativePaise,
  modifiers: z.array(z.object({ itemId: z.uuid(), name: z.string(), unitPricePaise: NonNegativePaise })),
  priceIncludesTax: z.boolean(),
  taxRateBasisPoints: GstRate,
  grossPaise: NonNegativePaise,
  lineDiscountPaise: NonNegativePaise,
  orderDiscountPaise: NonNegativePaise,
  serviceChargePaise: NonNegativePaise,
  taxablePaise: NonNegativePaise,
  cgstPaise: NonNegativePaise,
  sgstPaise: NonNegativePaise,
  igstPaise: NonNegativePaise,
  totalPaise: NonNegativePaise,
});
export type PricedLine = z.infer<typeof PricedLine>;

export const BillTotals = z.object({
  grossPaise: NonNegativePaise,
  discountPaise: NonNegativePaise,
  serviceChargePaise: NonNegativePaise,
  taxablePaise: NonNegativePaise,
  cgstPaise: NonNegativePaise,
  sgstPaise: NonNegativePaise,
  igstPaise: NonNegativePaise,
  taxPaise: NonNegativePaise,
  /** Σ line totals, before rounding to the rupee. */
  totalPaise: NonNegativePaise,
  roundOffPaise: z.number().int().min(-49).max(50),
  /** What the guest pays: total + round-off, a whole number of rupees. */
  payablePaise: NonNegativePaise,
});
export type BillTotals = z.infer<typeof BillTotals>;

export type Bill = { lines: PricedLine[]; totals: BillTotals };

const discountAmount = (discount: Discount, base: Paise, path: string): Paise | DomainError => {
  const amount = discount.kind === 'percent' ? applyBasisPoints(base, discount.basisPoints) : discount.amountPaise;
  if (amount > base) {
    return domainError(
      'PRICING.DISCOUNT_EXCEEDS_AMOUNT',
      path,
      `a discount of ${formatRupees(amount)} exceeds the ${formatRupees(base)} it applies to`,
    );
  }
  return amount;
};

export const priceBill = (input: PricingInput): Bill | DomainError => {
  const linesPath = input.linesPath ?? 'lines';
  if (input.lines.length === 0) return domainError('PRICING.NO_LINES', linesPath, 'a bill needs at least one line');

  const afterLineDiscount: Paise[] = [];
  const lineDiscounts: Paise[] = [];
  const grosses: Paise[] = [];
  for (const [index, line] of input.lines.entries()) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      return domainError(
        'PRICING.INVALID_QUANTITY',
        fieldPath(linesPath, index, 'quantity'),
        'must be a whole number greater than zero',
      );
    }
    const unit = sumPaise([line.item.unitPricePaise, ...line.modifiers.map((modifier) => modifier.unitPricePaise)]);
    const gross = multiplyPaise(unit, line.quantity);
    const discount = line.discount ? discountAmount(line.discount, gross, fieldPath(linesPath, index, 'discount')) : 0;
    if (typeof discount !== 'number') return discount;
    grosses.push(gross);
    lineDiscounts.push(discount);
    afterLineDiscount.push(gross - discount);
  }

  const subtotal = sumPaise(afterLineDiscount);
  const orderDiscount = input.orderDiscount
    ? discountAmount(input.orderDiscount, subtotal, input.orderDiscountPath ?? 'orderDiscount')
    : 0;
  if (typeof orderDiscount !== 'number') return orderDiscount;
  const orderDiscountShares = allocateByLargestRemainder(orderDiscount, afterLineDiscount);
  const discounted = afterLineDiscount.map((amount, index) => amount - (orderDiscountShares[index] ?? 0));

  const serviceCharge = input.serviceCharge
    ? applyBasisPoints(sumPaise(discounted), input.serviceCharge.basisPoints)
    : 0;
  const serviceChargeShares = allocateByLargestRemainder(serviceCharge, discounted);

  const lines = input.lines.map((line, index): PricedLine => {
    const serviceChargePaise = serviceChargeShares[index] ?? 0;
    const tax: LineTax = computeLineTax({
      amountPaise: (discounted[index] ?? 0) + serviceChargePaise,
      rateBasisPoints: line.item.taxRateBasisPoints,
      priceIncludesTax: line.item.priceIncludesTax,
      supply: input.supply,
    });
    return {
      lineId: line.lineId,
      itemId: line.item.itemId,
      name: line.item.name,
      hsnSac: line.item.hsnSac,
      quantity: line.quantity,
      unitPricePaise: line.item.unitPricePaise,
      modifiers: line.modifiers.map(({ itemId, name, unitPricePaise }) => ({ itemId, name, unitPricePaise })),
      priceIncludesTax: line.item.priceIncludesTax,
      taxRateBasisPoints: line.item.taxRateBasisPoints,
      grossPaise: grosses[index] ?? 0,
      lineDiscountPaise: lineDiscounts[index] ?? 0,
      orderDiscountPaise: orderDiscountShares[index] ?? 0,
      serviceChargePaise,
      taxablePaise: tax.taxablePaise,
      cgstPaise: tax.cgstPaise,
      sgstPaise: tax.sgstPaise,
      igstPaise: tax.igstPaise,
      totalPaise: tax.totalPaise,
    };
  });

  return { lines, totals: totalsOf(lines) };
};

/** Sums priced lines into bill totals; also used for the part of a bill that a refund returns. */
export const totalsOf = (lines: ReadonlyArray<PricedLine>): BillTotals => {
  const sum = (pick: (line: PricedLine) => Paise) => sumPaise(lines.map(pick));
  const totalPaise = sum((line) => line.totalPaise);
  const { roundedPaise, roundOffPaise } = roundToRupee(totalPaise);
  const cgstPaise = sum((line) => line.cgstPaise);
  const sgstPaise = sum((line) => line.sgstPaise);
  const igstPaise = sum((line) => line.igstPaise);
  return {
    grossPaise: sum((line) => line.grossPaise),
    discountPaise: sum((line) => line.lineDiscountPaise + line.orderDiscountPaise),
    serviceChargePaise: sum((line) => line.serviceChargePaise),
    taxablePaise: sum((line) => line.taxablePaise),
    cgstPaise,
    sgstPaise,
    igstPaise,
    taxPaise: cgstPaise + sgstPaise + igstPaise,
    totalPaise,
    roundOffPaise,
    payablePaise: roundedPaise,
  };
};
