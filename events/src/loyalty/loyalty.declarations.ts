import { declareCommand } from '../command-declaration.js';
import { customerNotFound } from '../customer/customer.decider.js';
import { loyaltyAccountDecider, loyaltyAccountStreamId } from './loyalty-account.decider.js';
import { loyaltyProgrammeDecider, loyaltyProgrammeStreamId } from './loyalty-programme.decider.js';
import { ExpirePoints, SetLoyaltyRule } from './loyalty.commands.js';

/**
 * A brand's loyalty rule is brand data like its prices: set by whoever manages the brand's
 * catalog (the owner, the brand's manager), in that brand only.
 */
export const setLoyaltyRule = declareCommand({
  type: 'SetLoyaltyRule',
  route: {
    path: '/v1/brands/{brandId}/loyalty-rule',
    summary: "Set a brand's loyalty rule: points per ₹100, what a point is worth, how long points last",
  },
  data: SetLoyaltyRule.shape.data,
  stream: (data) => loyaltyProgrammeStreamId(data.brandId),
  decider: loyaltyProgrammeDecider,
  authorization: { action: 'catalog.manage', target: (data) => ({ brandId: data.brandId }) },
  command: ({ data }) => ({ type: 'SetLoyaltyRule' as const, data }),
});

/**
 * Expires a customer's points with a brand up to a store-local date (a nightly job sends the
 * store's date of yesterday, computed in the store's time zone). Idempotent by nature: expired
 * lots are gone, so the same date again expires nothing.
 */
export const expirePoints = declareCommand({
  type: 'ExpirePoints',
  route: {
    path: '/v1/customers/{customerId}/loyalty/expire',
    summary: "Expire a customer's points with a brand that expire on or before a store-local date",
  },
  data: ExpirePoints.shape.data,
  stream: (data) => loyaltyAccountStreamId(data.brandId, data.customerId),
  decider: loyaltyAccountDecider,
  authorization: { action: 'catalog.manage', target: (data) => ({ brandId: data.brandId }) },
  needs: ({ data }) => ({ customer: { customerId: data.customerId } }),
  command: ({ data, context }) =>
    context.customer === undefined ? customerNotFound() : { type: 'ExpirePoints' as const, data },
});
