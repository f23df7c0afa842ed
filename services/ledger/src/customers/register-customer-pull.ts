import type { CustomerPullResponse } from '@possier/events';
import { createHmac } from 'node:crypto';
import type { CustomerKeyring } from './customer-keyring.js';

/** A customer as the ledger reads them, about to be sent to one of the org's registers. */
export type PulledCustomer = { customerId: string; name: string; phone: string; loyaltyPoints?: number };

/**
 * What a till shows of a customer: the first name and the initials of the rest ("Farida K."),
 * enough for a cashier to greet them and to tell two regulars apart, not the full name.
 */
export const displayNameOf = (name: string): string => {
  const [first = '', ...rest] = name.trim().split(/\s+/u);
  return [first, ...rest.map((part) => `${[...part][0] ?? ''}.`)].join(' ');
};

/**
 * The register's customer cache, with no phone and no full name in it: each phone as
 * HMAC-SHA256 under the register's own lookup key (sent with it, so the till can hash a phone
 * typed offline and compare). Whoever holds that key and the cache can still test candidate
 * numbers one by one; what this keeps off the till is a list of phones to read.
 */
export const customersForRegister = async (
  keys: CustomerKeyring,
  orgId: string,
  registerId: string,
  customers: ReadonlyArray<PulledCustomer>,
): Promise<Pick<CustomerPullResponse, 'phoneLookupKey' | 'customers'>> => {
  const key = await keys.registerLookupKey(orgId, registerId);
  return {
    phoneLookupKey: key.toString('base64'),
    customers: customers.map(({ customerId, name, phone, loyaltyPoints }) => ({
      customerId,
      displayName: displayNameOf(name),
      phoneDigest: createHmac('sha256', key).update(phone).digest('base64'),
      ...(loyaltyPoints === undefined ? {} : { loyaltyPoints }),
    })),
  };
};
