import { assertNever, type Decider, type Decision } from '../decider.js';
import { domainError } from '../errors.js';
import { parseOrError } from '../validation.js';
import { z } from 'zod';
import { AdjustTip, TenderPayments, type PaymentCommand } from './payment.commands.js';
import type { PaymentEvent, PaymentTendered } from './payment.events.js';
import { settleTenders, TIPPABLE_KINDS, type TenderKind } from './tender.js';

export type RecordedTender = {
  kind: TenderKind;
  amountPaise: number;
  appliedPaise: number;
  changePaise: number;
  tipPaise: number;
};

/**
 * The payments of one order. They live on the order's stream: the order decider folds these
 * events into its own state and delegates payment commands here, so sufficiency and tip rules are
 * written once.
 */
export type PaymentState =
  { status: 'unpaid' } | { status: 'tendered'; tenders: Readonly<Record<string, RecordedTender>> };

const PaymentCommand = z.discriminatedUnion('type', [TenderPayments, AdjustTip]);

const tenderPayments = ({ data }: TenderPayments, state: PaymentState): Decision<PaymentEvent> => {
  if (state.status === 'tendered') {
    return domainError('PAYMENT.ALREADY_TENDERED', 'data.tenders', 'this order has already been paid');
  }
  const settlement = settleTenders(data.payablePaise, data.tenders, 'data.tenders');
  if (settlement instanceof Error) return settlement;
  return settlement.tenders.map((tender): PaymentTendered => ({
    type: 'PaymentTendered',
    data: {
      orderId: data.orderId,
      paymentId: tender.paymentId,
      kind: tender.kind,
      amountPaise: tender.amountPaise,
      changePaise: tender.changePaise,
      appliedPaise: tender.appliedPaise,
      tipPaise: tender.tipPaise,
      ...(tender.reference === undefined ? {} : { reference: tender.reference }),
      ...(tender.accountId === undefined ? {} : { accountId: tender.accountId }),
    },
  }));
};

const adjustTip = ({ data }: AdjustTip, state: PaymentState): Decision<PaymentEvent> => {
  const tender = state.status === 'tendered' ? state.tenders[data.paymentId] : undefined;
  if (!tender)
    return domainError('PAYMENT.UNKNOWN_PAYMENT', 'data.paymentId', 'no tender with this payment id on the order');
  if (!TIPPABLE_KINDS.has(tender.kind)) {
    return domainError('PAYMENT.TIP_NOT_ALLOWED', 'data.tipPaise', `a tip cannot be added to a ${tender.kind} tender`);
  }
  if (tender.tipPaise === data.tipPaise) return [];
  return [
    {
      type: 'TipAdjusted',
      data: {
        orderId: data.orderId,
        paymentId: data.paymentId,
        tipPaise: data.tipPaise,
        previousTipPaise: tender.tipPaise,
      },
    },
  ];
};

const decide = (command: PaymentCommand, state: PaymentState): Decision<PaymentEvent> => {
  const parsed = parseOrError(PaymentCommand, command);
  if (parsed instanceof Error) return parsed;
  switch (parsed.type) {
    case 'TenderPayments':
      return tenderPayments(parsed, state);
    case 'AdjustTip':
      return adjustTip(parsed, state);
    default:
      return assertNever(parsed);
  }
};

const evolve = (state: PaymentState, event: PaymentEvent): PaymentState => {
  const tenders = state.status === 'tendered' ? state.tenders : {};
  switch (event.type) {
    case 'PaymentTendered': {
      const { paymentId, kind, amountPaise, appliedPaise, changePaise, tipPaise } = event.data;
      return {
        status: 'tendered',
        tenders: { ...tenders, [paymentId]: { kind, amountPaise, appliedPaise, changePaise, tipPaise } },
      };
    }
    case 'TipAdjusted': {
      const tender = tenders[event.data.paymentId];
      if (!tender) return state;
      return {
        status: 'tendered',
        tenders: { ...tenders, [event.data.paymentId]: { ...tender, tipPaise: event.data.tipPaise } },
      };
    }
    default:
      return assertNever(event);
  }
};

const initialState = (): PaymentState => ({ status: 'unpaid' });

export const paymentDecider: Decider<PaymentCommand, PaymentEvent, PaymentState> = { decide, evolve, initialState };
