import { DomainError, fieldPath } from '../errors.js';
import { redeemPoints, type LoyaltyAccountState } from './loyalty-account.decider.js';
import type { LoyaltyRule } from './loyalty.commands.js';

type TenderLike = { paymentId: string; kind: string; amountPaise: number };

/** The loyalty tenders of a sale, each with the field path a refusal of it names. */
export const loyaltyRedemptions = (tenders: ReadonlyArray<TenderLike>) =>
  tenders.flatMap((tender, index) =>
    tender.kind === 'loyalty'
      ? [
          {
            paymentId: tender.paymentId,
            amountPaise: tender.amountPaise,
            path: fieldPath('data.tenders', index, 'amountPaise'),
          },
        ]
      : [],
  );

/**
 * Before a checkout is placed: do the customer's points cover its loyalty tenders? The account
 * decider answers (whole points, enough of them), so the refusal names the tender's
 * `data.tenders.<i>.amountPaise`. The ledger asks with the account as its stream says; an offline
 * register with the balance it last pulled, less what it redeemed since.
 */
export const refusedRedemptions = (
  order: { orderId: string; tenders: ReadonlyArray<TenderLike> },
  account: LoyaltyAccountState,
  rule: LoyaltyRule | null,
): DomainError | undefined => {
  const redemptions = loyaltyRedemptions(order.tenders);
  if (redemptions.length === 0) return undefined;
  // Only the redemptions are judged here; what the order earns is decided with the settlement.
  const redeemed = redeemPoints({ orderId: order.orderId, mode: 'online', redemptions }, account, rule);
  return redeemed instanceof DomainError ? redeemed : undefined;
};
