import { auditKeyIdOf, domainError, type AuditSigner } from '@possier/events';
import { nodeAuditCrypto } from '@possier/store';
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type GeneratedKey = { keyId: string; publicKey: Uint8Array; signer: AuditSigner };

/**
 * Where the org's private audit keys live: outside the event store, so that a person who can
 * write to the database still cannot sign a seal. Public keys go into the log (AuditKeyRotated).
 */
export type AuditKeyring = {
  /** Makes a new Ed25519 key pair for the org and keeps its private half. */
  generate(orgId: string): Promise<GeneratedKey>;
  /** The signer of one of the org's keys, or undefined when this ledger does not hold it. */
  signer(orgId: string, keyId: string): Promise<AuditSigner | undefined>;
  /** Forgets a key that never made it into the log. */
  discard(orgId: string, keyId: string): Promise<void>;
};

const signerOf = (keyId: string, privateKey: KeyObject): AuditSigner => ({
  keyId,
  sign: (message) => new Uint8Array(sign(null, message, privateKey)),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_ID = /^[0-9a-f]{32}$/;

/**
 * Private keys as PKCS#8 PEM files, `<directory>/<orgId>/<keyId>.pem`, readable by the ledger's
 * user alone (0600 in a 0700 folder). Back the directory up: a lost key cannot sign again, though
 * every seal it signed still verifies from its public key. Without a directory the ledger serves
 * the audit trail but refuses to close days or rotate keys, and says why.
 */
export const fileAuditKeyring = (directory: string | undefined): AuditKeyring => {
  const pathOf = (orgId: string, keyId: string): string => {
    // Both parts come from the org's own token and the log; checked anyway before they touch a path.
    if (!UUID.test(orgId) || !KEY_ID.test(keyId)) throw new RangeError('not an org id and key id');
    return join(directory as string, orgId, `${keyId}.pem`);
  };
  const missingDirectory = () =>
    domainError(
      'AUDIT.NO_KEY_DIRECTORY',
      '',
      'this ledger has no audit key directory (POSSIER_AUDIT_KEY_DIR), so it cannot sign',
    );

  return {
    generate: async (orgId) => {
      if (directory === undefined) throw missingDirectory();
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const raw = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url'));
      const keyId = auditKeyIdOf(raw, nodeAuditCrypto);
      const path = pathOf(orgId, keyId);
      await mkdir(join(directory, orgId), { recursive: true, mode: 0o700 });
      const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
      // Written aside and renamed, so a crash never leaves half a key under its real name.
      await writeFile(`${path}.partial`, pem, { mode: 0o600, flag: 'wx' });
      await rename(`${path}.partial`, path);
      return { keyId, publicKey: raw, signer: signerOf(keyId, privateKey) };
    },
    signer: async (orgId, keyId) => {
      if (directory === undefined) return undefined;
      try {
        return signerOf(keyId, createPrivateKey(await readFile(pathOf(orgId, keyId), 'utf8')));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    discard: async (orgId, keyId) => {
      if (directory !== undefined) await rm(pathOf(orgId, keyId), { force: true });
    },
  };
};
