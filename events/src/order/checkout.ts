import type { CatalogView } from '../catalog/catalog-entry.js';
import type { Decision } from '../decider.js';
import { domainError, fieldPath, type DomainError } from '../errors.js';
import { supplyKindOf } from '../gst.js';
import { formatRupees, sumPaise } from '../money.js';
import { paymentDecider } from '../payment/payment.decider.js';
import type { PaymentEvent } from '../payment/payment.events.js';
import { priceBill, type PricingLine } from '../pricing.js';
import { depletionOf, type StockDepleted } from '../stock/stock-depleted.js';
import type { OrderLineRequest, PlaceOrder } from './order.commands.js';
import type { OrderPlaced } from './order.events.js';

/** What a checkout appends: the order as sold, its tenders, and the stock its recipes use. */
export type CheckoutEvent = OrderPlaced | PaymentEvent | StockDepleted;

/** The refusal of a sale naming a customer the org does not have. */
export const unknownCustomer = (): DomainError =>
  domainError('ORDER.UNKNOWN_CUSTOMER', 'data.customerId', 'no customer with this id is registered in the org');

/**
 * The lines of a sale as the pricing needs them, each checked against the catalog it is sold
 * from: a known, active item on its own line, known active modifiers on it, every line id once.
 */
export const pricingLinesOf = (
  lines: ReadonlyArray<OrderLineRequest>,
  catalog: CatalogView,
  linesPath: string,
): PricingLine[] | DomainError => {
  const lineIds = new Set<string>();
  const pricingLines: PricingLine[] = [];
  for (const [index, line] of lines.entries()) {
    const path = (...rest: Array<string | number>) => fieldPath(linesPath, index, ...rest);
    if (lineIds.has(line.lineId))
      return domainError('ORDER.DUPLICATE_LINE_ID', path('lineId'), 'each line needs its own id');
    lineIds.add(line.lineId);
    const item = catalog[line.itemId];
    if (!item) return domainError('ORDER.UNKNOWN_ITEM', path('itemId'), 'this item is not in the catalog');
    if (item.kind !== 'item')
      return domainError('ORDER.NOT_AN_ITEM', path('itemId'), 'a modifier cannot be sold on its own line');
    if (!item.active) return domainError('ORDER.ITEM_INACTIVE', path('itemId'), `${item.name} is not on sale`);
    const modifiers = [];
    for (const [modifierIndex, modifierId] of line.modifierIds.entries()) {
      const modifier = catalog[modifierId];
      const modifierPath = path('modifierIds', modifierIndex);
      if (!modifier) return domainError('ORDER.UNKNOWN_ITEM', modifierPath, 'this modifier is not in the catalog');
      if (modifier.kind !== 'modifier')
        return domainError('ORDER.NOT_A_MODIFIER', modifierPath, `${modifier.name} is not a modifier`);
      if (!modifier.active) return domainError('ORDER.ITEM_INACTIVE', modifierPath, `${modifier.name} is not on sale`);
      modifiers.push({ itemId: modifier.itemId, name: modifier.name, unitPricePaise: modifier.unitPricePaise });
    }
    pricingLines.push({ lineId: line.lineId, item, modifiers, quantity: line.quantity, discount: line.discount });
  }
  return pricingLines;
};

/**
 * The sale itself, whatever led to it: a quick-service checkout in one command, or a running tab
 * settled at the end of the meal. Both produce the same facts, so every report reads them alike.
 */
export const checkoutEvents = ({ data, context }: PlaceOrder): Decision<CheckoutEvent> => {
  if (context.store.storeId !== data.storeId) {
    return domainError(
      'ORDER.STORE_MISMATCH',
      'data.storeId',
      'the order names a different store from the one it is placed in',
    );
  }

  if (data.customerId !== undefined) {
    if (context.customer?.customerId !== data.customerId) return unknownCustomer();
    if (context.customer.status !== 'active')
      return domainError('ORDER.CUSTOMER_FORGOTTEN', 'data.customerId', 'this customer has been erased');
  }

  // Points belong to a customer's account: a loyalty tender on an order with nobody on it would
  // have no account to redeem from. Whether the account covers it is the loyalty decider's call.
  const anonymousPoints = data.tenders.findIndex((tender) => tender.kind === 'loyalty');
  if (anonymousPoints >= 0 && data.customerId === undefined)
    return domainError(
      'ORDER.LOYALTY_NEEDS_CUSTOMER',
      fieldPath('data.tenders', anonymousPoints, 'kind'),
      "a loyalty tender redeems a customer's points; name the customer on the order",
    );

  const pricingLines = pricingLinesOf(data.lines, context.catalog, 'data.lines');
  if (pricingLines instanceof Error) return pricingLines;

  const placeOfSupply = data.placeOfSupply ?? context.store.stateCode;
  const supply = supplyKindOf(context.store.stateCode, placeOfSupply);
  const bill = priceBill({
    lines: pricingLines,
    orderDiscount: data.orderDiscount,
    serviceCharge: data.serviceCharge,
    supply,
    linesPath: 'data.lines',
    orderDiscountPath: 'data.orderDiscount',
  });
  if (bill instanceof Error) return bill;

  const payments = paymentDecider.decide(
    {
      type: 'TenderPayments',
      data: { orderId: data.orderId, payablePaise: bill.totals.payablePaise, tenders: data.tenders },
    },
    paymentDecider.initialState(),
  );
  if (payments instanceof Error) return payments;
  const changePaise = sumPaise(
    payments.map((event) => (event.type === 'PaymentTendered' ? event.data.changePaise : 0)),
  );

  const claimed = data.claimedTotals ?? {};
  const computed = { payablePaise: bill.totals.payablePaise, taxPaise: bill.totals.taxPaise, changePaise };
  for (const field of ['payablePaise', 'taxPaise', 'changePaise'] as const) {
    const claim = claimed[field];
    if (claim !== undefined && claim !== computed[field]) {
      return domainError(
        'ORDER.TOTAL_MISMATCH',
        fieldPath('data.claimedTotals', field),
        `the register claims ${formatRupees(claim)} but the order comes to ${formatRupees(computed[field])}`,
      );
    }
  }

  const placed: OrderPlaced = {
    type: 'OrderPlaced',
    data: {
      orderId: data.orderId,
      storeId: data.storeId,
      registerId: data.registerId,
      shiftId: data.shiftId,
      ...(data.orderNumber === undefined ? {} : { orderNumber: data.orderNumber }),
      channel: data.channel,
      supply,
      placeOfSupply,
      lines: bill.lines,
      ...(data.orderDiscount === undefined ? {} : { orderDiscount: data.orderDiscount }),
      ...(data.serviceCharge === undefined ? {} : { serviceCharge: data.serviceCharge }),
      totals: bill.totals,
      tenderedPaise: sumPaise(data.tenders.map((tender) => tender.amountPaise)),
      changePaise,
      ...(data.customerId === undefined ? {} : { customerId: data.customerId }),
    },
  };
  const depletion = depletionOf(
    {
      orderId: data.orderId,
      storeId: data.storeId,
      lines: data.lines.map(({ lineId, itemId, modifierIds, quantity }) => ({ lineId, itemId, modifierIds, quantity })),
    },
    context.catalog,
  );
  return [placed, ...payments, ...depletion];
};
