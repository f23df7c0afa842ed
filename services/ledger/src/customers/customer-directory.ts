import {
  customerDecider,
  customerEventDefinitions,
  customerStreamId,
  type CustomerEvent,
  type CustomerState,
  type CustomerView,
  type EventStore,
  type StoredEvent,
} from '@possier/events';
import { foldStream } from '../commands/folded-streams.js';
import type { CustomerKeyring } from './customer-keyring.js';
import { openPii } from './pii-cipher.js';

export const ERASED_NAME = 'erased customer';

const CUSTOMER_TYPES = customerEventDefinitions.map((definition) => definition.schema.shape.type.value);
const PAGE = 5_000;

/** A customer stream of the org, folded; `none` when the org has no such customer. */
export const customerState = (store: EventStore, orgId: string, customerId: string): Promise<CustomerState> =>
  foldStream(store, orgId, customerStreamId(customerId), customerDecider);

/**
 * Decrypts at read time: nothing in clear is kept anywhere but here, in memory, for one answer.
 * A forgotten customer, or one whose key is gone, reads as erased.
 */
export const customerViews = async (
  keys: CustomerKeyring,
  orgId: string,
  states: ReadonlyArray<Exclude<CustomerState, { status: 'none' }>>,
): Promise<CustomerView[]> => {
  const keyring = await keys.existingKeys(
    orgId,
    states.filter((state) => state.status === 'active').map((state) => state.customerId),
  );
  return states.map((state) => {
    const key = keyring.get(state.customerId);
    const pii = state.status === 'active' && key ? openPii(state.pii, key, orgId, state.customerId) : null;
    if (!pii)
      return { customerId: state.customerId, status: 'erased', name: ERASED_NAME, phone: null, consent: state.consent };
    return {
      customerId: state.customerId,
      status: 'active',
      name: pii.name,
      phone: pii.phone,
      ...(pii.email === undefined ? {} : { email: pii.email }),
      ...(pii.gstin === undefined ? {} : { gstin: pii.gstin }),
      consent: state.consent,
    };
  });
};

/**
 * Every customer of the org folded from the log. Cost: one pass over the org's customer events,
 * which is what a register's customer pull reads; a directory of many thousands would want a
 * projection of ids and sealed envelopes instead (still no clear text in it).
 */
export const allCustomers = async (
  store: EventStore,
  orgId: string,
): Promise<Array<Exclude<CustomerState, { status: 'none' }>>> => {
  const byStream = new Map<string, CustomerState>();
  let cursor: string | undefined;
  for (;;) {
    const page: StoredEvent[] = await store.readAll({
      after: cursor,
      limit: PAGE,
      filter: { orgId, types: CUSTOMER_TYPES },
    });
    for (const event of page) {
      const state = byStream.get(event.streamId) ?? customerDecider.initialState();
      byStream.set(
        event.streamId,
        customerDecider.evolve(state, { type: event.type, data: event.data } as CustomerEvent),
      );
    }
    if (page.length < PAGE) break;
    cursor = (page.at(-1) as StoredEvent).logPosition;
  }
  return [...byStream.values()].filter((state) => state.status !== 'none');
};
