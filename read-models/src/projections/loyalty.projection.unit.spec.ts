import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmCustomerSales, rmLoyaltyAccounts, rmLoyaltyRules } from '../tables.js';
import { BRAND, ORG, STORE } from '../testing/fixtures.js';
import { fold } from '../testing/fold.js';
import { LOYAL_CUSTOMER, wholeDay } from '../testing/whole-day.js';
import { customerSalesProjection } from './customer-sales.projection.js';
import { loyaltyProjection } from './loyalty.projection.js';

describe('loyalty and customer projections, over a regular’s day', () => {
  const { events } = wholeDay();

  it('keeps each brand’s points outstanding per customer, as the account stream moves them', () => {
    // 20 colas (₹1,200): 120 points; 5 of them refunded: −30; a ₹60 cola paid ₹10 in points: −10,
    // and +5 on the ₹50 paid otherwise; then the 85 left expire on 24 December.
    expect(rowsOf(fold([loyaltyProjection], events), rmLoyaltyAccounts)).toEqual([
      {
        org_id: ORG,
        brand_id: BRAND,
        customer_id: LOYAL_CUSTOMER,
        points: 0,
        earned_points: 125,
        redeemed_points: 10,
        reversed_points: 30,
        expired_points: 85,
      },
    ]);
    expect(rowsOf(fold([loyaltyProjection], events), rmLoyaltyRules)).toEqual([
      { org_id: ORG, brand_id: BRAND, points_per_100_rupees: 10, point_value_paise: 100, expiry_days: 30 },
    ]);
  });

  it('counts visits and spend of named customers only, refunds on their own day', () => {
    expect(rowsOf(fold([customerSalesProjection], events), rmCustomerSales)).toEqual([
      {
        org_id: ORG,
        store_id: STORE,
        business_date: '2026-11-24',
        customer_id: LOYAL_CUSTOMER,
        orders_count: 2,
        spend_paise: 126_000,
        refunded_paise: 30_000,
        voided_paise: 0,
      },
    ]);
  });
});
