import { isSoldOrder, type OrderState } from '../order/order.decider.js';
import type { OrderPlaced, OrderRefunded } from '../order/order.events.js';
import type { PaymentTendered } from '../payment/payment.events.js';
import { domainError, type DomainError } from '../errors.js';
import { sumPaise, type Paise } from '../money.js';
import type { RecordDrawerCash } from './shift.commands.js';
import { drawerCounted, shiftNotOpen, shiftStreamId, type ShiftState } from './shift.decider.js';

/** An event of an order's stream, as a decision produced it or as it was stored. */
type OrderEventSource = { eventId: string; type: string; data: unknown };

/**
 * What the workflow knows of the order besides the events: the shift it was sold on and the cash
 * its tenders took (from the OrderPlaced's decision, or the order's state for a later void).
 */
export type OrderDrawerFacts = {
  shiftId: string | null;
  cashTenderedPaise: Paise;
  changeGivenPaise: Paise;
};

/** The drawer facts of an order as its stream has it: for a void, which gives back what the sale took. */
export const orderDrawerFacts = (state: OrderState): OrderDrawerFacts => {
  if (state.status === 'none') return { shiftId: null, cashTenderedPaise: 0, changeGivenPaise: 0 };
  // A running tab has taken no cash yet: its parts' tenders reach the drawer with the sale.
  if (!isSoldOrder(state)) return { shiftId: state.shiftId, cashTenderedPaise: 0, changeGivenPaise: 0 };
  const tenders = state.payments.status === 'tendered' ? Object.values(state.payments.tenders) : [];
  // An order state kept by an older till may not know its shift.
  return { shiftId: state.shiftId ?? null, ...cashOfTenders(tenders) };
};

/**
 * A command on a shift's drawer that follows from an order event. Its id is derived from the
 * source event and the purpose, so the host runs it once however often the order's command or
 * replay is retried.
 */
export type DrawerReaction = {
  sourceEventId: string;
  purpose: 'drawer-cash';
  streamId: string;
  command: RecordDrawerCash;
};

/** The cash a sale's tenders took in and the change it gave, from its PaymentTendered events. */
export const cashOfTenders = (
  tenders: ReadonlyArray<Pick<PaymentTendered['data'], 'kind' | 'amountPaise' | 'changePaise'>>,
) => ({
  cashTenderedPaise: sumPaise(tenders.filter((tender) => tender.kind === 'cash').map((tender) => tender.amountPaise)),
  changeGivenPaise: sumPaise(tenders.map((tender) => tender.changePaise)),
});

/**
 * Order → shift drawer, declared once for the ledger and a register: from the events an order
 * decision produced, the cash each moved through which drawer. A sale's cash goes into the drawer
 * of the shift it was sold on; a void takes that cash and change back out of the same drawer; a
 * cash refund leaves the drawer of the shift the refund names (a refund given from the office,
 * naming none, moves no drawer's cash). Tenders other than cash never touch a drawer. Nothing
 * here reads a stream: the reactions run from the events.
 */
export const shiftDrawerReactions = (
  produced: ReadonlyArray<OrderEventSource>,
  facts: OrderDrawerFacts,
): DrawerReaction[] => {
  const tenders = produced.flatMap((event) =>
    event.type === 'PaymentTendered' ? [event.data as PaymentTendered['data']] : [],
  );
  return produced.flatMap((event): DrawerReaction[] => {
    switch (event.type) {
      case 'OrderPlaced': {
        const placed = event.data as OrderPlaced['data'];
        if (placed.shiftId === null) return [];
        const cash = cashOfTenders(tenders);
        if (cash.cashTenderedPaise === 0 && cash.changeGivenPaise === 0) return [];
        return [reaction(event, placed.shiftId, placed.orderId, 'sale', { ...cash, cashRefundedPaise: 0 })];
      }
      case 'OrderVoided': {
        const { orderId } = event.data as { orderId: string };
        const { shiftId, cashTenderedPaise, changeGivenPaise } = facts;
        if (shiftId === null || (cashTenderedPaise === 0 && changeGivenPaise === 0)) return [];
        return [
          reaction(event, shiftId, orderId, 'void', { cashTenderedPaise, changeGivenPaise, cashRefundedPaise: 0 }),
        ];
      }
      case 'OrderRefunded': {
        const refund = event.data as OrderRefunded['data'];
        if (refund.tender.kind !== 'cash' || refund.shiftId === undefined || refund.refundPaise === 0) return [];
        return [
          reaction(event, refund.shiftId, refund.orderId, 'refund', {
            cashTenderedPaise: 0,
            changeGivenPaise: 0,
            cashRefundedPaise: refund.refundPaise,
          }),
        ];
      }
      default:
        return [];
    }
  });
};

const reaction = (
  event: OrderEventSource,
  shiftId: string,
  orderId: string,
  movement: RecordDrawerCash['data']['movement'],
  cash: Pick<RecordDrawerCash['data'], 'cashTenderedPaise' | 'changeGivenPaise' | 'cashRefundedPaise'>,
): DrawerReaction => ({
  sourceEventId: event.eventId,
  purpose: 'drawer-cash',
  streamId: shiftStreamId(shiftId),
  command: {
    type: 'RecordDrawerCash',
    data: { shiftId, orderId, sourceEventId: event.eventId, movement, ...cash },
  },
});

/** A shift as a command that moves cash through its drawer needs to know it. */
export type DrawerAnswer = { status: ShiftState['status']; storeId?: string; registerId?: string };

export const drawerAnswerOf = (state: ShiftState): DrawerAnswer =>
  state.status === 'none'
    ? { status: 'none' }
    : { status: state.status, storeId: state.storeId, registerId: state.registerId };

/**
 * Cash goes through the drawer of an open shift in the store it is taken in, and a sale's through
 * the drawer of the register that sells it: checked before the order is decided, so its drawer
 * record cannot be refused after the order is stored.
 */
export const drawerRefusal = (
  drawer: DrawerAnswer | undefined,
  where: { storeId: string; registerId?: string | null },
): DomainError | undefined => {
  if (drawer === undefined || drawer.status === 'none') return shiftNotOpen();
  if (drawer.status === 'closed') return drawerCounted();
  if (
    drawer.storeId !== where.storeId ||
    (where.registerId !== undefined && where.registerId !== null && drawer.registerId !== where.registerId)
  )
    return domainError('SHIFT.OTHER_DRAWER', 'data.shiftId', "the shift is another register's drawer");
  return undefined;
};
