import {
  domainError,
  normaliseIndianPhone,
  TokenIssued,
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
) => Promise<void | { token: string }>;

/**
 * What follows a command once its events are stored, beyond its own stream: an order's loyalty
 * and drawer cash (the order → loyalty and order → shift drawer workflows, run from the events
 * the command produced) and the customer
 * keyring (outside the log); and a token issuance's token, signed here and answered by the route,
 * never stored. Each runs on a retried command too, so a step lost to a crash is done on the
 * retry.
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
  // Signed only once the issuance is stored, and for exactly what it records; a retried command
  // signs again for the validity stored the first time, so a lost answer can be asked for again.
  issueToken: async (ledger, caller, _request, outcome) => ({ token: await signIssued(ledger, caller, outcome) }),
};

const signIssued = async (ledger: LedgerContext, caller: Caller, outcome: CommandOutcome): Promise<string> => {
  const orgId = orgOf(caller);
  const issued = outcome.produced.find((event) => event.type === 'TokenIssued');
  const { subject, issuedAt, expiresAt } = TokenIssued.shape.data.parse(issued?.data);
  const validity = { issuedAt: new Date(issuedAt), expiresAt: new Date(expiresAt) };
  if (subject.kind === 'user') return ledger.tokens.sign({ kind: 'user', orgId, userId: subject.userId }, { validity });
  const tenancy = await ledger.tenancy(orgId);
  const register = tenancy.status === 'active' ? tenancy.registers[subject.registerId] : undefined;
  const store = register && tenancy.status === 'active' ? tenancy.stores[register.storeId] : undefined;
  if (!register || !store) throw new Error(`register ${subject.registerId} was issued a token but is not in its org`);
  return ledger.tokens.sign(
    { kind: 'register', orgId, brandId: store.brandId, storeId: register.storeId, registerId: subject.registerId },
    { validity },
  );
};

const orderAfter = async (ledger: LedgerContext, caller: Caller, outcome: CommandOutcome) => {
  await orderLoyaltyAfter(ledger, caller, outcome);
  await drawerAfter(ledger, caller, outcome);
};

const orgOf = (caller: Caller): string => {
  if (caller.claims.kind === 'operator') throw domainError('AUTH.FORBIDDEN', '', 'an operator acts in no org');
  return caller.claims.orgId;
};
