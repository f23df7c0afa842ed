import { z } from 'zod';
import { Uuid } from '../ids.js';
import { NonNegativePaise } from '../money.js';
import { IsoDate } from '../time.js';

const WholeNumber = z.number().int({ message: 'must be a whole number' });

/**
 * A brand's loyalty rule, data rather than code: how many points a paid order earns, what a point
 * is worth when redeemed, and how long points last. Points earned = ⌊eligible paise ×
 * pointsPer100Rupees / 10 000⌋ (rounded down: no fractional point is ever owed).
 */
export const LoyaltyRule = z.object({
  /** Points per ₹100 spent (10 000 paise); 0 stops accrual but keeps redemption open. */
  pointsPer100Rupees: WholeNumber.min(0, { message: 'must not be negative' }).max(10_000),
  /** What one point buys, in paise. */
  pointValuePaise: WholeNumber.positive({ message: 'must be greater than zero' }).max(100_000),
  /** Points expire this many store-local days after the business date they were earned on. */
  expiryDays: WholeNumber.positive({ message: 'must be greater than zero' }).max(3650),
});
export type LoyaltyRule = z.infer<typeof LoyaltyRule>;

export const SetLoyaltyRule = z.object({
  type: z.literal('SetLoyaltyRule'),
  data: z.object({ brandId: Uuid, ...LoyaltyRule.shape }),
});
export type SetLoyaltyRule = z.infer<typeof SetLoyaltyRule>;

export type LoyaltyProgrammeCommand = SetLoyaltyRule;
export const LoyaltyProgrammeCommand = SetLoyaltyRule;

/** A `loyalty` tender of an order, as a redemption request. */
export const LoyaltyRedemption = z.object({
  paymentId: Uuid,
  /** What the tender pays: a whole number of points × the point value. */
  amountPaise: NonNegativePaise,
  /** Where a refusal points: the tender's amount in the checkout (`data.tenders.1.amountPaise`). */
  path: z.string(),
});
export type LoyaltyRedemption = z.infer<typeof LoyaltyRedemption>;

/**
 * What a paid order means for the customer's account: its loyalty tenders are redeemed and the
 * rest of what it was paid earns points. `online` refuses a redemption the balance cannot cover;
 * `replay` (an offline sale, which already happened) redeems what is there and records the
 * shortfall, so the balance floors at zero.
 */
export const SettleOrderLoyalty = z.object({
  type: z.literal('SettleOrderLoyalty'),
  data: z.object({
    orderId: Uuid,
    mode: z.enum(['online', 'replay']),
    payablePaise: NonNegativePaise,
    redemptions: z.array(LoyaltyRedemption).max(20),
    /** The store-local business date of the sale; points earned expire `expiryDays` after it. */
    businessDate: IsoDate,
  }),
  context: z.object({ rule: LoyaltyRule.nullable() }),
});
export type SettleOrderLoyalty = z.infer<typeof SettleOrderLoyalty>;

/**
 * A refund of an order: the points it earned go back in proportion to what has been refunded, and
 * a refund made to the `loyalty` tender gives redeemed points back (at the order's redemption rate).
 */
export const ReverseOrderLoyalty = z.object({
  type: z.literal('ReverseOrderLoyalty'),
  data: z.object({
    orderId: Uuid,
    refundId: Uuid,
    refundPaise: NonNegativePaise,
    toLoyaltyTender: z.boolean(),
    completesRefund: z.boolean(),
    businessDate: IsoDate,
  }),
  context: z.object({ rule: LoyaltyRule.nullable() }),
});
export type ReverseOrderLoyalty = z.infer<typeof ReverseOrderLoyalty>;

/** Expires every lot whose `expiresOn` is on or before `asOf` (a store-local business date). */
export const ExpirePoints = z.object({
  type: z.literal('ExpirePoints'),
  data: z.object({ brandId: Uuid, customerId: Uuid, asOf: IsoDate }),
});
export type ExpirePoints = z.infer<typeof ExpirePoints>;

export type LoyaltyAccountCommand = SettleOrderLoyalty | ReverseOrderLoyalty | ExpirePoints;
export const LoyaltyAccountCommand = z.discriminatedUnion('type', [
  SettleOrderLoyalty,
  ReverseOrderLoyalty,
  ExpirePoints,
]);
