import {
  accountWithBalance,
  loyaltyAccountDecider,
  orderLoyaltyReactions,
  type EventEnvelope,
  type OrderPlaced,
} from '@possier/events';
import { decided } from './sale-refused-error.js';
import type { TillCache } from './till-cache.js';

/**
 * The points a sale decided offline redeems: the order → loyalty workflow the ledger runs, its
 * settlement decided by the same account decider on the balance this till last pulled (less what
 * it redeemed since); the checkout's declaration has already refused tenders that balance cannot
 * cover. Only the redemption is spent here: the ledger settles the accrual when the sale is
 * replayed, with the rule as it holds it then. Another till may spend the same points meanwhile;
 * the ledger then records the shortfall.
 */
export const offlineRedemption = (cache: TillCache, produced: ReadonlyArray<EventEnvelope>): number => {
  const placed = produced.find((event) => event.type === 'OrderPlaced')?.data as OrderPlaced['data'] | undefined;
  if (placed?.customerId === undefined) return 0;
  const store = cache.storeFacts();
  const reactions = orderLoyaltyReactions(produced, {
    customerId: placed.customerId,
    brandId: store.brandId,
    timeZone: store.timeZone,
    mode: 'online',
    rule: cache.loyaltyRule(),
  });
  const balance = accountWithBalance(cache.points(placed.customerId) ?? 0);
  return reactions
    .flatMap(({ command }) => decided(loyaltyAccountDecider.decide(command, balance)))
    .reduce((sum, event) => (event.type === 'PointsRedeemed' ? sum + event.data.points : sum), 0);
};
