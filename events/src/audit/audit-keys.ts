import type { AuditCrypto } from './audit-crypto.js';
import { toHex } from './bytes.js';

/** A key's id and fingerprint: the first 16 bytes of SHA-256 over its raw public key, in hex. */
export const auditKeyIdOf = (publicKey: Uint8Array, crypto: Pick<AuditCrypto, 'sha256'>): string =>
  toHex(crypto.sha256(publicKey)).slice(0, 32);
