import { describe, expect, it } from 'vitest';
import { spec } from '../testing/decider-spec.js';
import { id, STORE } from '../testing/fixtures.js';
import type { CustomerCommand } from './customer.commands.js';
import { customerDecider } from './customer.decider.js';
import type { CustomerEvent } from './customer.events.js';
import { normaliseIndianPhone } from './phone.js';
import type { SealedPii } from './sealed-pii.js';

const CUSTOMER = id(0xc0);
const OTHER_CUSTOMER = id(0xc2);
const KEY = id(0xe1);
const NEW_KEY = id(0xe2);

const sealed = (keyId = KEY, ciphertext = 'Y2lwaGVydGV4dA=='): SealedPii => ({
  keyId,
  iv: 'AAAAAAAAAAAAAAAA',
  ciphertext,
  tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
});

const details = { name: 'Asha Menon', phone: '98765 43210', email: 'asha@example.in' };
const consent = { marketing: false, loyalty: true };

const registerCustomer = (phoneOwner: string | null = null): CustomerCommand => ({
  type: 'RegisterCustomer',
  data: { customerId: CUSTOMER, storeId: STORE, ...details, consent },
  context: { sealed: sealed(), phoneOwner },
});
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { customerId: CUSTOMER, storeId: STORE, pii: sealed(), consent },
};
const updateDetails = (phoneOwner: string | null = null): CustomerCommand => ({
  type: 'UpdateCustomerDetails',
  data: { customerId: CUSTOMER, ...details, phone: '+91 99999 00000' },
  context: { sealed: sealed(NEW_KEY, 'bmV3'), phoneOwner },
});
const detailsUpdated: CustomerEvent = {
  type: 'CustomerDetailsUpdated',
  data: { customerId: CUSTOMER, pii: sealed(NEW_KEY, 'bmV3') },
};
const forget: CustomerCommand = { type: 'ForgetCustomer', data: { customerId: CUSTOMER } };

describe('customer decider', () => {
  describe('given no customer', () => {
    it('registers one with only the sealed details in the event', () => {
      const [event] = spec(customerDecider).given([]).when(registerCustomer()).then([registered]);
      const stored = JSON.stringify(event);
      expect(stored).not.toContain('Asha');
      expect(stored).not.toContain('43210');
      expect(stored).not.toContain('asha@example.in');
    });

    it('refuses a phone number another customer of the org holds, naming the phone', () => {
      spec(customerDecider)
        .given([])
        .when(registerCustomer(OTHER_CUSTOMER))
        .thenFails('CUSTOMER.PHONE_TAKEN', 'data.phone');
    });

    it('refuses a phone number that is not Indian, naming the field', () => {
      const command = registerCustomer();
      if (command.type !== 'RegisterCustomer') throw new Error('fixture');
      spec(customerDecider)
        .given([])
        .when({ ...command, data: { ...command.data, phone: '12345' } })
        .thenFails('VALIDATION.INVALID', 'data.phone');
    });

    it('refuses every other command as an unknown customer', () => {
      spec(customerDecider).given([]).when(forget).thenFails('CUSTOMER.NOT_FOUND', 'data.customerId');
      spec(customerDecider).given([]).when(updateDetails()).thenFails('CUSTOMER.NOT_FOUND', 'data.customerId');
    });
  });

  describe('given a registered customer', () => {
    it('refuses to register the same id twice', () => {
      spec(customerDecider)
        .given([registered])
        .when(registerCustomer())
        .thenFails('CUSTOMER.ALREADY_REGISTERED', 'data.customerId');
    });

    it('updates details as a new sealed envelope', () => {
      spec(customerDecider).given([registered]).when(updateDetails()).then([detailsUpdated]);
    });

    it('lets a customer keep their own phone number on update', () => {
      spec(customerDecider).given([registered]).when(updateDetails(CUSTOMER)).then([detailsUpdated]);
    });

    it('records changed consent and ignores consent that did not change', () => {
      const change: CustomerCommand = {
        type: 'RecordCustomerConsent',
        data: { customerId: CUSTOMER, marketing: true, loyalty: true },
      };
      spec(customerDecider)
        .given([registered])
        .when(change)
        .then([
          {
            type: 'CustomerConsentRecorded',
            data: { customerId: CUSTOMER, consent: { marketing: true, loyalty: true } },
          },
        ]);
      spec(customerDecider)
        .given([registered])
        .when({ ...change, data: { customerId: CUSTOMER, ...consent } })
        .then([]);
    });

    it('forgets the customer naming every key that ever sealed their details', () => {
      spec(customerDecider)
        .given([registered, detailsUpdated])
        .when(forget)
        .then([{ type: 'CustomerForgotten', data: { customerId: CUSTOMER, keyIds: [KEY, NEW_KEY] } }]);
    });
  });

  describe('given a forgotten customer', () => {
    const forgotten: CustomerEvent = { type: 'CustomerForgotten', data: { customerId: CUSTOMER, keyIds: [KEY] } };

    it('refuses any change', () => {
      spec(customerDecider).given([registered, forgotten]).when(updateDetails()).thenFails('CUSTOMER.FORGOTTEN');
    });

    it('has nothing left to do when asked to forget again', () => {
      spec(customerDecider).given([registered, forgotten]).when(forget).then([]);
    });
  });
});

describe('normaliseIndianPhone', () => {
  it.each([
    ['98765 43210', '+919876543210'],
    ['+91 98765-43210', '+919876543210'],
    ['919876543210', '+919876543210'],
    ['098765 43210', '+919876543210'],
    ['(022) 2345 6789', '+912223456789'],
  ])('writes %s as %s', (input, expected) => {
    expect(normaliseIndianPhone(input)).toBe(expected);
  });

  it.each(['12345', '+1 415 555 0100', '1234567890', '98765432101', 'call me'])('refuses %s', (input) => {
    expect(normaliseIndianPhone(input)).toBeNull();
  });
});
