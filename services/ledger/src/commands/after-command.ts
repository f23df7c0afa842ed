import {
  domainError,
  DomainError,
  type Action,
  type CheckoutRequest,
  type CommandName,
  type ForgetCustomer,
  type RefundOrder,
  normaliseIndianPhone,
  type UpdateCustomerDetails,
} from '@possier/events';
import { placedSaleOf, reverseForOrderEvent, settleOrderLoyalty } from '../loyalty/order-loyalty.js';
import type { Caller, CommandRequest, LedgerContext } from './ledger-context.js';
import type { CommandOutcome } from './stream-executor.js';

type AfterCommand = (
  ledger: LedgerContext,
  caller: Caller,
  request: CommandRequest<never>,
  outcome: CommandOutcome,
) => Promise<void>;

/**
 * What follows a command once its events are stored, beyond its own stream: an order's loyalty
 * (on the customer's account stream) and the customer keyring (outside the log). Each runs on a
 * retried command too, so a step lost to a crash is done on the retry.
 */
export const afterCommand: Partial<Record<CommandName, AfterCommand>> = {
  placeOrder: async (ledger, caller, request: CommandRequest<CheckoutRequest>, outcome) => {
    if (request.data.customerId === undefined) return;
    const orderEvents = await ledger.store.readStream(outcome, { limit: 100_000 });
    const sale = placedSaleOf(orderEvents);
    if (!sale) return;
    const allowed = await ledger.authorize(caller, 'order.place', { storeId: sale.placed.data.storeId });
    if (allowed instanceof DomainError || !allowed.store) return;
    await settleOrderLoyalty(ledger, caller, sale, {
      orgId: allowed.principal.orgId,
      timeZone: allowed.store.timeZone,
      metadata: (commandId) => allowed.metadata({ ...request, commandId }),
    });
  },
  voidOrder: (ledger, caller, request, outcome) =>
    reverseLoyalty(ledger, caller, request, outcome, 'order.void', 'OrderVoided'),
  refundOrder: (ledger, caller, request: CommandRequest<RefundOrder['data']>, outcome) =>
    reverseLoyalty(ledger, caller, request, outcome, 'order.refund', 'OrderRefunded', request.data.refundId),
  // The old number stops finding the customer once the new details are stored.
  updateCustomerDetails: async (ledger, caller, request: CommandRequest<UpdateCustomerDetails['data']>) => {
    const { customerId, phone } = request.data;
    await ledger.customerKeys.releaseOtherPhones(orgOf(caller), customerId, normaliseIndianPhone(phone) as string);
  },
  // CustomerForgotten is stored first, then the key and lookup go: should the process die in
  // between, the stream already says "forgotten" and the same command again destroys the rest.
  forgetCustomer: async (ledger, caller, request: CommandRequest<ForgetCustomer['data']>) => {
    await ledger.customerKeys.forget(orgOf(caller), request.data.customerId);
  },
};

const orgOf = (caller: Caller): string => {
  if (caller.claims.kind === 'operator') throw domainError('AUTH.FORBIDDEN', '', 'an operator acts in no org');
  return caller.claims.orgId;
};

/** After a refund or void: the order's loyalty is reversed for it (see reverseForOrderEvent). */
const reverseLoyalty = async (
  ledger: LedgerContext,
  caller: Caller,
  request: CommandRequest<unknown>,
  outcome: CommandOutcome,
  action: Action,
  type: 'OrderRefunded' | 'OrderVoided',
  refundId?: string,
) => {
  const orderEvents = await ledger.store.readStream(outcome, { limit: 100_000 });
  const source = orderEvents.find(
    (event) =>
      event.type === type && (refundId === undefined || (event.data as { refundId?: string }).refundId === refundId),
  );
  const placed = orderEvents.find((event) => event.type === 'OrderPlaced');
  if (!source || !placed || placed.storeId === null) return;
  const allowed = await ledger.authorize(caller, action, { storeId: placed.storeId });
  if (allowed instanceof DomainError || !allowed.store) return;
  await reverseForOrderEvent(ledger, caller, orderEvents, {
    eventId: source.eventId,
    orgId: allowed.principal.orgId,
    timeZone: allowed.store.timeZone,
    metadata: (commandId) => allowed.metadata({ ...request, commandId }),
  });
};
