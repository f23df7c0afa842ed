import type { AuditCrypto } from '@possier/events';
import { createHash, createPublicKey, verify } from 'node:crypto';

const toBase64Url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** The audit scheme's primitives from node:crypto (OpenSSL), for the ledger and the CLI. */
export const nodeAuditCrypto: AuditCrypto = {
  sha256: (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
  verifyEd25519: (publicKey, message, signature) => {
    try {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(publicKey) }, format: 'jwk' });
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  },
};
