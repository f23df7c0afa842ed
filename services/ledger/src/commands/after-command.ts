import {
  domainError,
  normaliseIndianPhone,
  type CommandName,
  type ForgetCustomer,
  type UpdateCustomerDetails,
} from '@possier/events';
import { orderLoyaltyAfter } from '../loyalty/order-loyalty.js';
import { drawerAfter } from '../shifts/shift-drawer.js';
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
 * and drawer cash (the order → loyalty and order → shift drawer workflows, run from the events
 * the command produced) and the customer
 * keyring (outside the log). Each runs on a retried command too, so a step lost to a crash is
 * done on the retry.
 */
export const afterCommand: Partial<Record<CommandName, AfterCommand>> = {
  placeOrder: (ledger, caller, _request, outcome) => orderAfter(ledger, caller, outcome),
  voidOrder: (ledger, caller, _request, outcome) => orderAfter(ledger, caller, outcome),
  refundOrder: (ledger, caller, _request, outcome) => orderAfter(ledger, caller, outcome),
  settleTab: (ledger, caller, _request, outcome) => orderAfter(ledger, caller, outcome),
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

const orderAfter = async (ledger: LedgerContext, caller: Caller, outcome: CommandOutcome) => {
  await orderLoyaltyAfter(ledger, caller, outcome);
  await drawerAfter(ledger, caller, outcome);
};

const orgOf = (caller: Caller): string => {
  if (caller.claims.kind === 'operator') throw domainError('AUTH.FORBIDDEN', '', 'an operator acts in no org');
  return caller.claims.orgId;
};
