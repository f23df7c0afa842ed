import {
  formatRupees,
  loyaltyAccountDecider,
  loyaltyAccountStreamId,
  loyaltyProgrammeDecider,
  loyaltyProgrammeStreamId,
  orderDecider,
  orderLoyaltyReactions,
  orderStreamId,
  type EventEnvelope,
  type EventStore,
  type LoyaltyAccountState,
  type LoyaltyReaction,
  type LoyaltyRedemptionShortfall,
  type LoyaltyRule,
  type OfflineConflict,
  type OrderPlaced,
  isSoldOrder,
  type OrderState,
  type PaymentTendered,
} from '@possier/events';
import { foldStream } from '../commands/folded-streams.js';
import type { Caller, LedgerContext } from '../commands/ledger-context.js';
import { runReactions } from '../commands/reactions.js';
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

type Reacted = { reaction: LoyaltyReaction; outcome: CommandOutcome };

/**
 * Runs the account commands that follow from an order decision's events (orderLoyaltyReactions),
 * each once (runReactions). `online` follows a checkout whose redemption was checked just before;
 * should another checkout have spent the points in between, the order already stands, so the
 * account redeems what is there and records the shortfall (the balance floors at 0).
 */
const runLoyaltyReactions = async (
  ledger: LedgerContext,
  caller: Caller,
  produced: ReadonlyArray<EventEnvelope>,
  facts: { customerId: string | undefined; mode: 'online' | 'replay' },
): Promise<Reacted[]> => {
  const first = produced[0];
  if (!first || facts.customerId === undefined || first.brandId === null || first.storeId === null) return [];
  const [tenancy, rule] = await Promise.all([
    ledger.tenancy(first.orgId),
    loyaltyRuleOf(ledger.store, first.orgId, first.brandId),
  ]);
  const timeZone = tenancy.status === 'active' ? tenancy.stores[first.storeId]?.timeZone : undefined;
  if (timeZone === undefined) return [];
  const reactions = orderLoyaltyReactions(produced, {
    customerId: facts.customerId,
    brandId: first.brandId,
    timeZone,
    mode: facts.mode,
    rule,
  });
  return runReactions(ledger, caller, produced, reactions, loyaltyAccountDecider);
};

/** The customer an order decision's events are about: the sale's, or, for a later void or refund, the order's. */
const customerOf = (produced: ReadonlyArray<EventEnvelope>, state: OrderState): string | undefined => {
  const placed = produced.find((event) => event.type === 'OrderPlaced');
  if (placed) return (placed.data as OrderPlaced['data']).customerId;
  return isSoldOrder(state) ? state.customerId : undefined;
};

/** After a checkout, void or refund online: the order's loyalty, from the events the command produced. */
export const orderLoyaltyAfter = async (ledger: LedgerContext, caller: Caller, outcome: CommandOutcome) => {
  await runLoyaltyReactions(ledger, caller, outcome.produced, {
    customerId: customerOf(outcome.produced, outcome.state as OrderState),
    mode: 'online',
  });
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
): Promise<Map<string, OfflineConflict[]>> => {
  const conflicts = new Map<string, OfflineConflict[]>();
  for (const decision of decisions) {
    // Only a sale, a void or a refund touches loyalty; a shift, a count or a tip does not.
    const source = decision.find((event) => LOYALTY_SOURCES.has(event.type));
    if (!source) continue;
    // A void replayed alone does not say whom the order was sold to; the order's state does.
    const state =
      source.type === 'OrderPlaced'
        ? orderDecider.initialState()
        : await foldStream(ledger.store, source.orgId, orderStreamId(orderIdOf(source)), orderDecider);
    const reacted = await runLoyaltyReactions(ledger, caller, decision, {
      customerId: customerOf(decision, state),
      mode: 'replay',
    });
    for (const { reaction, outcome } of reacted) {
      const found = shortfallConflicts(outcome, decision);
      if (found.length > 0) conflicts.set(reaction.sourceEventId, found);
    }
  }
  return conflicts;
};

const LOYALTY_SOURCES = new Set(['OrderPlaced', 'OrderVoided', 'OrderRefunded']);

const orderIdOf = (event: EventEnvelope): string => (event.data as { orderId: string }).orderId;

const shortfallConflicts = (outcome: CommandOutcome, decision: ReadonlyArray<EventEnvelope>): OfflineConflict[] =>
  outcome.produced
    .filter((event) => event.type === 'LoyaltyRedemptionShortfall')
    .map((event) => {
      const { paymentId, pointsShort, paiseShort } = event.data as LoyaltyRedemptionShortfall['data'];
      const tender = decision
        .filter((candidate) => candidate.type === 'PaymentTendered')
        .map((candidate) => candidate.data as PaymentTendered['data'])
        .find((candidate) => candidate.paymentId === paymentId);
      const amountPaise = tender?.amountPaise ?? paiseShort;
      return {
        kind: 'loyalty_shortfall' as const,
        path: 'data.customerId',
        detail: `loyalty tender ${paymentId} took ${formatRupees(amountPaise)} of points; the account was ${pointsShort} points (${formatRupees(paiseShort)}) short, spent elsewhere while this register was offline`,
        recorded: amountPaise,
        current: amountPaise - paiseShort,
      };
    });
