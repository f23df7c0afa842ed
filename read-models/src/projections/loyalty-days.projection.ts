import { DEFAULT_TIME_ZONE, localDateAndHour, type StoredEvent } from '@possier/events';
import { decode } from '../decode.js';
import type { Projection, ProjectionContext } from '../projection.js';
import { increment } from '../row-change.js';
import { rmLoyaltyDays } from '../tables.js';
import { accountOf } from './loyalty.projection.js';

/**
 * The business date of a points movement: the store's date of the sale that moved them (the
 * envelope's store), or the org's default zone for a movement no store made.
 */
const businessDateOf = (event: StoredEvent, context: ProjectionContext): string =>
  localDateAndHour(event.occurredAt, event.storeId === null ? DEFAULT_TIME_ZONE : context.timeZoneOf(event.storeId))
    .date;

/**
 * The loyalty accounts' movements by business date (rm_loyalty_days), with the same arithmetic as
 * the loyalty projection's balances, so the days of an account add up to its balance. An expiry is
 * dated by the day it expired the points as of (`asOf`), not by when the sweep ran.
 */
export const loyaltyDaysProjection: Projection = {
  name: 'loyalty_days',
  tables: [rmLoyaltyDays.name],
  eventTypes: ['PointsAccrued', 'PointsRedeemed', 'PointsReversed', 'PointsExpired'],
  project: (event, context) => {
    const decoded = decode(event);
    if (decoded === null) return [];
    const day = (business_date: string) => ({ ...accountOf(event), business_date });
    switch (decoded.type) {
      case 'PointsAccrued':
        return [
          increment(rmLoyaltyDays, day(businessDateOf(event, context)), {
            points: decoded.data.points,
            earned_points: decoded.data.points,
          }),
        ];
      // `0 - n`, not `-n`: a count of 0 must stay 0, and the appliers refuse −0.
      case 'PointsRedeemed':
        return [
          increment(rmLoyaltyDays, day(businessDateOf(event, context)), {
            points: 0 - decoded.data.points,
            redeemed_points: decoded.data.points,
          }),
        ];
      case 'PointsReversed': {
        const { pointsReversed, pointsReturned } = decoded.data;
        return [
          increment(rmLoyaltyDays, day(businessDateOf(event, context)), {
            points: pointsReturned - pointsReversed,
            reversed_points: pointsReversed,
            redeemed_points: 0 - pointsReturned,
          }),
        ];
      }
      case 'PointsExpired':
        return [
          increment(rmLoyaltyDays, day(decoded.data.asOf), {
            points: 0 - decoded.data.points,
            expired_points: decoded.data.points,
          }),
        ];
      default:
        return [];
    }
  },
};
