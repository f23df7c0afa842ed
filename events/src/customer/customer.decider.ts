import { assertNever, type Decider, type Decision } from '../decider.js';
import { DomainError, domainError } from '../errors.js';
import { parseOrError } from '../validation.js';
import { CustomerCommand, type CustomerConsent, type CustomerDetailsContext } from './customer.commands.js';
import type { CustomerEvent } from './customer.events.js';
import type { SealedPii } from './sealed-pii.js';

/** A customer of one org. `pii` is the latest sealed details; the key to open it lives elsewhere. */
export type CustomerState =
  | { status: 'none' }
  | {
      status: 'active' | 'forgotten';
      customerId: string;
      storeId: string | null;
      pii: SealedPii;
      consent: CustomerConsent;
      /** Every key that sealed details in this stream, so erasure can name them all. */
      keyIds: ReadonlyArray<string>;
    };

export const customerStreamId = (customerId: string): string => `customer-${customerId}`;

const phoneTaken = (context: CustomerDetailsContext, customerId: string): DomainError | undefined =>
  context.phoneOwner !== null && context.phoneOwner !== customerId
    ? domainError('CUSTOMER.PHONE_TAKEN', 'data.phone', 'another customer of this org has this phone number')
    : undefined;

/** The refusal of a command or read naming a customer the org does not have. */
export const customerNotFound = (path = 'data.customerId'): DomainError =>
  domainError('CUSTOMER.NOT_FOUND', path, 'no customer with this id is registered');

const forgotten = (): DomainError =>
  domainError('CUSTOMER.FORGOTTEN', 'data.customerId', 'this customer has been erased and can no longer change');

/**
 * Whether details may be sealed for this stream at all: asked by the caller before it makes or
 * fetches a data key (so a refused command never creates a key for an erased customer), and by
 * `decide` itself, so the rule is one piece of code.
 */
export const refusesDetails = (
  type: 'RegisterCustomer' | 'UpdateCustomerDetails',
  state: CustomerState,
): DomainError | undefined => {
  if (type === 'RegisterCustomer')
    return state.status === 'none'
      ? undefined
      : domainError('CUSTOMER.ALREADY_REGISTERED', 'data.customerId', 'a customer with this id already exists');
  if (state.status === 'none') return customerNotFound();
  return state.status === 'forgotten' ? forgotten() : undefined;
};

const decide = (command: CustomerCommand, state: CustomerState): Decision<CustomerEvent> => {
  const parsed = parseOrError(CustomerCommand, command);
  if (parsed instanceof DomainError) return parsed;
  const { customerId } = parsed.data;
  if (parsed.type === 'RegisterCustomer') {
    const refused = refusesDetails(parsed.type, state);
    if (refused) return refused;
    const taken = phoneTaken(parsed.context, customerId);
    if (taken) return taken;
    const { storeId, consent } = parsed.data;
    return [
      {
        type: 'CustomerRegistered',
        data: { customerId, storeId: storeId ?? null, pii: parsed.context.sealed, consent },
      },
    ];
  }
  if (state.status === 'none') return customerNotFound();
  if (state.status === 'forgotten') {
    // Erasure is final; asked again, it has nothing left to do.
    return parsed.type === 'ForgetCustomer' ? [] : forgotten();
  }
  switch (parsed.type) {
    case 'UpdateCustomerDetails': {
      const taken = phoneTaken(parsed.context, customerId);
      if (taken) return taken;
      return [{ type: 'CustomerDetailsUpdated', data: { customerId, pii: parsed.context.sealed } }];
    }
    case 'RecordCustomerConsent': {
      const consent = { marketing: parsed.data.marketing, loyalty: parsed.data.loyalty };
      if (consent.marketing === state.consent.marketing && consent.loyalty === state.consent.loyalty) return [];
      return [{ type: 'CustomerConsentRecorded', data: { customerId, consent } }];
    }
    case 'ForgetCustomer':
      return [{ type: 'CustomerForgotten', data: { customerId, keyIds: [...state.keyIds] } }];
    default:
      return assertNever(parsed);
  }
};

const withKey = (keyIds: ReadonlyArray<string>, keyId: string): ReadonlyArray<string> =>
  keyIds.includes(keyId) ? keyIds : [...keyIds, keyId];

const evolve = (state: CustomerState, event: CustomerEvent): CustomerState => {
  if (event.type === 'CustomerRegistered') {
    const { customerId, storeId, pii, consent } = event.data;
    return { status: 'active', customerId, storeId, pii, consent, keyIds: [pii.keyId] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CustomerDetailsUpdated':
      return { ...state, pii: event.data.pii, keyIds: withKey(state.keyIds, event.data.pii.keyId) };
    case 'CustomerConsentRecorded':
      return { ...state, consent: event.data.consent };
    case 'CustomerForgotten':
      return { ...state, status: 'forgotten' };
    default:
      return assertNever(event);
  }
};

const initialState = (): CustomerState => ({ status: 'none' });

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  decide,
  evolve,
  initialState,
  isTerminal: (state) => state.status === 'forgotten',
};
