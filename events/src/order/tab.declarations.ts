import { declareCommand, type CommandAuthorization, type CommandScope } from '../command-declaration.js';
import { domainError, type DomainError } from '../errors.js';
import { refusedRedemptions } from '../loyalty/redemptions.js';
import type { Action } from '../tenancy/actions.js';
import type { Principal } from '../tenancy/authorization.js';
import { drawerRefusal } from '../shift/shift-drawer.workflow.js';
import { orderDecider, orderStreamId, type OrderState } from './order.decider.js';
import {
  CancelTabLine,
  CloseEmptyTab,
  FireRound,
  MoveTab,
  OpenTab,
  PrintBill,
  SettleTab,
  SplitBill,
} from './tab.commands.js';

const tabNotFound = (): DomainError => domainError('TAB.NOT_FOUND', 'data.orderId', 'no tab with this id is open');

/** A register opens tabs as itself; a person names the register, or none. */
const openingRegister = (registerId: string | null, principal: Principal): string | null =>
  registerId ?? (principal.kind === 'register' ? principal.registerId : null);

/** Commands on a tab act in the tab's store, whatever the request says; any till of the store may take them. */
const onTab = (action: Action): CommandAuthorization<{ orderId: string }, OrderState> => ({
  action,
  target: (_data, state) => (state.status === 'none' ? tabNotFound() : { storeId: state.storeId }),
});

const storeOf = (scope: CommandScope) => scope.store as NonNullable<CommandScope['store']>;

export const openTab = declareCommand({
  type: 'OpenTab',
  route: { path: '/v1/tabs', summary: 'Open a running order on a table or under a name' },
  data: OpenTab.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: {
    action: 'order.place',
    target: (data, _state, principal) => ({
      storeId: data.storeId,
      registerId: openingRegister(data.registerId, principal) ?? undefined,
    }),
  },
  needs: ({ data, scope }) => {
    if (!scope.store) return domainError('ORDER.UNKNOWN_STORE', 'data.storeId', 'no such store in this org');
    return data.shiftId === null ? {} : { drawer: { shiftId: data.shiftId } };
  },
  command: ({ data, scope, context }) => {
    const registerId = openingRegister(data.registerId, scope.principal);
    const elsewhere =
      data.shiftId === null ? undefined : drawerRefusal(context.drawer, { storeId: data.storeId, registerId });
    return elsewhere ?? { type: 'OpenTab' as const, data: { ...data, registerId } };
  },
});

export const fireRound = declareCommand({
  type: 'FireRound',
  route: { path: '/v1/tabs/{orderId}/rounds', summary: "Fire a round of a tab's lines to the kitchen as a ticket" },
  data: FireRound.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: onTab('order.place'),
  needs: ({ data, scope, target }) => ({
    catalog: {
      brandId: storeOf(scope).brandId,
      storeId: target.storeId as string,
      itemIds: data.lines.flatMap((line) => [line.itemId, ...line.modifierIds]),
    },
  }),
  command: ({ data, context }) => ({ type: 'FireRound' as const, data, context: { catalog: context.catalog ?? {} } }),
});

export const cancelTabLine = declareCommand({
  type: 'CancelTabLine',
  route: {
    path: '/v1/tabs/{orderId}/cancellations',
    summary: 'Take a fired line off a tab with a reason (after the bill is printed, a manager’s call)',
  },
  data: CancelTabLine.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: {
    ...onTab('order.place'),
    stricter: {
      action: 'order.void',
      when: (data, state) =>
        state.status === 'open' && state.lines.some((entry) => entry.line.lineId === data.lineId && entry.billed),
    },
  },
  command: ({ data }) => ({ type: 'CancelTabLine' as const, data }),
});

export const moveTab = declareCommand({
  type: 'MoveTab',
  route: { path: '/v1/tabs/{orderId}/table', summary: 'Move a tab to another table' },
  data: MoveTab.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: onTab('order.place'),
  command: ({ data }) => ({ type: 'MoveTab' as const, data }),
});

export const printBill = declareCommand({
  type: 'PrintBill',
  route: { path: '/v1/tabs/{orderId}/bills', summary: "Print a tab's bill: a numbered snapshot before payment" },
  data: PrintBill.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: onTab('order.place'),
  command: ({ data, scope, target }) => ({
    type: 'PrintBill' as const,
    data,
    context: { store: { storeId: target.storeId as string, stateCode: storeOf(scope).stateCode } },
  }),
});

export const splitBill = declareCommand({
  type: 'SplitBill',
  route: { path: '/v1/tabs/{orderId}/split', summary: "Split a tab's bill equally, by lines or by seats" },
  data: SplitBill.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: onTab('order.place'),
  command: ({ data, scope, target }) => ({
    type: 'SplitBill' as const,
    data,
    context: { store: { storeId: target.storeId as string, stateCode: storeOf(scope).stateCode } },
  }),
});

/** The customer the tab's last bill was printed for, if any. */
const billedCustomer = (state: OrderState): string | undefined =>
  state.status === 'open' ? state.lastBill?.terms.customerId : undefined;

export const settleTab = declareCommand({
  type: 'SettleTab',
  route: {
    path: '/v1/tabs/{orderId}/settlements',
    summary: 'Pay a tab, or one part of its split bill; the last payment places the order',
  },
  data: SettleTab.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: onTab('order.place'),
  needs: ({ data, state, scope }) => {
    const customerId = billedCustomer(state);
    const shiftId = data.shiftId ?? (state.status === 'open' ? state.shiftId : null);
    const redeems = data.tenders.some((tender) => tender.kind === 'loyalty');
    return {
      ...(customerId === undefined ? {} : { customer: { customerId } }),
      ...(customerId !== undefined && redeems ? { loyalty: { brandId: storeOf(scope).brandId, customerId } } : {}),
      ...(shiftId === null ? {} : { drawer: { shiftId } }),
    };
  },
  command: ({ data, state, scope, target, context }) => {
    const storeId = target.storeId as string;
    const registerId = data.registerId ?? (scope.principal.kind === 'register' ? scope.principal.registerId : null);
    const shiftId = data.shiftId ?? (state.status === 'open' ? state.shiftId : null);
    const elsewhere = shiftId === null ? undefined : drawerRefusal(context.drawer, { storeId, registerId });
    if (elsewhere) return elsewhere;
    const customer = context.customer;
    if (customer?.status === 'active' && context.loyalty) {
      const refused = refusedRedemptions(data, context.loyalty.account, context.loyalty.rule);
      if (refused) return refused;
    }
    return {
      type: 'SettleTab' as const,
      data: { ...data, ...(registerId === null ? {} : { registerId }) },
      context: {
        store: { storeId, stateCode: storeOf(scope).stateCode },
        ...(customer === undefined ? {} : { customer }),
      },
    };
  },
});

export const closeEmptyTab = declareCommand({
  type: 'CloseEmptyTab',
  route: { path: '/v1/tabs/{orderId}/close', summary: 'Close a tab with nothing left on it' },
  data: CloseEmptyTab.shape.data,
  stream: (data) => orderStreamId(data.orderId),
  decider: orderDecider,
  authorization: onTab('order.place'),
  command: ({ data }) => ({ type: 'CloseEmptyTab' as const, data }),
});
