import { declareCommand, type CommandAuthorization } from '../command-declaration.js';
import type { Principal } from '../tenancy/authorization.js';
import { ForgetCustomer, RecordCustomerConsent, RegisterCustomer, UpdateCustomerDetails } from './customer.commands.js';
import { customerDecider, customerStreamId, refusesDetails, type CustomerState } from './customer.decider.js';
import { normaliseIndianPhone } from './phone.js';

/**
 * A register acts in its own store; a person names the store they act in, or acts at org level. A
 * store the request names is always checked, so a till cannot stamp another store on a customer.
 */
const enrollingStore = (storeId: string | undefined, principal: Principal): string | undefined =>
  storeId ?? (principal.kind === 'register' ? principal.storeId : undefined);

const inEnrollingStore: CommandAuthorization<{ storeId?: string | undefined }, CustomerState> = {
  action: 'customer.manage',
  target: (data, _state, principal) => ({ storeId: enrollingStore(data.storeId, principal) }),
};

type Details = {
  customerId: string;
  name: string;
  phone: string;
  email?: string | undefined;
  gstin?: string | undefined;
};

/** The details to seal, with the phone as the lookup stores it (the schema has checked it normalises). */
const detailsOf = (data: Details) => ({
  customerId: data.customerId,
  details: {
    name: data.name,
    phone: normaliseIndianPhone(data.phone) as string,
    ...(data.email === undefined ? {} : { email: data.email }),
    ...(data.gstin === undefined ? {} : { gstin: data.gstin }),
  },
});

/**
 * Details are sealed under the customer's key, and the phone claimed in the lookup, only once the
 * decider's rule says details may be sealed for this stream at all.
 */
export const registerCustomer = declareCommand({
  type: 'RegisterCustomer',
  route: { path: '/v1/customers', summary: 'Register a customer; their details are stored only encrypted' },
  data: RegisterCustomer.shape.data,
  stream: (data) => customerStreamId(data.customerId),
  decider: customerDecider,
  authorization: inEnrollingStore,
  needs: ({ data, state }) => refusesDetails('RegisterCustomer', state) ?? { sealedDetails: detailsOf(data) },
  command: ({ data, target, context }) => ({
    type: 'RegisterCustomer' as const,
    data: { ...data, ...(target.storeId === undefined ? {} : { storeId: target.storeId }) },
    context: context.sealedDetails as NonNullable<typeof context.sealedDetails>,
  }),
});

export const updateCustomerDetails = declareCommand({
  type: 'UpdateCustomerDetails',
  route: {
    path: '/v1/customers/{customerId}/details',
    summary: "Replace a customer's name, phone, email or GSTIN",
  },
  data: UpdateCustomerDetails.shape.data,
  stream: (data) => customerStreamId(data.customerId),
  decider: customerDecider,
  authorization: inEnrollingStore,
  needs: ({ data, state }) => refusesDetails('UpdateCustomerDetails', state) ?? { sealedDetails: detailsOf(data) },
  command: ({ data, context }) => ({
    type: 'UpdateCustomerDetails' as const,
    data,
    context: context.sealedDetails as NonNullable<typeof context.sealedDetails>,
  }),
});

export const recordCustomerConsent = declareCommand({
  type: 'RecordCustomerConsent',
  route: {
    path: '/v1/customers/{customerId}/consent',
    summary: "Record a customer's marketing and loyalty consent",
  },
  data: RecordCustomerConsent.shape.data,
  stream: (data) => customerStreamId(data.customerId),
  decider: customerDecider,
  authorization: inEnrollingStore,
  command: ({ data }) => ({ type: 'RecordCustomerConsent' as const, data }),
});

/** Erasure is the owner's: the key and the phone lookup are destroyed once the event is stored. */
export const forgetCustomer = declareCommand({
  type: 'ForgetCustomer',
  route: {
    path: '/v1/customers/{customerId}/forget',
    summary: 'Erase a customer: destroys their data key and phone lookup; history stays, unreadable',
  },
  data: ForgetCustomer.shape.data,
  stream: (data) => customerStreamId(data.customerId),
  decider: customerDecider,
  authorization: { action: 'tenancy.manage', target: () => ({}) },
  command: ({ data }) => ({ type: 'ForgetCustomer' as const, data }),
});
