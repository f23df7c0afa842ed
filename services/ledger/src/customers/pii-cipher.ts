import type { SealedPii } from '@possier/events';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './customer-keyring.js';

/** A customer's personal data in clear; it exists only in memory, never in an event or a row. */
export type CustomerPii = { name: string; phone: string; email?: string; gstin?: string };

/**
 * Binds a ciphertext to its org and customer, so an envelope copied into another customer's
 * event (or another org's) does not open there.
 */
const associatedData = (orgId: string, customerId: string): Buffer => Buffer.from(`${orgId}/${customerId}`, 'utf8');

/** AES-256-GCM with a fresh 96-bit IV per envelope. */
export const sealPii = (pii: CustomerPii, key: DataKey, orgId: string, customerId: string): SealedPii => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(associatedData(orgId, customerId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(pii), 'utf8'), cipher.final()]);
  return {
    keyId: key.keyId,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
};

/** The details in clear, or null when the key is not the one that sealed them or the bytes were altered. */
export const openPii = (sealed: SealedPii, key: DataKey, orgId: string, customerId: string): CustomerPii | null => {
  if (sealed.keyId !== key.keyId) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(associatedData(orgId, customerId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const clear = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    return JSON.parse(clear.toString('utf8')) as CustomerPii;
  } catch {
    return null;
  }
};
