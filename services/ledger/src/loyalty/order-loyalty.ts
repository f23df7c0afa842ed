import {
  loyaltyRedemptions,
  localDateAndHour,
  loyaltyAccountDecider,
  loyaltyAccountStreamId,
  loyaltyProgrammeDecider,
  loyaltyProgrammeStreamId,
  type EnvelopeMetadata,
  type EventEnvelope,
  type EventStore,
  type LoyaltyRedemptionShortfall,
  type OfflineConflict,
  type LoyaltyAccountState,
  type LoyaltyRule,
  type OrderPlaced,
  type OrderRefunded,
  type OrderVoided,
  type PaymentTendered,
  type StoredEvent,
} from '@possier/events';
import { deriveEventId } from '../commands/event-ids.js';
import { foldStream } from '../commands/folded-streams.js';
import type { Caller, LedgerContext } from '../commands/ledger-context.js';
import type { CommandOutcome } from '../commands/stream-executor.js';

/** The brand's loyalty rule as its programme stream says now, or null when it has none. */
export const loyaltyRuleOf = async (store: EventStore, orgId: string, brandId: string): Promise<LoyaltyRule | null> => {
  const state = await foldStream(store, orgId, loyaltyProgrammeStreamId(brandId), loyaltyProgrammeDecider);
  return state.status === 'set' ? state.rule : null;
};

/** A customer's account with a brand, folded from its stream (the source of truth for the balance). */
export const loyaltyAccountOf = (
  store: EventStore,
  orgId: string,
  brandId: string,
  customerId: string,
): Promise<LoyaltyAccountState> =>
  foldStream(store, orgId, loyaltyAccountStreamId(brandId, customerId), loyaltyAccountDecider);

/** The sale as stored: its OrderPlaced and tenders, with the envelope of the OrderPlaced. */
export type PlacedSale = {
  placed: { eventId: string; occurredAt: string; brandId: string | null; data: OrderPlaced['data'] };
  tenders: ReadonlyArray<PaymentTendered['data']>;
};

export const placedSaleOf = (
  events: ReadonlyArray<{ eventId: string; type: string; occurredAt: string; brandId: string | null; data: unknown }>,
): PlacedSale | undefined => {
  const placed = events.find((event) => event.type === 'OrderPlaced');
  if (!placed) return undefined;
  return {
    placed: { ...placed, data: placed.data as OrderPlaced['data'] },
    tenders: events
      .filter((event) => event.type === 'PaymentTendered')
      .map((event) => event.data as PaymentTendered['data']),
  };
};

/**
 * Redeems a paid order's loyalty tenders and accrues its points on the customer's account, once:
 * the account command's id is derived from the sale's OrderPlaced event id, so a retried checkout
 * or a replayed batch finds it done. `online` follows a checkout whose redemption was checked
 * just before; should another checkout have spent the points in between, the order already
 * stands, so both modes redeem what is there and record the shortfall (the balance floors at 0).
 */
export const settleOrderLoyalty = async (
  ledger: LedgerContext,
  caller: Caller,
  sale: PlacedSale,
  context: { orgId: string; timeZone: string; metadata: (commandId: string) => EnvelopeMetadata },
): Promise<CommandOutcome | undefined> => {
  const { customerId, orderId, totals } = sale.placed.data;
  const brandId = sale.placed.brandId;
  if (customerId === undefined || brandId === null) return undefined;
  const commandId = deriveEventId(sale.placed.eventId, 'loyalty-settle');
  const rule = await loyaltyRuleOf(ledger.store, context.orgId, brandId);
  return ledger.run(caller, {
    commandId,
    streamId: loyaltyAccountStreamId(brandId, customerId),
    decider: loyaltyAccountDecider,
    prepare: async () => ({
      command: {
        type: 'SettleOrderLoyalty' as const,
        data: {
          orderId,
          mode: 'replay' as const,
          payablePaise: totals.payablePaise,
          redemptions: loyaltyRedemptions(sale.tenders),
          businessDate: localDateAndHour(sale.placed.occurredAt, context.timeZone).date,
        },
        context: { rule },
      },
      metadata: context.metadata(commandId),
    }),
  });
};

/**
 * Reverses an order's loyalty for a refund (or a void, as a refund of everything to every tender
 * it was paid with): the accrual in proportion, and redeemed points when the money goes back to
 * the loyalty tender. Idempotent by the refund's own id.
 */
export const reverseOrderLoyalty = async (
  ledger: LedgerContext,
  caller: Caller,
  reversal: {
    orgId: string;
    brandId: string;
    customerId: string;
    orderId: string;
    refundId: string;
    refundPaise: number;
    toLoyaltyTender: boolean;
    completesRefund: boolean;
    occurredAt: string;
    timeZone: string;
    sourceEventId: string;
    metadata: (commandId: string) => EnvelopeMetadata;
  },
): Promise<CommandOutcome> => {
  const commandId = deriveEventId(reversal.sourceEventId, 'loyalty-reverse');
  const rule = await loyaltyRuleOf(ledger.store, reversal.orgId, reversal.brandId);
  return ledger.run(caller, {
    commandId,
    streamId: loyaltyAccountStreamId(reversal.brandId, reversal.customerId),
    decider: loyaltyAccountDecider,
    prepare: async () => ({
      command: {
        type: 'ReverseOrderLoyalty' as const,
        data: {
          orderId: reversal.orderId,
          refundId: reversal.refundId,
          refundPaise: reversal.refundPaise,
          toLoyaltyTender: reversal.toLoyaltyTender,
          completesRefund: reversal.completesRefund,
          businessDate: localDateAndHour(reversal.occurredAt, reversal.timeZone).date,
        },
        context: { rule },
      },
      metadata: reversal.metadata(commandId),
    }),
  });
};

/**
 * After a refund or a void is stored on an order's stream: reverses the order's loyalty for it,
 * when the order was sold to a customer. A void gives back everything, to every tender.
 */
export const reverseForOrderEvent = async (
  ledger: LedgerContext,
  caller: Caller,
  orderEvents: ReadonlyArray<StoredEvent>,
  reversal: { eventId: string; orgId: string; timeZone: string; metadata: (commandId: string) => EnvelopeMetadata },
): Promise<CommandOutcome | undefined> => {
  const sale = placedSaleOf(orderEvents);
  const source = orderEvents.find((event) => event.eventId === reversal.eventId);
  const customerId = sale?.placed.data.customerId;
  const brandId = sale?.placed.brandId;
  if (!sale || !source || customerId === undefined || !brandId) return undefined;
  const common = {
    orgId: reversal.orgId,
    brandId,
    customerId,
    orderId: sale.placed.data.orderId,
    occurredAt: source.occurredAt,
    timeZone: reversal.timeZone,
    sourceEventId: source.eventId,
    metadata: reversal.metadata,
  };
  if (source.type === 'OrderRefunded') {
    const refund = source.data as OrderRefunded['data'];
    return reverseOrderLoyalty(ledger, caller, {
      ...common,
      refundId: refund.refundId,
      refundPaise: refund.refundPaise,
      toLoyaltyTender: refund.tender.kind === 'loyalty',
      completesRefund: refund.completesRefund,
    });
  }
  if (source.type === 'OrderVoided') {
    const voided = source.data as OrderVoided['data'];
    return reverseOrderLoyalty(ledger, caller, {
      ...common,
      refundId: source.eventId,
      refundPaise: voided.reversedPaise,
      toLoyaltyTender: true,
      completesRefund: true,
    });
  }
  return undefined;
};

/**
 * The loyalty of a replayed batch's stored sales (and voids), settled on the customers' accounts
 * in the order the register decided them. A redemption the account can no longer cover — another
 * register spent the points while this one was offline — stands with the sale; the account gives
 * what it has and records the shortfall, and the shortfall comes back as a `loyalty_shortfall`
 * conflict of the sale's OrderPlaced, to be recorded with its other conflicts. Duplicates come
 * here too, so a batch retried after a crash settles what the first attempt did not.
 */
export const settleReplayedLoyalty = async (
  ledger: LedgerContext,
  caller: Caller,
  decisions: ReadonlyArray<ReadonlyArray<EventEnvelope>>,
  context: { orgId: string; timeZone: string },
): Promise<Map<string, OfflineConflict[]>> => {
  const conflicts = new Map<string, OfflineConflict[]>();
  for (const decision of decisions) {
    const sale = placedSaleOf(decision);
    if (sale?.placed.data.customerId !== undefined) {
      const placed = decision.find((event) => event.eventId === sale.placed.eventId) as EventEnvelope;
      const outcome = await settleOrderLoyalty(ledger, caller, sale, { ...context, metadata: metadataAfter(placed) });
      if (outcome?.events.some((event) => event.type === 'LoyaltyRedemptionShortfall')) {
        const found = await shortfallConflicts(ledger.store, outcome, sale);
        if (found.length > 0) conflicts.set(placed.eventId, found);
      }
    }
    const voided = decision.find((event) => event.type === 'OrderVoided');
    if (voided) {
      const orderEvents = await ledger.store.readStream(
        { orgId: voided.orgId, streamId: voided.streamId },
        { limit: 100_000 },
      );
      await reverseForOrderEvent(ledger, caller, orderEvents, {
        eventId: voided.eventId,
        orgId: context.orgId,
        timeZone: context.timeZone,
        metadata: metadataAfter(voided),
      });
    }
  }
  return conflicts;
};

/** The envelope of what the ledger records on an account because of a replayed event: the event's own tenancy and time. */
const metadataAfter =
  (source: EventEnvelope) =>
  (commandId: string): EnvelopeMetadata => ({
    orgId: source.orgId,
    brandId: source.brandId,
    storeId: source.storeId,
    registerId: source.registerId,
    actorId: source.actorId,
    occurredAt: source.occurredAt,
    causationId: commandId,
    correlationId: source.correlationId,
  });

const shortfallConflicts = async (
  store: EventStore,
  outcome: CommandOutcome,
  sale: PlacedSale,
): Promise<OfflineConflict[]> => {
  const events = await store.readStream(outcome, { limit: 100_000 });
  return events
    .filter((event) => event.causationId === outcome.commandId && event.type === 'LoyaltyRedemptionShortfall')
    .map((event) => {
      const { paymentId, pointsShort, paiseShort } = event.data as LoyaltyRedemptionShortfall['data'];
      const tender = sale.tenders.find((candidate) => candidate.paymentId === paymentId);
      const amountPaise = tender?.amountPaise ?? paiseShort;
      return {
        kind: 'loyalty_shortfall' as const,
        path: 'data.customerId',
        detail: `loyalty tender ${paymentId} took ${amountPaise} paise of points; the account was ${pointsShort} points (${paiseShort} paise) short, spent elsewhere while this register was offline`,
        recorded: amountPaise,
        current: amountPaise - paiseShort,
      };
    });
};
