import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyEncryptionKeys } from './customer-keks.js';

/**
 * Wraps a customer data key or an org's lookup secret under the current KEK, with AES-256-GCM.
 *
 * GCM rather than the standard AES key wrap (RFC 5649, `id-aes256-wrap-pad`): both authenticate
 * the wrapped key, but only GCM takes associated data, and each wrap is bound to the row it
 * belongs to (what the key is, its org, customer and key id) and to the KEK id recorded beside
 * it. A wrapped key copied into another customer's or another org's row, or relabelled with
 * another KEK id, does not unwrap. A random 96-bit nonce per wrap stays far inside NIST's limit of
 * 2^32 random nonces per key: a KEK wraps one key per customer, and is rotated anyway.
 *
 * Stored: nonce (12 bytes) ‖ ciphertext (as long as the key) ‖ tag (16 bytes), so 60 bytes for
 * the 32-byte keys here, with the KEK id in a column of its own.
 */

export type WrappedKey = { kekId: string; wrapped: Buffer };

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** What a wrapped key stands for; part of the associated data, so it cannot be moved elsewhere. */
export const dataKeyBinding = (orgId: string, customerId: string, keyId: string): string =>
  `possier/customer-data-key/v1 org=${orgId} customer=${customerId} key=${keyId}`;

export const lookupSecretBinding = (orgId: string): string => `possier/customer-lookup-secret/v1 org=${orgId}`;

const associatedData = (binding: string, kekId: string): Buffer => Buffer.from(`${binding} kek=${kekId}`, 'utf8');

/** A stored key that cannot be unwrapped: `where` names the row, `reason` why and what to do. */
export class KeyUnwrapError extends Error {
  override readonly name = 'KeyUnwrapError';

  constructor(
    readonly code: 'CUSTOMER_KEY.KEK_NOT_CONFIGURED' | 'CUSTOMER_KEY.UNWRAP_FAILED',
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${code} at ${where}: ${reason}`);
  }
}

export const wrapKey = (keks: KeyEncryptionKeys, material: Buffer, binding: string): WrappedKey => {
  const { id, key } = keks.current;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(binding, id));
  const ciphertext = Buffer.concat([cipher.update(material), cipher.final()]);
  return { kekId: id, wrapped: Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]) };
};

/** The key in clear, or a `KeyUnwrapError` when its KEK is not configured or the bytes were altered. */
export const unwrapKey = (keks: KeyEncryptionKeys, stored: WrappedKey, binding: string, where: string): Buffer => {
  const kek = keks.byId.get(stored.kekId);
  if (kek === undefined)
    throw new KeyUnwrapError(
      'CUSTOMER_KEY.KEK_NOT_CONFIGURED',
      where,
      `wrapped under KEK ${stored.kekId}, which is not configured (configured: ${[...keks.byId.keys()].join(', ')}); ` +
        'list that key again in POSSIER_CUSTOMER_KEK after the current one, then run possier customer-keys rewrap',
    );
  try {
    if (stored.wrapped.length <= NONCE_BYTES + TAG_BYTES) throw new Error('too short');
    const decipher = createDecipheriv('aes-256-gcm', kek.key, stored.wrapped.subarray(0, NONCE_BYTES));
    decipher.setAAD(associatedData(binding, kek.id));
    decipher.setAuthTag(stored.wrapped.subarray(-TAG_BYTES));
    return Buffer.concat([decipher.update(stored.wrapped.subarray(NONCE_BYTES, -TAG_BYTES)), decipher.final()]);
  } catch {
    throw new KeyUnwrapError(
      'CUSTOMER_KEY.UNWRAP_FAILED',
      where,
      `does not unwrap under KEK ${kek.id}: the stored bytes or KEK id were altered, or copied from another row`,
    );
  }
};
