import { assertNever, type Decider, type Decision } from '../decider.js';
import { DomainError, domainError } from '../errors.js';
import { formatRupees } from '../money.js';
import { addDays } from '../time.js';
import { parseOrError } from '../validation.js';
import {
  LoyaltyAccountCommand,
  type ExpirePoints,
  type LoyaltyRule,
  type ReverseOrderLoyalty,
  type SettleOrderLoyalty,
} from './loyalty.commands.js';
import type { LoyaltyAccountEvent, PointsReversed } from './loyalty.events.js';

/** Points earned together, spent and expired together: one order's accrual, or one refund's return. */
export type PointsLot = { lotId: string; points: number; expiresOn: string };

/** What the account knows of one order, to reverse it in proportion when it is refunded. */
export type OrderLoyalty = {
  payablePaise: number;
  accruedPoints: number;
  /** Accrual taken back (or found uncollectable) by refunds so far. */
  reversedPoints: number;
  redeemedPoints: number;
  redeemedPaise: number;
  returnedPoints: number;
  refundedPaise: number;
  refundIds: ReadonlyArray<string>;
};

/** Lots ordered by expiry (earliest first); the balance is their sum and never negative. */
export type LoyaltyAccountState = {
  lots: ReadonlyArray<PointsLot>;
  orders: Readonly<Record<string, OrderLoyalty>>;
};

/** A brand's account of one customer: `loyalty-<brandId>-<customerId>`. */
export const loyaltyAccountStreamId = (brandId: string, customerId: string): string =>
  `loyalty-${brandId}-${customerId}`;

export const loyaltyBalance = (state: LoyaltyAccountState): number =>
  state.lots.reduce((total, lot) => total + lot.points, 0);

/**
 * An account known only by its balance (an offline register's cache, pulled when it last synced),
 * so the register runs the same decision on it as the server runs on the whole stream.
 */
export const accountWithBalance = (points: number): LoyaltyAccountState => ({
  lots: points > 0 ? [{ lotId: 'balance', points, expiresOn: '9999-12-31' }] : [],
  orders: {},
});

const NO_ORDER: OrderLoyalty = {
  payablePaise: 0,
  accruedPoints: 0,
  reversedPoints: 0,
  redeemedPoints: 0,
  redeemedPaise: 0,
  returnedPoints: 0,
  refundedPaise: 0,
  refundIds: [],
};

type Redemption = SettleOrderLoyalty['data']['redemptions'][number];

/**
 * A sale's loyalty tenders against the account: whole points, enough of them. Online, a tender
 * the balance cannot cover is refused, naming its field; a replayed sale stands, so the account
 * gives what it has and records the shortfall.
 */
export const redeemPoints = (
  order: { orderId: string; mode: 'online' | 'replay'; redemptions: ReadonlyArray<Redemption> },
  state: LoyaltyAccountState,
  rule: LoyaltyRule | null,
): { events: LoyaltyAccountEvent[]; redeemedPaise: number } | DomainError => {
  const events: LoyaltyAccountEvent[] = [];
  let available = loyaltyBalance(state);
  let redeemedPaise = 0;
  for (const redemption of order.redemptions) {
    redeemedPaise += redemption.amountPaise;
    if (rule === null) {
      if (order.mode === 'online')
        return domainError('LOYALTY.NO_PROGRAMME', redemption.path, 'this brand has no loyalty programme');
      events.push(shortfall(order.orderId, redemption.paymentId, 0, redemption.amountPaise));
      continue;
    }
    const value = rule.pointValuePaise;
    if (order.mode === 'online' && redemption.amountPaise % value !== 0) {
      return domainError(
        'LOYALTY.NOT_WHOLE_POINTS',
        redemption.path,
        `a loyalty tender pays whole points of ${formatRupees(value)} each; ${formatRupees(redemption.amountPaise)} is not`,
      );
    }
    const wanted = Math.ceil(redemption.amountPaise / value);
    if (order.mode === 'online' && wanted > available) {
      return domainError(
        'LOYALTY.INSUFFICIENT_POINTS',
        redemption.path,
        `the customer has ${available} points (${formatRupees(available * value)}) but this tender needs ${wanted}`,
      );
    }
    const points = Math.min(wanted, available);
    const valuePaise = Math.min(redemption.amountPaise, points * value);
    available -= points;
    if (points > 0)
      events.push({
        type: 'PointsRedeemed',
        data: { orderId: order.orderId, paymentId: redemption.paymentId, points, valuePaise },
      });
    if (valuePaise < redemption.amountPaise)
      events.push(shortfall(order.orderId, redemption.paymentId, wanted - points, redemption.amountPaise - valuePaise));
  }
  return { events, redeemedPaise };
};

const settleOrder = (
  { data, context }: SettleOrderLoyalty,
  state: LoyaltyAccountState,
): Decision<LoyaltyAccountEvent> => {
  if (state.orders[data.orderId]) return [];
  const { rule } = context;
  const redeemed = redeemPoints(data, state, rule);
  if (redeemed instanceof DomainError) return redeemed;
  const events = [...redeemed.events];
  if (rule !== null) {
    const eligiblePaise = Math.max(0, data.payablePaise - redeemed.redeemedPaise);
    events.push({
      type: 'PointsAccrued',
      data: {
        orderId: data.orderId,
        points: pointsEarned(rule, eligiblePaise),
        eligiblePaise,
        payablePaise: data.payablePaise,
        expiresOn: addDays(data.businessDate, rule.expiryDays),
      },
    });
  }
  return events;
};

const shortfall = (
  orderId: string,
  paymentId: string,
  pointsShort: number,
  paiseShort: number,
): LoyaltyAccountEvent => ({
  type: 'LoyaltyRedemptionShortfall',
  data: { orderId, paymentId, pointsShort, paiseShort },
});

/**
 * Points a paid order earns: ⌊eligible paise × pointsPer100Rupees / 10 000⌋, in integers. The part
 * paid with points earns nothing, so points never buy points.
 */
export const pointsEarned = (rule: LoyaltyRule, eligiblePaise: number): number =>
  Number((BigInt(eligiblePaise) * BigInt(rule.pointsPer100Rupees)) / 10_000n);

const reverseOrder = (
  { data, context }: ReverseOrderLoyalty,
  state: LoyaltyAccountState,
): Decision<LoyaltyAccountEvent> => {
  const order = state.orders[data.orderId];
  if (!order || order.refundIds.includes(data.refundId)) return [];
  const refundedPaise = order.refundedPaise + data.refundPaise;
  // The accrual taken back so far is always ⌊accrued × refunded / payable⌋ of the running total,
  // so partial refunds add up to exactly the accrual when the order is fully refunded.
  const target =
    data.completesRefund || order.payablePaise === 0
      ? order.accruedPoints
      : Number(
          (BigInt(order.accruedPoints) * BigInt(Math.min(refundedPaise, order.payablePaise))) /
            BigInt(order.payablePaise),
        );
  const due = Math.max(0, target - order.reversedPoints);
  const returnable = order.redeemedPoints - order.returnedPoints;
  const pointsReturned =
    data.toLoyaltyTender && order.redeemedPaise > 0
      ? Math.min(
          returnable,
          Number((BigInt(data.refundPaise) * BigInt(order.redeemedPoints)) / BigInt(order.redeemedPaise)),
        )
      : 0;
  const pointsReversed = Math.min(due, loyaltyBalance(state) + pointsReturned);
  const reversed: PointsReversed = {
    type: 'PointsReversed',
    data: {
      orderId: data.orderId,
      refundId: data.refundId,
      refundPaise: data.refundPaise,
      pointsReversed,
      pointsUnrecovered: due - pointsReversed,
      pointsReturned,
      returnedExpiresOn: addDays(data.businessDate, context.rule?.expiryDays ?? 0),
    },
  };
  return [reversed];
};

const expirePoints = ({ data }: ExpirePoints, state: LoyaltyAccountState): Decision<LoyaltyAccountEvent> => {
  const points = state.lots.filter((lot) => lot.expiresOn <= data.asOf).reduce((sum, lot) => sum + lot.points, 0);
  return points === 0 ? [] : [{ type: 'PointsExpired', data: { asOf: data.asOf, points } }];
};

const decide = (command: LoyaltyAccountCommand, state: LoyaltyAccountState): Decision<LoyaltyAccountEvent> => {
  const parsed = parseOrError(LoyaltyAccountCommand, command);
  if (parsed instanceof Error) return parsed;
  switch (parsed.type) {
    case 'SettleOrderLoyalty':
      return settleOrder(parsed, state);
    case 'ReverseOrderLoyalty':
      return reverseOrder(parsed, state);
    case 'ExpirePoints':
      return expirePoints(parsed, state);
    default:
      return assertNever(parsed);
  }
};

/** Takes `points` from the lots, from `first` if named, then the earliest to expire (FIFO by expiry). */
const take = (lots: ReadonlyArray<PointsLot>, points: number, first?: string): PointsLot[] => {
  let left = points;
  const ordered =
    first === undefined
      ? lots
      : [...lots.filter((lot) => lot.lotId === first), ...lots.filter((lot) => lot.lotId !== first)];
  const after = ordered.map((lot) => {
    const taken = Math.min(left, lot.points);
    left -= taken;
    return { ...lot, points: lot.points - taken };
  });
  return sortLots(after.filter((lot) => lot.points > 0));
};

const sortLots = (lots: PointsLot[]): PointsLot[] =>
  lots.sort((a, b) => (a.expiresOn < b.expiresOn ? -1 : a.expiresOn > b.expiresOn ? 1 : 0));

const withOrder = (state: LoyaltyAccountState, orderId: string, change: (order: OrderLoyalty) => OrderLoyalty) => ({
  ...state.orders,
  [orderId]: change(state.orders[orderId] ?? NO_ORDER),
});

const evolve = (state: LoyaltyAccountState, event: LoyaltyAccountEvent): LoyaltyAccountState => {
  switch (event.type) {
    case 'PointsAccrued': {
      const { orderId, points, payablePaise, expiresOn } = event.data;
      return {
        lots: points > 0 ? sortLots([...state.lots, { lotId: orderId, points, expiresOn }]) : state.lots,
        orders: withOrder(state, orderId, (order) => ({ ...order, payablePaise, accruedPoints: points })),
      };
    }
    case 'PointsRedeemed': {
      const { orderId, points, valuePaise } = event.data;
      return {
        lots: take(state.lots, points),
        orders: withOrder(state, orderId, (order) => ({
          ...order,
          redeemedPoints: order.redeemedPoints + points,
          redeemedPaise: order.redeemedPaise + valuePaise,
        })),
      };
    }
    case 'LoyaltyRedemptionShortfall':
      return { ...state, orders: withOrder(state, event.data.orderId, (order) => order) };
    case 'PointsReversed': {
      const { orderId, refundId, refundPaise, pointsReversed, pointsUnrecovered, pointsReturned, returnedExpiresOn } =
        event.data;
      const returned =
        pointsReturned > 0
          ? sortLots([...state.lots, { lotId: refundId, points: pointsReturned, expiresOn: returnedExpiresOn }])
          : state.lots;
      return {
        lots: take(returned, pointsReversed, orderId),
        orders: withOrder(state, orderId, (order) => ({
          ...order,
          reversedPoints: order.reversedPoints + pointsReversed + pointsUnrecovered,
          returnedPoints: order.returnedPoints + pointsReturned,
          refundedPaise: order.refundedPaise + refundPaise,
          refundIds: [...order.refundIds, refundId],
        })),
      };
    }
    case 'PointsExpired':
      return { ...state, lots: state.lots.filter((lot) => lot.expiresOn > event.data.asOf) };
    default:
      return assertNever(event);
  }
};

export const loyaltyAccountDecider: Decider<LoyaltyAccountCommand, LoyaltyAccountEvent, LoyaltyAccountState> = {
  decide,
  evolve,
  initialState: () => ({ lots: [], orders: {} }),
};
