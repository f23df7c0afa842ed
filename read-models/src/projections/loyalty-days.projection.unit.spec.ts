import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmLoyaltyAccounts, rmLoyaltyDays } from '../tables.js';
import { BRAND, ORG } from '../testing/fixtures.js';
import { fold } from '../testing/fold.js';
import { LOYAL_CUSTOMER, wholeDay } from '../testing/whole-day.js';
import { loyaltyDaysProjection } from './loyalty-days.projection.js';
import { loyaltyProjection } from './loyalty.projection.js';

describe('loyalty days projection, over a regular’s day', () => {
  const { events } = wholeDay();
  const days = rowsOf(fold([loyaltyDaysProjection], events), rmLoyaltyDays);

  it('dates earning, redeeming and reversing by the sale’s business day, and an expiry by its as-of date', () => {
    const account = { org_id: ORG, brand_id: BRAND, customer_id: LOYAL_CUSTOMER };
    expect(days).toEqual([
      // 120 + 5 earned, 10 redeemed, 30 reversed on the 24th.
      {
        ...account,
        business_date: '2026-11-24',
        points: 85,
        earned_points: 125,
        redeemed_points: 10,
        reversed_points: 30,
        expired_points: 0,
      },
      {
        ...account,
        business_date: '2026-12-24',
        points: -85,
        earned_points: 0,
        redeemed_points: 0,
        reversed_points: 0,
        expired_points: 85,
      },
    ]);
  });

  it('adds up, day by day, to the account the balance projection keeps', () => {
    const [account] = rowsOf(fold([loyaltyProjection], events), rmLoyaltyAccounts);
    const sum = (column: string) => days.reduce((total, day) => total + (day[column] as number), 0);
    for (const column of ['points', 'earned_points', 'redeemed_points', 'reversed_points', 'expired_points']) {
      expect(sum(column)).toBe(account?.[column]);
    }
    for (const day of days) {
      expect(day.points).toBe(
        (day.earned_points as number) -
          (day.redeemed_points as number) -
          (day.reversed_points as number) -
          (day.expired_points as number),
      );
    }
  });

  it('writes a reversal that returns no redeemed points as 0, never −0', () => {
    const reversal = events.find((event) => event.type === 'PointsReversed');
    if (!reversal) throw new Error('the day has no reversal');
    const none = { ...reversal, data: { ...(reversal.data as object), pointsReturned: 0 } };
    // Alone, so it is the first movement of its day: the row is inserted from it.
    const tables = fold([loyaltyDaysProjection], [none]);
    for (const day of rowsOf(tables, rmLoyaltyDays)) {
      for (const value of Object.values(day)) expect(Object.is(value, -0), JSON.stringify(day)).toBe(false);
    }
  });
});
