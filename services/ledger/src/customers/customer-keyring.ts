import { createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { asTenant } from '../tenant-transaction.js';
import type { KeyEncryptionKeys } from './customer-keks.js';
import {
  DATA_KEY_COLUMNS,
  openDataKey,
  openLookupSecret,
  type DataKeyRow,
  type LookupSecretRow,
} from './customer-key-rows.js';
import { dataKeyBinding, lookupSecretBinding, wrapKey } from './key-wrap.js';

export type DataKey = { keyId: string; key: Buffer };

/**
 * Where customers' data keys and the phone lookup live: outside the event store, so erasing a
 * customer is deleting rows here while every stored event (and the audit chain over it) stays as
 * it was. Here it is a tenant table in PostgreSQL holding every key wrapped under a
 * key-encryption key from outside the database (`customer-keks.ts`); the same port can front a
 * KMS. Phones are found by an org-keyed HMAC of the normalised number, never by the number itself.
 */
export interface CustomerKeyring {
  /** The customer's data key, made on first use. */
  keyFor(orgId: string, customerId: string): Promise<DataKey>;
  /** The keys that still exist, by customer; an erased customer has none. */
  existingKeys(orgId: string, customerIds: ReadonlyArray<string>): Promise<Map<string, DataKey>>;
  /** Who holds `phone` (E.164) in the org, if anyone. */
  phoneOwner(orgId: string, phone: string): Promise<string | null>;
  /** Claims `phone` for the customer unless someone holds it already; answers who holds it now. */
  claimPhone(orgId: string, phone: string, customerId: string): Promise<string>;
  /** Drops the customer's lookup rows for every phone but `keep`. */
  releaseOtherPhones(orgId: string, customerId: string, keep: string): Promise<void>;
  /** Erasure: the key and every lookup row of the customer are deleted. */
  forget(orgId: string, customerId: string): Promise<void>;
  /**
   * The key one register hashes phones under to find customers offline: derived from the org's
   * secret and the register's id, so a till never holds the org's secret, and what one till
   * caches cannot be matched against another till's cache or the ledger's own index.
   */
  registerLookupKey(orgId: string, registerId: string): Promise<Buffer>;
}

/** HKDF `info` of register lookup keys; a new derivation gets a new label, never a reuse of this one. */
const REGISTER_LOOKUP_INFO = 'possier/register-phone-lookup/v1';

/**
 * `customer_keys`, `customer_phone_index` and `customer_lookup_secrets` under row-level security:
 * every statement runs as `possier_app` with the tenant set, in its own transaction. Data keys and
 * lookup secrets are stored wrapped under the current of `keks` and unwrapped under the KEK their
 * row names; a row that cannot be unwrapped fails the call with a `KeyUnwrapError`, never reads
 * as an erased customer.
 */
export const postgresCustomerKeyring = (pool: pg.Pool, keks: KeyEncryptionKeys): CustomerKeyring => {
  const readSecret = async (client: pg.PoolClient, orgId: string): Promise<LookupSecretRow | undefined> =>
    (
      await client.query<LookupSecretRow>(`SELECT secret, kek_id FROM customer_lookup_secrets WHERE org_id = $1`, [
        orgId,
      ])
    ).rows[0];
  const secretOf = async (client: pg.PoolClient, orgId: string): Promise<Buffer> => {
    let row = await readSecret(client, orgId);
    if (row === undefined) {
      const { kekId, wrapped } = wrapKey(keks, randomBytes(32), lookupSecretBinding(orgId));
      await client.query(
        `INSERT INTO customer_lookup_secrets (org_id, secret, kek_id) VALUES ($1, $2, $3) ON CONFLICT (org_id) DO NOTHING`,
        [orgId, wrapped, kekId],
      );
      row = (await readSecret(client, orgId)) as LookupSecretRow;
    }
    return openLookupSecret(client, keks, orgId, row);
  };
  const digestOf = async (client: pg.PoolClient, orgId: string, phone: string): Promise<string> =>
    createHmac('sha256', await secretOf(client, orgId))
      .update(phone)
      .digest('base64');
  const ownerOf = async (client: pg.PoolClient, orgId: string, digest: string): Promise<string | null> => {
    const { rows } = await client.query<{ customer_id: string }>(
      `SELECT customer_id FROM customer_phone_index WHERE org_id = $1 AND phone_digest = $2`,
      [orgId, digest],
    );
    return rows[0]?.customer_id ?? null;
  };
  return {
    keyFor: (orgId, customerId) =>
      asTenant(pool, orgId, async (client) => {
        const keyId = randomUUID();
        const { kekId, wrapped } = wrapKey(keks, randomBytes(32), dataKeyBinding(orgId, customerId, keyId));
        await client.query(
          `INSERT INTO customer_keys (org_id, customer_id, key_id, data_key, kek_id) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (org_id, customer_id) DO NOTHING`,
          [orgId, customerId, keyId, wrapped, kekId],
        );
        const { rows } = await client.query<DataKeyRow>(
          `SELECT ${DATA_KEY_COLUMNS} FROM customer_keys WHERE org_id = $1 AND customer_id = $2`,
          [orgId, customerId],
        );
        const row = rows[0] as DataKeyRow;
        return { keyId: row.key_id, key: await openDataKey(client, keks, orgId, row) };
      }),
    existingKeys: (orgId, customerIds) =>
      asTenant(pool, orgId, async (client) => {
        const { rows } = await client.query<DataKeyRow>(
          `SELECT ${DATA_KEY_COLUMNS} FROM customer_keys WHERE org_id = $1 AND customer_id = ANY($2::uuid[])`,
          [orgId, customerIds],
        );
        const keys = new Map<string, DataKey>();
        for (const row of rows)
          keys.set(row.customer_id, { keyId: row.key_id, key: await openDataKey(client, keks, orgId, row) });
        return keys;
      }),
    phoneOwner: (orgId, phone) =>
      asTenant(pool, orgId, async (client) => ownerOf(client, orgId, await digestOf(client, orgId, phone))),
    claimPhone: (orgId, phone, customerId) =>
      asTenant(pool, orgId, async (client) => {
        const digest = await digestOf(client, orgId, phone);
        await client.query(
          `INSERT INTO customer_phone_index (org_id, phone_digest, customer_id) VALUES ($1, $2, $3)
           ON CONFLICT (org_id, phone_digest) DO NOTHING`,
          [orgId, digest, customerId],
        );
        return (await ownerOf(client, orgId, digest)) as string;
      }),
    releaseOtherPhones: (orgId, customerId, keep) =>
      asTenant(pool, orgId, async (client) => {
        const digest = await digestOf(client, orgId, keep);
        await client.query(
          `DELETE FROM customer_phone_index WHERE org_id = $1 AND customer_id = $2 AND phone_digest <> $3`,
          [orgId, customerId, digest],
        );
      }),
    forget: (orgId, customerId) =>
      asTenant(pool, orgId, async (client) => {
        await client.query(`DELETE FROM customer_phone_index WHERE org_id = $1 AND customer_id = $2`, [
          orgId,
          customerId,
        ]);
        await client.query(`DELETE FROM customer_keys WHERE org_id = $1 AND customer_id = $2`, [orgId, customerId]);
      }),
    registerLookupKey: (orgId, registerId) =>
      asTenant(pool, orgId, async (client) =>
        Buffer.from(hkdfSync('sha256', await secretOf(client, orgId), registerId, REGISTER_LOOKUP_INFO, 32)),
      ),
  };
};
