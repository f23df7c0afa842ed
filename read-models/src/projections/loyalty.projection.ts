import type { StoredEvent } from '@possier/events';
import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { increment, upsert } from '../row-change.js';
import { rmLoyaltyAccounts, rmLoyaltyRules } from '../tables.js';

export class UnknownLoyaltyAccountError extends Error {
  override readonly name = 'UnknownLoyaltyAccountError';
  constructor(readonly streamId: string) {
    super(`${streamId} is not a loyalty account stream (loyalty-<brandId>-<customerId>)`);
  }
}

const ACCOUNT_STREAM = /^loyalty-([0-9a-f-]{36})-([0-9a-f-]{36})$/;

/** An account's brand and customer, from its stream id: not every account event names the customer. */
export const accountOf = (event: StoredEvent) => {
  const match = ACCOUNT_STREAM.exec(event.streamId);
  if (!match) throw new UnknownLoyaltyAccountError(event.streamId);
  return { org_id: event.orgId, brand_id: match[1] as string, customer_id: match[2] as string };
};

/**
 * Points outstanding per brand and customer (what the liability counts) and each brand's rule
 * (what a point is worth). A shortfall recorded on replay moves no points: the account gave what
 * it had, which its PointsRedeemed already says.
 */
export const loyaltyProjection: Projection = {
  name: 'loyalty',
  tables: [rmLoyaltyAccounts.name, rmLoyaltyRules.name],
  eventTypes: ['LoyaltyRuleSet', 'PointsAccrued', 'PointsRedeemed', 'PointsReversed', 'PointsExpired'],
  project: (event) => {
    const decoded = decode(event);
    if (decoded === null) return [];
    switch (decoded.type) {
      case 'LoyaltyRuleSet': {
        const { brandId, pointsPer100Rupees, pointValuePaise, expiryDays } = decoded.data;
        return [
          upsert(
            rmLoyaltyRules,
            { org_id: event.orgId, brand_id: brandId },
            { points_per_100_rupees: pointsPer100Rupees, point_value_paise: pointValuePaise, expiry_days: expiryDays },
          ),
        ];
      }
      case 'PointsAccrued':
        return [
          increment(rmLoyaltyAccounts, accountOf(event), {
            points: decoded.data.points,
            earned_points: decoded.data.points,
          }),
        ];
      case 'PointsRedeemed':
        return [
          increment(rmLoyaltyAccounts, accountOf(event), {
            points: -decoded.data.points,
            redeemed_points: decoded.data.points,
          }),
        ];
      case 'PointsReversed': {
        const { pointsReversed, pointsReturned } = decoded.data;
        return [
          increment(rmLoyaltyAccounts, accountOf(event), {
            points: pointsReturned - pointsReversed,
            reversed_points: pointsReversed,
            redeemed_points: -pointsReturned,
          }),
        ];
      }
      case 'PointsExpired':
        return [
          increment(rmLoyaltyAccounts, accountOf(event), {
            points: -decoded.data.points,
            expired_points: decoded.data.points,
          }),
        ];
      default:
        return [];
    }
  },
};
