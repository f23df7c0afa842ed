import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCustomerKek, parseCustomerKeks } from './customer-keks.js';
import { dataKeyBinding, KeyUnwrapError, lookupSecretBinding, unwrapKey, wrapKey } from './key-wrap.js';

const ORG = '019b76da-a800-718b-b812-386aee7d2db2';
const OTHER_ORG = '019b76da-a800-7c4e-9a51-2f0d7c1b6e11';
const CUSTOMER = '019b76da-a800-72e0-aa6f-04a7fe0fbeba';
const KEY_ID = '5f1c8c0e-3a43-4d0f-9c52-8d3a1f2e7b64';

const kekA = generateCustomerKek();
const kekB = generateCustomerKek();
const onlyA = parseCustomerKeks(kekA, 'POSSIER_CUSTOMER_KEK');
const onlyB = parseCustomerKeks(kekB, 'POSSIER_CUSTOMER_KEK');
const bThenA = parseCustomerKeks(`${kekB},${kekA}`, 'POSSIER_CUSTOMER_KEK');
const binding = dataKeyBinding(ORG, CUSTOMER, KEY_ID);
const where = 'customer_keys (test row)';

const refusal = (unwrap: () => unknown): KeyUnwrapError => {
  try {
    unwrap();
  } catch (error) {
    if (error instanceof KeyUnwrapError) return error;
    throw error;
  }
  throw new Error('unwrapped, but a refusal was expected');
};

describe('wrapping a customer key under a key-encryption key', () => {
  it('stores 60 bytes that do not contain the key, records the KEK id, and unwraps to the same key', () => {
    const key = randomBytes(32);
    const wrapped = wrapKey(onlyA, key, binding);
    expect(wrapped.kekId).toBe(onlyA.current.id);
    expect(wrapped.wrapped).toHaveLength(60);
    expect(wrapped.wrapped.includes(key)).toBe(false);
    expect(unwrapKey(onlyA, wrapped, binding, where)).toEqual(key);
  });

  it('wraps the same key differently each time (a fresh nonce per wrap)', () => {
    const key = randomBytes(32);
    expect(wrapKey(onlyA, key, binding).wrapped).not.toEqual(wrapKey(onlyA, key, binding).wrapped);
  });

  it('wraps under the first KEK listed and unwraps under any listed one, by the recorded id', () => {
    const key = randomBytes(32);
    const underA = wrapKey(onlyA, key, binding);
    const underB = wrapKey(bThenA, key, binding);
    expect(underB.kekId).toBe(onlyB.current.id);
    expect(unwrapKey(bThenA, underA, binding, where)).toEqual(key);
    expect(unwrapKey(bThenA, underB, binding, where)).toEqual(key);
  });

  it('refuses to unwrap without the KEK the key was wrapped under, naming its id and the row', () => {
    const wrapped = wrapKey(onlyA, randomBytes(32), binding);
    const error = refusal(() => unwrapKey(onlyB, wrapped, binding, where));
    expect(error.code).toBe('CUSTOMER_KEY.KEK_NOT_CONFIGURED');
    expect(error.message).toContain(`at ${where}: wrapped under KEK ${onlyA.current.id}, which is not configured`);
    expect(error.message).toContain(`configured: ${onlyB.current.id}`);
  });

  it('refuses a wrapped key whose bytes were altered', () => {
    const wrapped = wrapKey(onlyA, randomBytes(32), binding);
    for (const index of [0, 20, 59]) {
      const tampered = Buffer.from(wrapped.wrapped);
      tampered[index] = (tampered[index] as number) ^ 0x01;
      const error = refusal(() => unwrapKey(onlyA, { ...wrapped, wrapped: tampered }, binding, where));
      expect(error.code).toBe('CUSTOMER_KEY.UNWRAP_FAILED');
      expect(error.message).toMatch(/does not unwrap under KEK [0-9a-f]{16}: the stored bytes or KEK id were altered/);
    }
    expect(
      refusal(() => unwrapKey(onlyA, { ...wrapped, wrapped: wrapped.wrapped.subarray(0, 28) }, binding, where)).code,
    ).toBe('CUSTOMER_KEY.UNWRAP_FAILED');
  });

  it('refuses a wrapped key moved to another customer, org or kind of key, or relabelled with another KEK id', () => {
    const wrapped = wrapKey(bThenA, randomBytes(32), binding);
    for (const elsewhere of [
      dataKeyBinding(ORG, KEY_ID, KEY_ID),
      dataKeyBinding(OTHER_ORG, CUSTOMER, KEY_ID),
      lookupSecretBinding(ORG),
    ])
      expect(refusal(() => unwrapKey(bThenA, wrapped, elsewhere, where)).code).toBe('CUSTOMER_KEY.UNWRAP_FAILED');
    const relabelled = { ...wrapped, kekId: onlyA.current.id };
    expect(refusal(() => unwrapKey(bThenA, relabelled, binding, where)).code).toBe('CUSTOMER_KEY.UNWRAP_FAILED');
  });
});
