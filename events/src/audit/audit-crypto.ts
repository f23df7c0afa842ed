/**
 * The two primitives the audit scheme rests on, handed in by whoever runs it: the pure core
 * imports no crypto. Node passes `node:crypto` (OpenSSL: the audited implementation every Node
 * has, and far faster than JavaScript); a browser or a register could pass WebCrypto. Keeping the
 * scheme's logic here and only the primitives outside means the server, the CLI and any other
 * verifier run the very same rules.
 */
export type AuditCrypto = {
  sha256(bytes: Uint8Array): Uint8Array;
  /** True when `signature` is a valid Ed25519 signature of `message` by the raw 32-byte `publicKey`. */
  verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
};

/** Signing needs the private key, which only the ledger holds (docs/audit.md, "Keys"). */
export type AuditSigner = {
  keyId: string;
  sign(message: Uint8Array): Uint8Array;
};
