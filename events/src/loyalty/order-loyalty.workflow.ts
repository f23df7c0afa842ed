import type { OrderPlaced, OrderRefunded, OrderVoided } from '../order/order.events.js';
import type { PaymentTendered } from '../payment/payment.events.js';
import { localDateAndHour } from '../time.js';
import { loyaltyAccountStreamId } from './loyalty-account.decider.js';
import type { LoyaltyRule, ReverseOrderLoyalty, SettleOrderLoyalty } from './loyalty.commands.js';
import { loyaltyRedemptions } from './redemptions.js';

/** An event of an order's stream, as a decision produced it or as it was stored. */
export type OrderEventSource = { eventId: string; type: string; occurredAt: string; data: unknown };

/**
 * What the workflow knows of the order besides the events: the customer and brand it was sold
 * to (from the OrderPlaced, or the order's state for a later void or refund), the store's time
 * zone (business dates are store-local), how the redemption is judged, and the brand's rule.
 */
export type OrderLoyaltyFacts = {
  customerId: string | undefined;
  brandId: string | null;
  timeZone: string;
  /** `online`: a checkout whose redemption was checked just before; `replay`: an offline sale, which stands. */
  mode: 'online' | 'replay';
  rule: LoyaltyRule | null;
};

/**
 * A command on a customer's account that follows from an order event. Its id is derived from
 * the source event and the purpose, so the host runs it once however often the order's command
 * or replay is retried.
 */
export type LoyaltyReaction = {
  sourceEventId: string;
  purpose: 'loyalty-settle' | 'loyalty-reverse';
  streamId: string;
  command: SettleOrderLoyalty | ReverseOrderLoyalty;
};

/**
 * Order → loyalty, declared once for the ledger and a register: from the events an order
 * decision produced, the account commands that follow. A sale to a customer redeems its loyalty
 * tenders and accrues on the rest of what it paid; a refund reverses the accrual in proportion
 * (and redeemed points when the money goes back to the loyalty tender); a void reverses
 * everything, to every tender. Nothing here reads a stream: the reactions run from the events.
 */
export const orderLoyaltyReactions = (
  produced: ReadonlyArray<OrderEventSource>,
  facts: OrderLoyaltyFacts,
): LoyaltyReaction[] => {
  const { customerId, brandId, timeZone, rule } = facts;
  if (customerId === undefined || brandId === null) return [];
  const streamId = loyaltyAccountStreamId(brandId, customerId);
  const businessDate = (event: OrderEventSource) => localDateAndHour(event.occurredAt, timeZone).date;
  const tenders = produced.flatMap((event) =>
    event.type === 'PaymentTendered' ? [event.data as PaymentTendered['data']] : [],
  );
  return produced.flatMap((event): LoyaltyReaction[] => {
    switch (event.type) {
      case 'OrderPlaced': {
        const placed = event.data as OrderPlaced['data'];
        return [
          {
            sourceEventId: event.eventId,
            purpose: 'loyalty-settle',
            streamId,
            command: {
              type: 'SettleOrderLoyalty',
              data: {
                orderId: placed.orderId,
                mode: facts.mode,
                payablePaise: placed.totals.payablePaise,
                redemptions: loyaltyRedemptions(tenders),
                businessDate: businessDate(event),
              },
              context: { rule },
            },
          },
        ];
      }
      case 'OrderRefunded': {
        const refund = event.data as OrderRefunded['data'];
        return [
          reversal(event, streamId, rule, {
            orderId: refund.orderId,
            refundId: refund.refundId,
            refundPaise: refund.refundPaise,
            toLoyaltyTender: refund.tender.kind === 'loyalty',
            completesRefund: refund.completesRefund,
            businessDate: businessDate(event),
          }),
        ];
      }
      case 'OrderVoided': {
        const voided = event.data as OrderVoided['data'];
        return [
          reversal(event, streamId, rule, {
            orderId: voided.orderId,
            refundId: event.eventId,
            refundPaise: voided.reversedPaise,
            toLoyaltyTender: true,
            completesRefund: true,
            businessDate: businessDate(event),
          }),
        ];
      }
      default:
        return [];
    }
  });
};

const reversal = (
  event: OrderEventSource,
  streamId: string,
  rule: LoyaltyRule | null,
  data: ReverseOrderLoyalty['data'],
): LoyaltyReaction => ({
  sourceEventId: event.eventId,
  purpose: 'loyalty-reverse',
  streamId,
  command: { type: 'ReverseOrderLoyalty', data, context: { rule } },
});
