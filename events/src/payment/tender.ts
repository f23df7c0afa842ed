import { z } from 'zod';
import { domainError, fieldPath, type DomainError } from '../errors.js';
import { formatRupees, NonNegativePaise, PositivePaise, sumPaise, type Paise } from '../money.js';

export const TenderKind = z.enum(['cash', 'card', 'upi', 'wallet', 'on_account', 'loyalty']);
export type TenderKind = z.infer<typeof TenderKind>;

/** Tenders on which a guest can add a tip to the charge (a cash tip is simply not asked back). */
export const TIPPABLE_KINDS: ReadonlySet<TenderKind> = new Set(['card', 'upi', 'wallet']);

/** A tender as the register takes it: what was handed over, by what means. */
export const Tender = z.object({
  paymentId: z.uuid(),
  kind: TenderKind,
  /** What the guest handed over by this means; for cash it may exceed what is owed. */
  amountPaise: PositivePaise,
  /** On top of the amount, for the staff; not revenue, not taxed, not counted towards the bill. */
  tipPaise: NonNegativePaise.default(0),
  /** Card approval code, UPI RRN, wallet transaction id. */
  reference: z.string().min(1).max(100).optional(),
  /** The B2B customer account an on-account tender is charged to. */
  accountId: z.uuid().optional(),
});
export type Tender = z.infer<typeof Tender>;
export type TenderInput = z.input<typeof Tender>;

export type SettledTender = Tender & {
  /** Cash handed back from this tender; only cash gives change. */
  changePaise: Paise;
  /** amount − change: what this tender contributes to the bill. Σ applied = payable exactly. */
  appliedPaise: Paise;
};

export type Settlement = { tenders: SettledTender[]; changePaise: Paise };

/**
 * Multi-tender sufficiency, the rule every checkout runs:
 * - the tenders together cover what is payable;
 * - card, UPI, wallet, on-account and loyalty points together never exceed it (no change can be
 *   given from them);
 * - so the change is tendered − payable, never negative, and never more than the cash handed over;
 *   it is taken from the cash tenders in the order they were given;
 * - tips only on card, UPI or wallet; on-account names the account it is charged to.
 */
export const settleTenders = (
  payablePaise: Paise,
  tenders: ReadonlyArray<Tender>,
  path: string,
): Settlement | DomainError => {
  if (tenders.length === 0 && payablePaise > 0) {
    return domainError('PAYMENT.NO_TENDER', path, 'an order with something to pay needs at least one tender');
  }
  const seen = new Set<string>();
  for (const [index, tender] of tenders.entries()) {
    if (seen.has(tender.paymentId)) {
      return domainError(
        'PAYMENT.DUPLICATE_PAYMENT_ID',
        fieldPath(path, index, 'paymentId'),
        'each tender needs its own payment id',
      );
    }
    seen.add(tender.paymentId);
    if (tender.tipPaise > 0 && !TIPPABLE_KINDS.has(tender.kind)) {
      return domainError(
        'PAYMENT.TIP_NOT_ALLOWED',
        fieldPath(path, index, 'tipPaise'),
        `a tip cannot be added to a ${tender.kind} tender`,
      );
    }
    if (tender.kind === 'on_account' && !tender.accountId) {
      return domainError(
        'PAYMENT.ACCOUNT_REQUIRED',
        fieldPath(path, index, 'accountId'),
        'an on-account tender must name the customer account',
      );
    }
    if (tender.kind !== 'on_account' && tender.accountId) {
      return domainError(
        'PAYMENT.ACCOUNT_NOT_ALLOWED',
        fieldPath(path, index, 'accountId'),
        'only an on-account tender is charged to an account',
      );
    }
  }
  const nonCash = sumPaise(tenders.filter((tender) => tender.kind !== 'cash').map((tender) => tender.amountPaise));
  if (nonCash > payablePaise) {
    return domainError(
      'PAYMENT.NON_CASH_EXCEEDS_PAYABLE',
      path,
      `card, UPI, wallet, on-account and loyalty tenders come to ${formatRupees(nonCash)} but only ${formatRupees(payablePaise)} is payable; change is given only from cash`,
    );
  }
  const tendered = sumPaise(tenders.map((tender) => tender.amountPaise));
  if (tendered < payablePaise) {
    return domainError(
      'PAYMENT.INSUFFICIENT',
      path,
      `tenders come to ${formatRupees(tendered)} but ${formatRupees(payablePaise)} is payable`,
    );
  }
  let changeLeft = tendered - payablePaise;
  const settled = tenders.map((tender): SettledTender => {
    const changePaise = tender.kind === 'cash' ? Math.min(changeLeft, tender.amountPaise) : 0;
    changeLeft -= changePaise;
    return { ...tender, changePaise, appliedPaise: tender.amountPaise - changePaise };
  });
  return { tenders: settled, changePaise: tendered - payablePaise };
};
