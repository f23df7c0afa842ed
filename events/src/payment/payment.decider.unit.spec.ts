import { describe, it } from 'vitest';
import { spec } from '../testing/decider-spec.js';
import { id } from '../testing/fixtures.js';
import type { AdjustTip, TenderPayments } from './payment.commands.js';
import { paymentDecider } from './payment.decider.js';
import type { PaymentTendered } from './payment.events.js';

const ORDER = id(1);
const CARD = id(0x2001);
const CASH = id(0x2002);

const tenderPayments = (tenders: TenderPayments['data']['tenders'], payablePaise = 10_000): TenderPayments => ({
  type: 'TenderPayments',
  data: { orderId: ORDER, payablePaise, tenders },
});

const cardTendered: PaymentTendered = {
  type: 'PaymentTendered',
  data: {
    orderId: ORDER,
    paymentId: CARD,
    kind: 'card',
    amountPaise: 10_000,
    changePaise: 0,
    appliedPaise: 10_000,
    tipPaise: 500,
  },
};

const adjustTip = (paymentId: string, tipPaise: number): AdjustTip => ({
  type: 'AdjustTip',
  data: { orderId: ORDER, paymentId, tipPaise },
});

describe('payment: an unpaid order', () => {
  it('records one PaymentTendered per tender', () => {
    spec(paymentDecider)
      .given([])
      .when(tenderPayments([{ paymentId: CARD, kind: 'card', amountPaise: 10_000, tipPaise: 500 }]))
      .then([cardTendered]);
  });

  it('refuses a tip adjustment before anything was tendered', () => {
    spec(paymentDecider).given([]).when(adjustTip(CARD, 100)).thenFails('PAYMENT.UNKNOWN_PAYMENT', 'data.paymentId');
  });

  it('refuses a malformed tender, naming the field', () => {
    spec(paymentDecider)
      .given([])
      .when(tenderPayments([{ paymentId: CARD, kind: 'cheque' as 'card', amountPaise: 10_000, tipPaise: 0 }]))
      .thenFails('VALIDATION.INVALID', 'data.tenders.0.kind');
  });
});

describe('payment: a paid order', () => {
  it('refuses to be paid twice', () => {
    spec(paymentDecider)
      .given([cardTendered])
      .when(tenderPayments([{ paymentId: CASH, kind: 'cash', amountPaise: 10_000, tipPaise: 0 }]))
      .thenFails('PAYMENT.ALREADY_TENDERED', 'data.tenders');
  });

  it('records a tip changed after the charge, and nothing when it is unchanged', () => {
    spec(paymentDecider)
      .given([cardTendered])
      .when(adjustTip(CARD, 800))
      .then([{ type: 'TipAdjusted', data: { orderId: ORDER, paymentId: CARD, tipPaise: 800, previousTipPaise: 500 } }]);
    spec(paymentDecider).given([cardTendered]).when(adjustTip(CARD, 500)).then([]);
  });

  it('ignores a tip adjustment event for a payment it does not know', () => {
    spec(paymentDecider)
      .given([
        cardTendered,
        { type: 'TipAdjusted', data: { orderId: ORDER, paymentId: CASH, tipPaise: 1, previousTipPaise: 0 } },
      ])
      .when(adjustTip(CARD, 500))
      .then([]);
  });
});
