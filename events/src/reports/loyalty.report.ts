import { z } from 'zod';
import { Uuid } from '../ids.js';
import { Paise } from '../money.js';
import { balanceOrPeriodQuery, Count, reportHeader, ReportPeriod } from './period.js';

/**
 * Without dates, points outstanding now; with `from` and `to` (business dates, both included),
 * each brand's opening points, what was earned, redeemed, reversed and expired, and the closing.
 */
export const LoyaltyQuery = balanceOrPeriodQuery();
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

/**
 * A brand's points over a period. The figures add up:
 * closingPoints = openingPoints + earnedPoints − redeemedPoints − reversedPoints − expiredPoints.
 * Redeemed is net of points a refund gave back; an expiry counts on the date it expired points as
 * of. The closing liability is priced at the brand's point value now.
 */
export const LoyaltyPeriodRow = z.object({
  brandId: Uuid,
  pointValuePaise: Paise,
  /** Accounts with any points movement up to the end of the period. */
  members: Count,
  openingPoints: z.number().int(),
  earnedPoints: Count,
  redeemedPoints: z.number().int(),
  reversedPoints: Count,
  expiredPoints: Count,
  closingPoints: z.number().int(),
  closingLiabilityPaise: Paise,
});
export type LoyaltyPeriodRow = z.infer<typeof LoyaltyPeriodRow>;

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
  /** The period asked for, or null for the balance now. */
  period: ReportPeriod,
  /** The balance now (empty for a period). */
  rows: z.array(LoyaltyRow),
  /** Each brand's points over the period (empty for the balance now). */
  movements: z.array(LoyaltyPeriodRow),
  /** Points outstanding and their value now, or at the close of the period. */
  totals: z.object({ pointsOutstanding: Count, liabilityPaise: Paise }),
  /** Shortfalls of offline redemptions in the covered stores, newest first. */
  conflicts: z.array(LoyaltyConflictRow),
});
export type LoyaltyReport = z.infer<typeof LoyaltyReport>;
