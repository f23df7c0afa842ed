import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { id } from '../testing/fixtures.js';
import { settleTenders, type Tender } from './tender.js';

const tender = (n: number, kind: Tender['kind'], amountPaise: number, extra: Partial<Tender> = {}): Tender => ({
  paymentId: id(n),
  kind,
  amountPaise,
  tipPaise: 0,
  ...extra,
});

const failure = (result: ReturnType<typeof settleTenders>): DomainError => {
  expect(result).toBeInstanceOf(DomainError);
  return result as DomainError;
};

describe('tender sufficiency', () => {
  it('gives change only from cash, taken from the cash tenders in order', () => {
    const result = settleTenders(
      84_800,
      [tender(1, 'upi', 50_000), tender(2, 'cash', 20_000), tender(3, 'cash', 20_000)],
      'tenders',
    );
    expect(result).toEqual({
      changePaise: 5_200,
      tenders: [
        expect.objectContaining({ kind: 'upi', changePaise: 0, appliedPaise: 50_000 }),
        expect.objectContaining({ kind: 'cash', changePaise: 5_200, appliedPaise: 14_800 }),
        expect.objectContaining({ kind: 'cash', changePaise: 0, appliedPaise: 20_000 }),
      ],
    });
  });

  it('takes an exact payment with no change', () => {
    const result = settleTenders(1_000, [tender(1, 'wallet', 1_000, { reference: 'PTM-1' })], 'tenders');
    expect(result).toMatchObject({ changePaise: 0, tenders: [{ appliedPaise: 1_000, reference: 'PTM-1' }] });
  });

  it('lets a fully discounted order close with no tender', () => {
    expect(settleTenders(0, [], 'tenders')).toEqual({ changePaise: 0, tenders: [] });
  });

  it('refuses an order with something payable and no tender', () => {
    expect(failure(settleTenders(100, [], 'tenders')).code).toBe('PAYMENT.NO_TENDER');
  });

  it('refuses tenders short of the payable', () => {
    const error = failure(settleTenders(1_000, [tender(1, 'cash', 400), tender(2, 'card', 599)], 'tenders'));
    expect(error).toMatchObject({ code: 'PAYMENT.INSUFFICIENT', path: 'tenders' });
  });

  it('refuses non-cash tenders above the payable, since no change can come from them', () => {
    const error = failure(settleTenders(1_000, [tender(1, 'card', 600), tender(2, 'upi', 500)], 'tenders'));
    expect(error.code).toBe('PAYMENT.NON_CASH_EXCEEDS_PAYABLE');
  });

  it('refuses a tip on cash or on account, and allows it on card, UPI and wallet', () => {
    expect(failure(settleTenders(1_000, [tender(1, 'cash', 1_000, { tipPaise: 100 })], 'tenders'))).toMatchObject({
      code: 'PAYMENT.TIP_NOT_ALLOWED',
      path: 'tenders.0.tipPaise',
    });
    const onAccount = tender(1, 'on_account', 1_000, { tipPaise: 100, accountId: id(0xacc) });
    expect(failure(settleTenders(1_000, [onAccount], 'tenders')).code).toBe('PAYMENT.TIP_NOT_ALLOWED');
    for (const kind of ['card', 'upi', 'wallet'] as const) {
      expect(settleTenders(1_000, [tender(1, kind, 1_000, { tipPaise: 100 })], 'tenders')).not.toBeInstanceOf(
        DomainError,
      );
    }
  });

  it('requires the account of an on-account tender, and refuses an account on any other', () => {
    expect(failure(settleTenders(1_000, [tender(1, 'on_account', 1_000)], 'tenders'))).toMatchObject({
      code: 'PAYMENT.ACCOUNT_REQUIRED',
      path: 'tenders.0.accountId',
    });
    expect(
      failure(settleTenders(1_000, [tender(1, 'card', 1_000, { accountId: id(0xacc) })], 'tenders')),
    ).toMatchObject({
      code: 'PAYMENT.ACCOUNT_NOT_ALLOWED',
      path: 'tenders.0.accountId',
    });
  });

  it('refuses two tenders with one payment id', () => {
    expect(failure(settleTenders(1_000, [tender(1, 'cash', 500), tender(1, 'cash', 500)], 'tenders'))).toMatchObject({
      code: 'PAYMENT.DUPLICATE_PAYMENT_ID',
      path: 'tenders.1.paymentId',
    });
  });
});
