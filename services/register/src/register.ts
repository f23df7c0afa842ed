import {
  commandDeclarations,
  orderDecider,
  orderDrawerFacts,
  orderStreamId,
  shiftDecider,
  shiftStreamId,
  stockStreamId,
  type CheckoutRequestInput,
  type OrderPlaced,
  type RefundOrderInput,
} from '@possier/events';

/** A refund as the till takes it: the command's data, its id minted here unless given. */
export type RefundRequest = RefundOrderInput['data'] extends infer Data
  ? Data extends unknown
    ? Omit<Data, 'refundId'> & { refundId?: string }
    : never
  : never;
import type { LocalStore } from './local-store.js';
import { localOffsetDateTime } from './local-time.js';
import { createOfflineDecide } from './offline-decide.js';
import { offlineRedemption } from './offline-redemption.js';
import { createOutbox, type QueuedDecision } from './outbox.js';
import { mintId, systemClock, type RegisterClock } from './register-clock.js';
import type { RegisterIdentity } from './register-identity.js';
import { createTillCache } from './till-cache.js';
import { recordTillDrawer } from './till-drawer.js';
import { createTillState } from './till-state.js';

// The till's vocabulary lives with its parts; the package index and other modules take it from here.
export type { QueuedDecision } from './outbox.js';
export { systemClock, type RegisterClock } from './register-clock.js';
export type { RegisterIdentity } from './register-identity.js';
export { SaleRefusedError } from './sale-refused-error.js';
export type { StoreFacts } from './till-cache.js';

/**
 * The selling half of a register: each command is decided by the same decider the ledger runs,
 * against the register's cached catalog and its own orders and shifts, and the resulting events
 * are written to the outbox in one SQLite transaction with the state they lead to. Nothing here
 * touches the network: online or offline, a sale takes this path, and the sync pushes it later.
 */
export const createTill = (db: LocalStore, identity: RegisterIdentity, clock: RegisterClock = systemClock) => {
  const cache = createTillCache(db);
  const tillState = createTillState(db);
  const decide = createOfflineDecide(identity, cache, tillState.shift, clock);
  const record = createOutbox(db, identity, clock);

  return {
    identity,
    storeFacts: cache.storeFacts,

    /** The org's customer with this phone, however it is typed, from the cache pulled last. */
    findCustomer: cache.findCustomer,

    /** Checks out an order: decided with the cached catalog, queued with its tenders and stock depletion. */
    checkout(
      request: Omit<CheckoutRequestInput, 'storeId' | 'registerId'>,
    ): QueuedDecision & { placed: OrderPlaced['data'] } {
      const data = { ...request, storeId: identity.storeId, registerId: identity.registerId };
      const state = tillState.order(request.orderId);
      const events = decide(commandDeclarations.placeOrder, data, state);
      const placed = (events.find((event) => event.type === 'OrderPlaced') as OrderPlaced).data;
      const queued = record(orderStreamId(request.orderId), events, (envelopes, occurredAt) => {
        tillState.insertOrder({
          orderId: request.orderId,
          shiftId: placed.shiftId,
          state: events.reduce(orderDecider.evolve, state),
          placedAt: occurredAt,
        });
        recordTillDrawer(tillState, envelopes, orderDrawerFacts(state));
        const redeemedPoints = offlineRedemption(cache, envelopes);
        if (redeemedPoints > 0 && placed.customerId !== undefined) cache.spendPoints(placed.customerId, redeemedPoints);
      });
      return { ...queued, placed };
    },

    /** Voids one of this register's own orders. */
    voidOrder(orderId: string, reason: string): QueuedDecision {
      const state = tillState.order(orderId);
      const events = decide(commandDeclarations.voidOrder, { orderId, reason }, state);
      return record(orderStreamId(orderId), events, (envelopes) => {
        tillState.saveOrder(orderId, events.reduce(orderDecider.evolve, state));
        recordTillDrawer(tillState, envelopes, orderDrawerFacts(state));
      });
    },

    /**
     * Refunds one of this store's orders, in full (`scope: 'full'`) or by lines, decided on what
     * this till knows of it; the ledger judges it again against every reversal stored by then
     * (from the web or another till) and refunds only what is left. A cash refund paid from a
     * shift's drawer names the shift. `refundId` defaults to a fresh one.
     */
    refundOrder(request: RefundRequest): QueuedDecision {
      const state = tillState.order(request.orderId);
      const data = { ...request, refundId: request.refundId ?? mintId(clock) };
      const events = decide(commandDeclarations.refundOrder, data, state);
      return record(orderStreamId(request.orderId), events, (envelopes) => {
        tillState.saveOrder(request.orderId, events.reduce(orderDecider.evolve, state));
        recordTillDrawer(tillState, envelopes, orderDrawerFacts(state));
      });
    },

    openShift(shiftId: string, floatPaise: number, openedBy: string): QueuedDecision {
      const state = tillState.shift(shiftId);
      const openedAt = localOffsetDateTime(clock.now());
      const events = decide(
        commandDeclarations.openShift,
        { shiftId, storeId: identity.storeId, registerId: identity.registerId, floatPaise, openedAt, openedBy },
        state,
      );
      return record(shiftStreamId(shiftId), events, () =>
        tillState.insertOpenedShift(shiftId, events.reduce(shiftDecider.evolve, state), openedAt),
      );
    },

    /** Pays cash into or out of a shift's drawer outside a sale: a float top-up, a supplier paid from the till. */
    moveCash(shiftId: string, direction: 'in' | 'out', amountPaise: number, reason: string): QueuedDecision {
      const state = tillState.shift(shiftId);
      const events = decide(
        commandDeclarations.moveCash,
        { shiftId, movementId: mintId(clock), direction, amountPaise, reason, at: localOffsetDateTime(clock.now()) },
        state,
      );
      return record(shiftStreamId(shiftId), events, () =>
        tillState.saveShift(shiftId, events.reduce(shiftDecider.evolve, state)),
      );
    },

    /**
     * Closes a shift with the cash the cashier counted, held against the takings its drawer
     * recorded from this register's sales, voids and refunds on it.
     */
    closeShift(shiftId: string, countedCashPaise: number, closedBy: string): QueuedDecision {
      const state = tillState.shift(shiftId);
      const events = decide(
        commandDeclarations.closeShift,
        { shiftId, countedCashPaise, closedAt: localOffsetDateTime(clock.now()), closedBy },
        state,
      );
      return record(shiftStreamId(shiftId), events, () =>
        tillState.saveClosedShift(shiftId, events.reduce(shiftDecider.evolve, state)),
      );
    },

    /** Records a physical count of one stock item in this store. */
    countStock(stockItemId: string, countedQuantity: number): QueuedDecision {
      const events = decide(
        commandDeclarations.adjustStock,
        {
          reason: 'count',
          stockItemId,
          storeId: identity.storeId,
          adjustmentId: mintId(clock),
          occurredAt: localOffsetDateTime(clock.now()),
          countedQuantity,
        },
        commandDeclarations.adjustStock.decider.initialState(),
      );
      return record(stockStreamId(identity.storeId, stockItemId), events, () => undefined);
    },

    currentShift: tillState.currentShift,
  };
};

export type Till = ReturnType<typeof createTill>;
