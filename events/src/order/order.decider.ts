import { assertNever, type Decider, type Decision } from '../decider.js';
import { domainError, fieldPath, type DomainError } from '../errors.js';
import { formatRupees, sumPaise } from '../money.js';
import type { AdjustTip } from '../payment/payment.commands.js';
import { paymentDecider, type PaymentState } from '../payment/payment.decider.js';
import type { PaymentEvent } from '../payment/payment.events.js';
import type { TenderKind } from '../payment/tender.js';
import type { BillTotals, PricedLine } from '../pricing.js';
import type { StockDepleted } from '../stock/stock-depleted.js';
import { parseOrError } from '../validation.js';
import { checkoutEvents } from './checkout.js';
import type { OfflineConflictRecorded } from './offline-conflict.js';
import { z } from 'zod';
import { OrderCommand, type PlaceOrder, type RefundOrder, type VoidOrder } from './order.commands.js';
import type { OrderPlaced, OrderRefunded, OrderVoided, RefundedLine } from './order.events.js';
import { TAB_COMMANDS, type TabCommand } from './tab.commands.js';
import { decideTab } from './tab.decider.js';
import { evolveTab, type TabState } from './tab-state.js';
import { TAB_EVENT_TYPES, type TabEvent } from './tab.events.js';
import { addAmounts, NO_AMOUNTS, refundOfLine, type LineAmounts } from './refund.js';

/** Everything appended to an order's stream. */
export type OrderStreamEvent =
  OrderPlaced | OrderVoided | OrderRefunded | PaymentEvent | StockDepleted | OfflineConflictRecorded | TabEvent;

/** What an order's stream is asked: a quick-service checkout and what follows it, or a running tab's steps. */
export type OrderStreamCommand = OrderCommand | TabCommand;
const OrderStreamCommand = z.discriminatedUnion('type', [...OrderCommand.options, ...TAB_COMMANDS]);

export type OrderLineState = { line: PricedLine; refundedQuantity: number; refunded: LineAmounts };

export type PlacedOrder = {
  orderId: string;
  storeId: string;
  /** The shift whose drawer took the sale's cash: a void takes it back out of that drawer. */
  shiftId: string | null;
  /** The customer the order was sold to, if any: whom a refund's or void's loyalty reversal is for. */
  customerId?: string;
  totals: BillTotals;
  /** In the order they were sold. */
  lines: ReadonlyArray<OrderLineState>;
  payments: PaymentState;
  refundsById: Readonly<Record<string, OrderRefunded['data']>>;
  refundedPaise: number;
  refundedByKind: Readonly<Partial<Record<TenderKind, number>>>;
};

export type OrderState =
  { status: 'none' } | TabState | ({ status: 'placed' | 'partially_refunded' | 'refunded' | 'voided' } & PlacedOrder);

/** A stream that holds a sale: placed, and perhaps refunded or voided since. */
export type SoldOrderState = Extract<OrderState, PlacedOrder>;

const SOLD: ReadonlySet<OrderState['status']> = new Set(['placed', 'partially_refunded', 'refunded', 'voided']);

/** Whether the stream holds a sale, not nothing yet or a tab still running (or closed empty). */
export const isSoldOrder = (state: OrderState): state is SoldOrderState => SOLD.has(state.status);

export const orderStreamId = (orderId: string): string => `order-${orderId}`;

/** The refusal of a command that needs a placed order, on a tab still running (or closed empty). */
const tabNotSettled = (): DomainError =>
  domainError('TAB.NOT_SETTLED', 'data.orderId', 'this tab is not settled; cancel its lines instead');

/** The refusal of a command on an order that was never placed. */
export const orderNotFound = (path = 'data.orderId'): DomainError =>
  domainError('ORDER.NOT_FOUND', path, 'no order with this id has been placed');

const placeOrder = (command: PlaceOrder, state: OrderState): Decision<OrderStreamEvent> => {
  if (state.status !== 'none')
    return domainError('ORDER.ALREADY_PLACED', 'data.orderId', 'an order with this id already exists');
  return checkoutEvents(command);
};

const voidOrder = ({ data }: VoidOrder, state: OrderState): Decision<OrderStreamEvent> => {
  switch (state.status) {
    case 'none':
      return orderNotFound();
    case 'open':
    case 'closed':
      return tabNotSettled();
    case 'voided':
      return domainError('ORDER.ALREADY_VOIDED', 'data.orderId', 'this order is already voided');
    case 'partially_refunded':
    case 'refunded':
      return domainError(
        'ORDER.HAS_REFUNDS',
        'data.orderId',
        'an order with refunds cannot be voided; refund the rest instead',
      );
    case 'placed':
      return [
        {
          type: 'OrderVoided',
          data: { orderId: data.orderId, reason: data.reason, reversedPaise: state.totals.payablePaise },
        },
      ];
    default:
      return assertNever(state);
  }
};

/** What each tender kind can still give back: applied by that kind, less what it already refunded. */
export const refundableByKind = (state: PlacedOrder, kind: TenderKind): number => {
  const tenders = state.payments.status === 'tendered' ? Object.values(state.payments.tenders) : [];
  const applied = sumPaise(tenders.filter((tender) => tender.kind === kind).map((tender) => tender.appliedPaise));
  return applied - (state.refundedByKind[kind] ?? 0);
};

const sameRefund = (a: ReadonlyArray<RefundedLine>, b: ReadonlyArray<{ lineId: string; quantity: number }>): boolean =>
  a.length === b.length &&
  a.every((line, index) => line.lineId === b[index]?.lineId && line.quantity === b[index]?.quantity);

const refundOrder = ({ data }: RefundOrder, state: OrderState): Decision<OrderStreamEvent> => {
  if (state.status === 'none') return orderNotFound();
  if (state.status === 'open' || state.status === 'closed') return tabNotSettled();
  if (state.status === 'voided')
    return domainError('ORDER.VOIDED', 'data.orderId', 'a voided order has nothing to refund');

  const requested =
    data.scope === 'full'
      ? state.lines
          .filter((entry) => entry.refundedQuantity < entry.line.quantity)
          .map((entry) => ({ lineId: entry.line.lineId, quantity: entry.line.quantity - entry.refundedQuantity }))
      : data.lines;

  const earlier = state.refundsById[data.refundId];
  if (earlier) {
    // A retried refund (the register did not see the answer) is a no-op; the same id for a
    // different refund is a client bug that must not pass silently.
    if (data.scope === 'lines' ? sameRefund(earlier.lines, data.lines) : earlier.completesRefund) return [];
    return domainError(
      'ORDER.REFUND_ID_REUSED',
      'data.refundId',
      'this refund id was already used for a different refund',
    );
  }
  if (state.status === 'refunded')
    return domainError('ORDER.ALREADY_REFUNDED', 'data.orderId', 'this order is fully refunded');

  const lines: RefundedLine[] = [];
  const seen = new Set<string>();
  for (const [index, request] of requested.entries()) {
    const path = (field: string) => fieldPath('data.lines', index, field);
    if (seen.has(request.lineId))
      return domainError('ORDER.DUPLICATE_LINE_ID', path('lineId'), 'name each line once per refund');
    seen.add(request.lineId);
    const entry = state.lines.find((candidate) => candidate.line.lineId === request.lineId);
    if (!entry) return domainError('ORDER.UNKNOWN_LINE', path('lineId'), 'this order has no such line');
    const remaining = entry.line.quantity - entry.refundedQuantity;
    if (request.quantity > remaining) {
      return domainError(
        'ORDER.REFUND_EXCEEDS_QUANTITY',
        path('quantity'),
        `only ${remaining} of this line are left to refund`,
      );
    }
    lines.push({
      lineId: request.lineId,
      quantity: request.quantity,
      ...refundOfLine(entry.line, { quantity: entry.refundedQuantity, amounts: entry.refunded }, request.quantity),
    });
  }

  const completesRefund = state.lines.every(
    (entry) =>
      entry.line.quantity - entry.refundedQuantity ===
      (lines.find((line) => line.lineId === entry.line.lineId)?.quantity ?? 0),
  );
  const linesTotal = sumPaise(lines.map((line) => line.totalPaise));
  // The last refund returns the bill's round-off too, so all refunds add up to what was paid. A
  // negative round-off larger than the last lines (lines under half a rupee) is cut to them.
  const roundOffPaise = completesRefund ? Math.max(state.totals.roundOffPaise, -linesTotal) : 0;
  const refundPaise = linesTotal + roundOffPaise;

  const kind = data.tender.kind;
  if (kind !== 'cash') {
    const available = refundableByKind(state, kind);
    if (refundPaise > available) {
      return domainError(
        'ORDER.REFUND_EXCEEDS_TENDER',
        'data.tender.kind',
        available === 0
          ? `the order was not paid by ${kind}; refund in cash or by a tender it was paid with`
          : `only ${formatRupees(available)} can go back by ${kind}`,
      );
    }
  }

  return [
    {
      type: 'OrderRefunded',
      data: {
        orderId: data.orderId,
        refundId: data.refundId,
        reason: data.reason,
        lines,
        roundOffPaise,
        refundPaise,
        tender: { kind, ...(data.tender.reference === undefined ? {} : { reference: data.tender.reference }) },
        ...(data.shiftId === undefined ? {} : { shiftId: data.shiftId }),
        completesRefund,
      },
    },
  ];
};

const adjustTip = (command: AdjustTip, state: OrderState): Decision<OrderStreamEvent> => {
  if (state.status === 'none') return orderNotFound();
  if (state.status === 'open' || state.status === 'closed') return tabNotSettled();
  if (state.status === 'voided') return domainError('ORDER.VOIDED', 'data.orderId', 'a voided order takes no tip');
  return paymentDecider.decide(command, state.payments);
};

const decide = (command: OrderStreamCommand, state: OrderState): Decision<OrderStreamEvent> => {
  const parsed = parseOrError(OrderStreamCommand, command);
  if (parsed instanceof Error) return parsed;
  if (state.status !== 'none' && parsed.type !== 'PlaceOrder' && parsed.data.orderId !== state.orderId) {
    return domainError(
      'ORDER.WRONG_STREAM',
      'data.orderId',
      'the command names a different order from the stream it was sent to',
    );
  }
  switch (parsed.type) {
    case 'PlaceOrder':
      return placeOrder(parsed, state);
    case 'VoidOrder':
      return voidOrder(parsed, state);
    case 'RefundOrder':
      return refundOrder(parsed, state);
    case 'AdjustTip':
      return adjustTip(parsed, state);
    case 'OpenTab':
    case 'FireRound':
    case 'CancelTabLine':
    case 'MoveTab':
    case 'PrintBill':
    case 'SplitBill':
    case 'SettleTab':
    case 'CloseEmptyTab':
      return decideTab(parsed, state);
    default:
      return assertNever(parsed);
  }
};

const evolve = (state: OrderState, event: OrderStreamEvent): OrderState => {
  if (TAB_EVENT_TYPES.has(event.type)) return evolveTab(state, event as TabEvent);
  if (event.type === 'OrderPlaced') {
    return {
      status: 'placed',
      orderId: event.data.orderId,
      storeId: event.data.storeId,
      shiftId: event.data.shiftId,
      ...(event.data.customerId === undefined ? {} : { customerId: event.data.customerId }),
      totals: event.data.totals,
      lines: event.data.lines.map((line) => ({ line, refundedQuantity: 0, refunded: NO_AMOUNTS })),
      payments: paymentDecider.initialState(),
      refundsById: {},
      refundedPaise: 0,
      refundedByKind: {},
    };
  }
  if (state.status === 'none' || state.status === 'open' || state.status === 'closed') return state;
  switch (event.type) {
    case 'PaymentTendered':
    case 'TipAdjusted':
      return { ...state, payments: paymentDecider.evolve(state.payments, event) };
    case 'StockDepleted':
    case 'OfflineConflictRecorded':
      return state;
    case 'OrderVoided':
      return { ...state, status: 'voided' };
    case 'TabOpened':
    case 'RoundFired':
    case 'TabLineCancelled':
    case 'TabMoved':
    case 'BillPrinted':
    case 'BillSplit':
    case 'BillPartPaid':
    case 'TabSettled':
    case 'EmptyTabClosed':
      return state;
    case 'OrderRefunded': {
      const { lines, refundId, refundPaise, tender, completesRefund } = event.data;
      return {
        ...state,
        status: completesRefund ? 'refunded' : 'partially_refunded',
        lines: state.lines.map((entry) => {
          const refunded = lines.find((line) => line.lineId === entry.line.lineId);
          if (!refunded) return entry;
          return {
            line: entry.line,
            refundedQuantity: entry.refundedQuantity + refunded.quantity,
            refunded: addAmounts(entry.refunded, refunded),
          };
        }),
        refundsById: { ...state.refundsById, [refundId]: event.data },
        refundedPaise: state.refundedPaise + refundPaise,
        refundedByKind: {
          ...state.refundedByKind,
          [tender.kind]: (state.refundedByKind[tender.kind] ?? 0) + refundPaise,
        },
      };
    }
    default:
      return assertNever(event);
  }
};

const initialState = (): OrderState => ({ status: 'none' });

/**
 * A voided order and a tab closed empty take no further command; a fully refunded one may still
 * have a card tip corrected.
 */
const isTerminal = (state: OrderState): boolean => state.status === 'voided' || state.status === 'closed';

export const orderDecider: Decider<OrderStreamCommand, OrderStreamEvent, OrderState> = {
  decide,
  evolve,
  initialState,
  isTerminal,
};
