import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { Uuid } from '../ids.js';
import { NonNegativePaise } from '../money.js';
import { IsoDate } from '../time.js';
import { LoyaltyRule } from './loyalty.commands.js';

const Points = z.number().int().nonnegative();

export const LoyaltyRuleSet = z.object({
  type: z.literal('LoyaltyRuleSet'),
  data: z.object({ brandId: Uuid, ...LoyaltyRule.shape }),
});
export type LoyaltyRuleSet = z.infer<typeof LoyaltyRuleSet>;

/** Points earned by a paid order, as one lot that expires on `expiresOn`. */
export const PointsAccrued = z.object({
  type: z.literal('PointsAccrued'),
  data: z.object({
    orderId: Uuid,
    points: Points,
    /** What earned them: payable less the part paid with points. */
    eligiblePaise: NonNegativePaise,
    payablePaise: NonNegativePaise,
    expiresOn: IsoDate,
  }),
});
export type PointsAccrued = z.infer<typeof PointsAccrued>;

export const PointsRedeemed = z.object({
  type: z.literal('PointsRedeemed'),
  data: z.object({ orderId: Uuid, paymentId: Uuid, points: Points, valuePaise: NonNegativePaise }),
});
export type PointsRedeemed = z.infer<typeof PointsRedeemed>;

/**
 * A replayed offline redemption the account could not cover (another register spent the points
 * first): the sale stands, the account gave what it had, and this records what it could not.
 */
export const LoyaltyRedemptionShortfall = z.object({
  type: z.literal('LoyaltyRedemptionShortfall'),
  data: z.object({ orderId: Uuid, paymentId: Uuid, pointsShort: Points, paiseShort: NonNegativePaise }),
});
export type LoyaltyRedemptionShortfall = z.infer<typeof LoyaltyRedemptionShortfall>;

/**
 * A refund: `pointsReversed` of the order's accrual taken back (never below a zero balance; what
 * could not be taken is `pointsUnrecovered`) and `pointsReturned` of its redemption given back, as
 * a new lot expiring on `returnedExpiresOn`.
 */
export const PointsReversed = z.object({
  type: z.literal('PointsReversed'),
  data: z.object({
    orderId: Uuid,
    refundId: Uuid,
    /** The refund's amount, so later refunds of the order reverse in proportion to all of them. */
    refundPaise: NonNegativePaise,
    pointsReversed: Points,
    pointsUnrecovered: Points,
    pointsReturned: Points,
    returnedExpiresOn: IsoDate,
  }),
});
export type PointsReversed = z.infer<typeof PointsReversed>;

export const PointsExpired = z.object({
  type: z.literal('PointsExpired'),
  data: z.object({ asOf: IsoDate, points: Points }),
});
export type PointsExpired = z.infer<typeof PointsExpired>;

export type LoyaltyAccountEvent =
  PointsAccrued | PointsRedeemed | LoyaltyRedemptionShortfall | PointsReversed | PointsExpired;

export const loyaltyEventDefinitions: EventDefinition[] = [
  { schema: LoyaltyRuleSet, schemaVersion: 1 },
  { schema: PointsAccrued, schemaVersion: 1 },
  { schema: PointsRedeemed, schemaVersion: 1 },
  { schema: LoyaltyRedemptionShortfall, schemaVersion: 1 },
  { schema: PointsReversed, schemaVersion: 1 },
  { schema: PointsExpired, schemaVersion: 1 },
];
