import { describe, expect, it } from 'vitest';
import { spec } from '../testing/decider-spec.js';
import { id } from '../testing/fixtures.js';
import { accountWithBalance, loyaltyAccountDecider, loyaltyBalance } from './loyalty-account.decider.js';
import type { LoyaltyAccountCommand, LoyaltyRule } from './loyalty.commands.js';
import type { LoyaltyAccountEvent } from './loyalty.events.js';
import { loyaltyProgrammeDecider } from './loyalty-programme.decider.js';

const BRAND = id(0xb1);
const CUSTOMER = id(0xc1);
const ORDER = id(0x01);
const SECOND_ORDER = id(0x02);
const POINTS_TENDER = id(0x51);
const REFUND = id(0x71);
const SECOND_REFUND = id(0x72);

/** 5 points per ₹100, a point is worth ₹1, points last 30 days. */
const rule: LoyaltyRule = { pointsPer100Rupees: 5, pointValuePaise: 100, expiryDays: 30 };

const settle = (
  orderId: string,
  payablePaise: number,
  redeemPaise: number[] = [],
  mode: 'online' | 'replay' = 'online',
): LoyaltyAccountCommand => ({
  type: 'SettleOrderLoyalty',
  data: {
    orderId,
    mode,
    payablePaise,
    businessDate: '2026-11-01',
    redemptions: redeemPaise.map((amountPaise, index) => ({
      paymentId: id(0x50 + index + 1),
      amountPaise,
      path: `data.tenders.${index}.amountPaise`,
    })),
  },
  context: { rule },
});

const accrued = (
  orderId: string,
  points: number,
  payablePaise: number,
  eligiblePaise = payablePaise,
  expiresOn = '2026-12-01',
): LoyaltyAccountEvent => ({
  type: 'PointsAccrued',
  data: { orderId, points, eligiblePaise, payablePaise, expiresOn },
});

const refund = (
  refundPaise: number,
  completesRefund: boolean,
  refundId = REFUND,
  toLoyaltyTender = false,
): LoyaltyAccountCommand => ({
  type: 'ReverseOrderLoyalty',
  data: { orderId: ORDER, refundId, refundPaise, toLoyaltyTender, completesRefund, businessDate: '2026-11-05' },
  context: { rule },
});

const balanceAfter = (events: LoyaltyAccountEvent[]) =>
  loyaltyBalance(events.reduce(loyaltyAccountDecider.evolve, loyaltyAccountDecider.initialState()));

describe('loyalty programme decider', () => {
  it('records a brand rule as data', () => {
    spec(loyaltyProgrammeDecider)
      .given([])
      .when({ type: 'SetLoyaltyRule', data: { brandId: BRAND, ...rule } })
      .then([{ type: 'LoyaltyRuleSet', data: { brandId: BRAND, ...rule } }]);
  });

  it('refuses a point worth nothing, naming the field', () => {
    spec(loyaltyProgrammeDecider)
      .given([])
      .when({ type: 'SetLoyaltyRule', data: { brandId: BRAND, ...rule, pointValuePaise: 0 } })
      .thenFails('VALIDATION.INVALID', 'data.pointValuePaise');
  });
});

describe('loyalty account decider', () => {
  describe('given an empty account', () => {
    it('accrues ⌊paise × points per ₹100 / 10 000⌋ on a paid order, expiring expiryDays after its business date', () => {
      // ₹845.99 at 5 points per ₹100 is 42.29… points: 42, rounded down.
      spec(loyaltyAccountDecider)
        .given([])
        .when(settle(ORDER, 84_599))
        .then([accrued(ORDER, 42, 84_599)]);
    });

    it('refuses to redeem points the customer does not have, naming the tender amount', () => {
      spec(loyaltyAccountDecider)
        .given([])
        .when(settle(ORDER, 50_000, [10_000]))
        .thenFails('LOYALTY.INSUFFICIENT_POINTS', 'data.tenders.0.amountPaise');
    });

    it('refuses a redemption when the brand has no programme', () => {
      const command = settle(ORDER, 50_000, [100]);
      spec(loyaltyAccountDecider)
        .given([])
        .when({ ...command, context: { rule: null } } as LoyaltyAccountCommand)
        .thenFails('LOYALTY.NO_PROGRAMME', 'data.tenders.0.amountPaise');
    });

    it('accrues nothing and records nothing when the brand has no programme', () => {
      const command = settle(ORDER, 50_000);
      spec(loyaltyAccountDecider)
        .given([])
        .when({ ...command, context: { rule: null } } as LoyaltyAccountCommand)
        .then([]);
    });
  });

  describe('given 100 points earned', () => {
    const given = [accrued(ORDER, 100, 200_000)];

    it('redeems a loyalty tender and earns only on the part not paid with points', () => {
      spec(loyaltyAccountDecider)
        .given(given)
        .when(settle(SECOND_ORDER, 30_000, [6_000]))
        .then([
          {
            type: 'PointsRedeemed',
            data: { orderId: SECOND_ORDER, paymentId: POINTS_TENDER, points: 60, valuePaise: 6_000 },
          },
          accrued(SECOND_ORDER, 12, 30_000, 24_000),
        ]);
    });

    it('refuses a tender that is not a whole number of points, in rupees', () => {
      const refused = spec(loyaltyAccountDecider)
        .given(given)
        .when(settle(SECOND_ORDER, 30_000, [650]))
        .thenFails('LOYALTY.NOT_WHOLE_POINTS', 'data.tenders.0.amountPaise');
      expect(refused.reason).toBe('a loyalty tender pays whole points of ₹1.00 each; ₹6.50 is not');
    });

    it('refuses two tenders that together need more than the balance', () => {
      spec(loyaltyAccountDecider)
        .given(given)
        .when(settle(SECOND_ORDER, 30_000, [6_000, 5_000]))
        .thenFails('LOYALTY.INSUFFICIENT_POINTS', 'data.tenders.1.amountPaise');
    });

    it('settles an order once: the same order again changes nothing', () => {
      spec(loyaltyAccountDecider).given(given).when(settle(ORDER, 200_000)).then([]);
    });

    it('on replay of an offline sale it cannot cover, redeems what is there and records the shortfall: the balance floors at zero', () => {
      const events = spec(loyaltyAccountDecider)
        .given(given)
        .when(settle(SECOND_ORDER, 30_000, [15_000], 'replay'))
        .then([
          {
            type: 'PointsRedeemed',
            data: { orderId: SECOND_ORDER, paymentId: POINTS_TENDER, points: 100, valuePaise: 10_000 },
          },
          {
            type: 'LoyaltyRedemptionShortfall',
            data: { orderId: SECOND_ORDER, paymentId: POINTS_TENDER, pointsShort: 50, paiseShort: 5_000 },
          },
          accrued(SECOND_ORDER, 7, 30_000, 15_000),
        ]);
      expect(balanceAfter([...given, ...events])).toBe(7);
    });

    it('expires lots on or before the store-local date asOf, first to expire first', () => {
      const later = accrued(SECOND_ORDER, 30, 60_000, 60_000, '2027-01-10');
      spec(loyaltyAccountDecider)
        .given([...given, later])
        .when({ type: 'ExpirePoints', data: { brandId: BRAND, customerId: CUSTOMER, asOf: '2026-12-01' } })
        .then([{ type: 'PointsExpired', data: { asOf: '2026-12-01', points: 100 } }]);
      spec(loyaltyAccountDecider)
        .given([...given, later])
        .when({ type: 'ExpirePoints', data: { brandId: BRAND, customerId: CUSTOMER, asOf: '2026-11-30' } })
        .then([]);
    });

    it('spends the lot that expires first (FIFO), so expiry then takes only what is left of it', () => {
      const later = accrued(SECOND_ORDER, 30, 60_000, 60_000, '2027-01-10');
      const spent: LoyaltyAccountEvent = {
        type: 'PointsRedeemed',
        data: { orderId: id(0x03), paymentId: POINTS_TENDER, points: 80, valuePaise: 8_000 },
      };
      spec(loyaltyAccountDecider)
        .given([...given, later, spent])
        .when({ type: 'ExpirePoints', data: { brandId: BRAND, customerId: CUSTOMER, asOf: '2026-12-01' } })
        .then([{ type: 'PointsExpired', data: { asOf: '2026-12-01', points: 20 } }]);
    });
  });

  describe('given an order that earned 100 points on ₹2,000', () => {
    const given = [accrued(ORDER, 100, 200_000)];
    const reversed = (refundId: string, refundPaise: number, points: number, unrecovered = 0): LoyaltyAccountEvent => ({
      type: 'PointsReversed',
      data: {
        orderId: ORDER,
        refundId,
        refundPaise,
        pointsReversed: points,
        pointsUnrecovered: unrecovered,
        pointsReturned: 0,
        returnedExpiresOn: '2026-12-05',
      },
    });

    it('a partial refund reverses the accrual in proportion, rounded down on the running total', () => {
      spec(loyaltyAccountDecider)
        .given(given)
        .when(refund(66_666, false))
        .then([reversed(REFUND, 66_666, 33)]);
    });

    it('partial refunds add up to exactly the accrual once the order is fully refunded', () => {
      const events = spec(loyaltyAccountDecider)
        .given([...given, reversed(REFUND, 66_666, 33)])
        .when(refund(133_334, true, SECOND_REFUND))
        .then([reversed(SECOND_REFUND, 133_334, 67)]);
      expect(balanceAfter([...given, reversed(REFUND, 66_666, 33), ...events])).toBe(0);
    });

    it('a refund already reversed changes nothing', () => {
      spec(loyaltyAccountDecider)
        .given([...given, reversed(REFUND, 66_666, 33)])
        .when(refund(66_666, false))
        .then([]);
    });

    it('never takes the balance below zero: points already spent are recorded as unrecovered', () => {
      const spent: LoyaltyAccountEvent = {
        type: 'PointsRedeemed',
        data: { orderId: SECOND_ORDER, paymentId: POINTS_TENDER, points: 90, valuePaise: 9_000 },
      };
      const events = spec(loyaltyAccountDecider)
        .given([...given, spent])
        .when(refund(200_000, true))
        .then([reversed(REFUND, 200_000, 10, 90)]);
      expect(balanceAfter([...given, spent, ...events])).toBe(0);
    });
  });

  describe('given an order paid partly with 60 points', () => {
    const given: LoyaltyAccountEvent[] = [
      accrued(id(0x09), 100, 200_000),
      { type: 'PointsRedeemed', data: { orderId: ORDER, paymentId: POINTS_TENDER, points: 60, valuePaise: 6_000 } },
      accrued(ORDER, 12, 30_000, 24_000),
    ];

    it('a refund to the loyalty tender gives the redeemed points back as a new lot', () => {
      const events = spec(loyaltyAccountDecider)
        .given(given)
        .when(refund(6_000, false, REFUND, true))
        .then([
          {
            type: 'PointsReversed',
            data: {
              orderId: ORDER,
              refundId: REFUND,
              refundPaise: 6_000,
              pointsReversed: 2,
              pointsUnrecovered: 0,
              pointsReturned: 60,
              returnedExpiresOn: '2026-12-05',
            },
          },
        ]);
      // 100 − 60 + 12 − 2 + 60
      expect(balanceAfter([...given, ...events])).toBe(110);
    });
  });

  describe('given an offline register that knows only the balance it pulled', () => {
    it('runs the same rule on the cached balance', () => {
      spec(loyaltyAccountDecider)
        .given([])
        .when(settle(ORDER, 30_000, [6_000]))
        .thenFails('LOYALTY.INSUFFICIENT_POINTS', 'data.tenders.0.amountPaise');
      const decision = loyaltyAccountDecider.decide(settle(ORDER, 30_000, [6_000]), accountWithBalance(60));
      expect(decision).not.toBeInstanceOf(Error);
    });
  });
});
