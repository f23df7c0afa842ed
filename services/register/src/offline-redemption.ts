import {
  accountWithBalance,
  loyaltyAccountDecider,
  loyaltyRedemptions,
  type OrderPlaced,
  type PaymentTendered,
} from '@possier/events';
import { decided } from './sale-refused-error.js';
import type { TillCache } from './till-cache.js';

/**
 * The points a sale decided offline redeems, by the same account decider the ledger runs, on
 * the balance this till last pulled (less what it redeemed since); the checkout's declaration
 * has already refused tenders that balance cannot cover. Another till may spend the same points
 * meanwhile; the ledger then records the shortfall on replay.
 */
export const offlineRedemption = (
  cache: TillCache,
  placed: OrderPlaced['data'],
  events: ReadonlyArray<{ type: string; data: unknown }>,
): number => {
  const tenders = events.flatMap((event) =>
    event.type === 'PaymentTendered' ? [event.data as PaymentTendered['data']] : [],
  );
  const redemptions = loyaltyRedemptions(tenders);
  if (redemptions.length === 0 || placed.customerId === undefined) return 0;
  const rule = cache.loyaltyRule();
  const decision = decided(
    loyaltyAccountDecider.decide(
      {
        type: 'SettleOrderLoyalty',
        data: {
          orderId: placed.orderId,
          mode: 'online',
          payablePaise: placed.totals.payablePaise,
          redemptions,
          // The till judges the redemption only; the ledger decides the accrual on replay.
          businessDate: '2000-01-01',
        },
        context: { rule },
      },
      accountWithBalance(cache.points(placed.customerId) ?? 0),
    ),
  );
  return decision.reduce((sum, event) => (event.type === 'PointsRedeemed' ? sum + event.data.points : sum), 0);
};
