import { declareCommand, type CommandAuthorization } from '../command-declaration.js';
import { domainError } from '../errors.js';
import { refusedRedemptions } from '../loyalty/redemptions.js';
import { AdjustTip } from '../payment/payment.commands.js';
import { drawerRefusal } from '../shift/shift-drawer.workflow.js';
import type { Action } from '../tenancy/actions.js';
import type { Principal } from '../tenancy/authorization.js';
import { CheckoutRequest, RefundOrder, VoidOrder } from './order.commands.js';
import { orderDecider, orderNotFound, orderStreamId, type OrderState } from './order.decider.js';

/** A register sells as itself: an order it sends without a register id is its own. */
const sellingRegister = (data: CheckoutRequest, principal: Principal): string | null =>
  data.registerId ?? (principal.kind === 'register' ? principal.registerId : null);

export const placeOrder = declareCommand({
  type: 'PlaceOrder',
  route: { path: '/v1/orders', summary: 'Check out an order: lines, tenders and stock depletion, appended atomically' },
  data: CheckoutRequest,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: {
    action: 'order.place',
    target: (data, _state, principal) => ({
      storeId: data.storeId,
      registerId: sellingRegister(data, principal) ?? undefined,
    }),
  },
  needs: ({ data, scope }) => {
    if (!scope.store) return domainError('ORDER.UNKNOWN_STORE', 'data.storeId', 'no such store in this org');
    const customerId = data.customerId;
    const redeems = data.tenders.some((tender) => tender.kind === 'loyalty');
    return {
      catalog: {
        brandId: scope.store.brandId,
        storeId: data.storeId,
        itemIds: data.lines.flatMap((line) => [line.itemId, ...line.modifierIds]),
      },
      ...(customerId === undefined ? {} : { customer: { customerId } }),
      ...(customerId !== undefined && redeems ? { loyalty: { brandId: scope.store.brandId, customerId } } : {}),
      ...(data.shiftId === null ? {} : { drawer: { shiftId: data.shiftId } }),
    };
  },
  command: ({ data, scope, context }) => {
    const store = scope.store as NonNullable<typeof scope.store>;
    const registerId = sellingRegister(data, scope.principal);
    const elsewhere =
      data.shiftId === null ? undefined : drawerRefusal(context.drawer, { storeId: data.storeId, registerId });
    if (elsewhere) return elsewhere;
    const customer = context.customer;
    if (customer?.status === 'active' && context.loyalty) {
      const refused = refusedRedemptions(data, context.loyalty.account, context.loyalty.rule);
      if (refused) return refused;
    }
    return {
      type: 'PlaceOrder' as const,
      data: { ...data, registerId },
      context: {
        store: { storeId: data.storeId, stateCode: store.stateCode },
        catalog: context.catalog ?? {},
        ...(customer === undefined ? {} : { customer }),
      },
    };
  },
});

/** Commands on a placed order act in the order's store, whatever the request says. */
const onPlacedOrder = (action: Action): CommandAuthorization<{ orderId: string }, OrderState> => ({
  action,
  target: (_data, state) => (state.status === 'none' ? orderNotFound() : { storeId: state.storeId }),
});

export const voidOrder = declareCommand({
  type: 'VoidOrder',
  route: { path: '/v1/orders/{orderId}/void', summary: 'Void a placed order with a reason' },
  data: VoidOrder.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: onPlacedOrder('order.void'),
  command: ({ data }) => ({ type: 'VoidOrder' as const, data }),
});

export const refundOrder = declareCommand({
  type: 'RefundOrder',
  route: { path: '/v1/orders/{orderId}/refunds', summary: 'Refund an order in full or by lines' },
  data: RefundOrder.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: onPlacedOrder('order.refund'),
  needs: ({ data }) => (data.shiftId === undefined ? {} : { drawer: { shiftId: data.shiftId } }),
  command: ({ data, context, target }) => {
    const elsewhere =
      data.shiftId === undefined ? undefined : drawerRefusal(context.drawer, { storeId: target.storeId as string });
    return elsewhere ?? { type: 'RefundOrder' as const, data };
  },
});

export const adjustTip = declareCommand({
  type: 'AdjustTip',
  route: { path: '/v1/orders/{orderId}/tips', summary: 'Add or correct the tip on a card, UPI or wallet tender' },
  data: AdjustTip.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: onPlacedOrder('order.tip'),
  command: ({ data }) => ({ type: 'AdjustTip' as const, data }),
});
