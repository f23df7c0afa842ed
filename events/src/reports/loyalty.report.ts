import { z } from 'zod';
import { Uuid } from '../ids.js';
import { Paise } from '../money.js';
import { balanceQuery, Count, reportHeader } from './period.js';

/** A balance now, like stock: a period is refused with the reason, any other unknown parameter by name. */
export const LoyaltyQuery = balanceQuery(
  "loyalty is the points outstanding now: the read models keep each account's balance and its lifetime points earned, redeemed, reversed and expired, not dated movements, so there is no period to report",
);
export type LoyaltyQuery = z.infer<typeof LoyaltyQuery>;

/**
 * What a brand owes its customers in points: outstanding points × the point value of the brand's
 * rule now (`liabilityPaise`), with the movements that made the balance. A brand whose rule was
 * never set has value 0.
 */
export const LoyaltyRow = z.object({
  brandId: Uuid,
  pointValuePaise: Paise,
  members: Count,
  pointsOutstanding: Count,
  liabilityPaise: Paise,
  earnedPoints: Count,
  redeemedPoints: Count,
  reversedPoints: Count,
  expiredPoints: Count,
});
export type LoyaltyRow = z.infer<typeof LoyaltyRow>;

/** A replayed offline redemption the account could not cover: another register had spent the points. */
export const LoyaltyConflictRow = z.object({
  storeId: Uuid,
  orderId: Uuid,
  registerId: Uuid.nullable(),
  detail: z.string(),
  recordedAt: z.string(),
});
export type LoyaltyConflictRow = z.infer<typeof LoyaltyConflictRow>;

export const LoyaltyReport = z.object({
  ...reportHeader('loyalty'),
  /** The brands of the covered stores; a brand's figures are brand-wide (points are the brand's, not a store's). */
  brandIds: z.array(Uuid),
  rows: z.array(LoyaltyRow),
  totals: z.object({ pointsOutstanding: Count, liabilityPaise: Paise }),
  /** Shortfalls of offline redemptions in the covered stores, newest first. */
  conflicts: z.array(LoyaltyConflictRow),
});
export type LoyaltyReport = z.infer<typeof LoyaltyReport>;
