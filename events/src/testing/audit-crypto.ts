import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { AuditCrypto, AuditSigner } from '../audit/audit-crypto.js';
import { auditKeyIdOf } from '../audit/audit-keys.js';

/**
 * Real SHA-256 and Ed25519 for the core's own tests, from the audited pure-JavaScript noble
 * libraries: the core may not import node:crypto, even in a test. The services pass node:crypto;
 * both implement the same standards, and the services' tests check the same vectors.
 */
export const nobleAuditCrypto: AuditCrypto = {
  sha256: (bytes) => sha256(bytes),
  verifyEd25519: (publicKey, message, signature) => {
    try {
      return ed25519.verify(signature, message, publicKey);
    } catch {
      return false;
    }
  },
};

export type TestAuditKey = AuditSigner & { publicKey: Uint8Array };

/** A signing key from a fixed 32-byte seed, so a test reads the same every run. */
export const testAuditKey = (seedByte: number): TestAuditKey => {
  const secretKey = new Uint8Array(32).fill(seedByte);
  const publicKey = ed25519.getPublicKey(secretKey);
  return {
    keyId: auditKeyIdOf(publicKey, nobleAuditCrypto),
    publicKey,
    sign: (message) => ed25519.sign(message, secretKey),
  };
};
