import { canonicalJson } from '../audit/canonical-json.js';
import { DomainError } from '../errors.js';
import { formatRupees } from '../money.js';
import type { TenderKind } from '../payment/tender.js';
import type { OfflineConflict } from './offline-conflict.js';
import type { RefundOrder } from './order.commands.js';
import { isSoldOrder, orderDecider, refundableByKind, type OrderState, type PlacedOrder } from './order.decider.js';
import type { OrderRefunded, OrderVoided } from './order.events.js';

/** A reversal a till decided offline, on what it knew of the order then. */
export type ReplayedReversal = OrderVoided | OrderRefunded;

/**
 * What a replayed reversal becomes once judged against the order as stored: it `stands` as the
 * till decided it; it is `reduced` to the part still left to reverse (`event`, in place of the
 * till's); or nothing was left, and it reverses nothing. Both of the last carry the conflict a
 * manager reads.
 */
export type ReversalJudgement =
  | { verdict: 'stands' }
  | { verdict: 'reduced'; event: OrderRefunded; conflict: OfflineConflict }
  | { verdict: 'nothing_left'; conflict: OfflineConflict };

const conflictOf = (detail: string): OfflineConflict => ({ kind: 'already_reversed', path: 'data.orderId', detail });

/** What the order has given back so far, in words. */
const reversedSoFar = (state: PlacedOrder & { status: OrderState['status'] }): string =>
  state.status === 'voided'
    ? 'already voided'
    : `already refunded ${formatRupees(state.refundedPaise)}${state.status === 'refunded' ? ' in full' : ''}`;

/** The kind a refund of `paise` can go back by: the first the order was paid with that still covers it, else cash. */
const refundKindFor = (state: PlacedOrder, paise: number): TenderKind => {
  const kinds =
    state.payments.status === 'tendered' ? Object.values(state.payments.tenders).map((tender) => tender.kind) : [];
  return kinds.find((kind) => kind !== 'cash' && refundableByKind(state, kind) >= paise) ?? 'cash';
};

const refundDecided = (state: OrderState, data: RefundOrder['data']): OrderRefunded | DomainError => {
  const decided = orderDecider.decide({ type: 'RefundOrder', data }, state);
  if (decided instanceof DomainError) return decided;
  const refund = decided.find((event): event is OrderRefunded => event.type === 'OrderRefunded');
  return refund ?? new DomainError('ORDER.REFUND_ID_REUSED', 'data.refundId', 'this refund was already recorded');
};

/**
 * Replayed reversal → judgement, declared once: a void or refund a till decided offline is judged
 * against every reversal already stored for the sale, from any till or from the web, by the same
 * order decider the online commands run. What is left to reverse is reversed once; the rest is a
 * recorded conflict, so a sale's reversals never exceed what it took, whatever the interleaving.
 * A void of an order refunded in part since becomes the refund of what is left (`restRefundId`,
 * chosen by the caller so a retried batch decides the same id); a refund is cut to the quantities
 * still unrefunded.
 */
export const judgeReplayedReversal = (
  replayed: ReplayedReversal,
  stored: OrderState,
  restRefundId: string,
): ReversalJudgement => {
  if (stored.status === 'none') return { verdict: 'stands' };
  const reversal = replayed.type === 'OrderVoided' ? 'void' : 'refund';
  if (!isSoldOrder(stored))
    return {
      verdict: 'nothing_left',
      conflict: conflictOf(`the order is a tab not settled on the ledger; this ${reversal} reversed nothing`),
    };
  if (stored.status === 'voided')
    return {
      verdict: 'nothing_left',
      conflict: conflictOf(`the order was already voided; this ${reversal} reversed nothing`),
    };

  if (replayed.type === 'OrderVoided') {
    if (stored.status === 'placed') return { verdict: 'stands' };
    if (stored.status === 'refunded')
      return {
        verdict: 'nothing_left',
        conflict: conflictOf(`the order was ${reversedSoFar(stored)}; this void reversed nothing`),
      };
    const left = stored.totals.payablePaise - stored.refundedPaise;
    const rest = refundDecided(stored, {
      scope: 'full',
      orderId: stored.orderId,
      refundId: restRefundId,
      reason: replayed.data.reason,
      tender: { kind: refundKindFor(stored, left) },
    });
    if (rest instanceof DomainError)
      return { verdict: 'nothing_left', conflict: conflictOf(`this void reversed nothing: ${rest.reason}`) };
    return {
      verdict: 'reduced',
      event: rest,
      conflict: conflictOf(
        `the order was ${reversedSoFar(stored)}; this void refunded the ${formatRupees(rest.data.refundPaise)} left`,
      ),
    };
  }

  const { data } = replayed;
  if (stored.refundsById[data.refundId])
    return { verdict: 'nothing_left', conflict: conflictOf('this refund was already recorded') };
  const lines = data.lines.flatMap((line) => {
    const entry = stored.lines.find((candidate) => candidate.line.lineId === line.lineId);
    const left = entry ? entry.line.quantity - entry.refundedQuantity : 0;
    return left > 0 ? [{ lineId: line.lineId, quantity: Math.min(line.quantity, left) }] : [];
  });
  const nothingLeft = {
    verdict: 'nothing_left' as const,
    conflict: conflictOf(
      `the order was ${reversedSoFar(stored)}; this refund of ${formatRupees(data.refundPaise)} reversed nothing`,
    ),
  };
  if (lines.length === 0) return nothingLeft;
  const request = {
    scope: 'lines' as const,
    orderId: data.orderId,
    refundId: data.refundId,
    reason: data.reason,
    lines,
    ...(data.shiftId === undefined ? {} : { shiftId: data.shiftId }),
  };
  let decided = refundDecided(stored, { ...request, tender: data.tender });
  // The tender the till refunded by may have nothing left to give back (the web refunded by it
  // meanwhile): what is still owed goes back in cash, as the till's drawer paid it.
  if (decided instanceof DomainError && decided.code === 'ORDER.REFUND_EXCEEDS_TENDER')
    decided = refundDecided(stored, { ...request, tender: { kind: 'cash' } });
  if (decided instanceof DomainError)
    return { ...nothingLeft, conflict: conflictOf(`this refund reversed nothing: ${decided.reason}`) };
  if (canonicalJson(decided.data) === canonicalJson(data)) return { verdict: 'stands' };
  return {
    verdict: 'reduced',
    event: decided,
    conflict: conflictOf(
      `the order was ${reversedSoFar(stored)}; of the ${formatRupees(data.refundPaise)} refunded offline, only the ${formatRupees(
        decided.data.refundPaise,
      )} left was refunded`,
    ),
  };
};
