import { domainError, fieldPath, type DomainError } from '../errors.js';
import { formatRupees } from '../money.js';
import { priceBill, type PricedLine } from '../pricing.js';
import type { OrderPlaced } from './order.events.js';

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
] as const satisfies ReadonlyArray<keyof PricedLine>;

/**
 * Re-prices an order decided elsewhere (an offline register's OrderPlaced) from its own recorded
 * prices, rates, quantities, discounts and service charge, and checks every figure it states: a
 * total, a tax split or a round-off that was edited after the decision is refused with the field
 * named. Whether those prices were the catalog's at the time is a separate question, answered as
 * a conflict, not here.
 *
 * A line's own discount is recorded as the paise it came to, so it is re-applied as that amount.
 */
export const verifyOrderPlaced = (data: OrderPlaced['data'], path = 'data'): DomainError | undefined => {
  const bill = priceBill({
    lines: data.lines.map((line) => ({
      lineId: line.lineId,
      item: {
        itemId: line.itemId,
        name: line.name,
        hsnSac: line.hsnSac,
        unitPricePaise: line.unitPricePaise,
        priceIncludesTax: line.priceIncludesTax,
        taxRateBasisPoints: line.taxRateBasisPoints,
      },
      modifiers: line.modifiers,
      quantity: line.quantity,
      discount:
        line.lineDiscountPaise > 0
          ? { kind: 'amount', amountPaise: line.lineDiscountPaise, reason: 'as recorded' }
          : undefined,
    })),
    orderDiscount: data.orderDiscount,
    serviceCharge: data.serviceCharge,
    supply: data.supply,
    linesPath: fieldPath(path, 'lines'),
    orderDiscountPath: fieldPath(path, 'orderDiscount'),
  });
  if (bill instanceof Error) return bill;

  for (const [index, line] of bill.lines.entries()) {
    const recorded = data.lines[index] as PricedLine;
    for (const figure of LINE_FIGURES) {
      if (recorded[figure] !== line[figure]) {
        return mismatch(fieldPath(path, 'lines', index, figure), recorded[figure], line[figure]);
      }
    }
  }
  for (const [figure, value] of Object.entries(bill.totals) as Array<[keyof typeof bill.totals, number]>) {
    if (data.totals[figure] !== value) return mismatch(fieldPath(path, 'totals', figure), data.totals[figure], value);
  }
  if (
    data.changePaise !== Math.max(0, data.tenderedPaise - bill.totals.payablePaise) ||
    data.tenderedPaise < bill.totals.payablePaise
  ) {
    return domainError(
      'ORDER.TENDERS_INCONSISTENT',
      fieldPath(path, 'changePaise'),
      'tendered, change and payable do not agree',
    );
  }
  return undefined;
};

const mismatch = (path: string, recorded: number, computed: number): DomainError =>
  domainError(
    'ORDER.TOTAL_MISMATCH',
    path,
    `records ${formatRupees(recorded)} but the order comes to ${formatRupees(computed)}`,
  );
