import type pg from 'pg';
import type { KeyEncryptionKeys } from './customer-keks.js';
import { dataKeyBinding, lookupSecretBinding, unwrapKey, wrapKey } from './key-wrap.js';

/**
 * Rows of `customer_keys` and `customer_lookup_secrets` as read and written under one tenant. A
 * row whose `kek_id` is null holds a raw key stored before keys were wrapped (or by a ledger of an
 * older release still running beside this one): its key is used as it is and wrapped in place.
 */

export type DataKeyRow = { customer_id: string; key_id: string; data_key: Buffer; kek_id: string | null };
export type LookupSecretRow = { secret: Buffer; kek_id: string | null };

export const DATA_KEY_COLUMNS = 'customer_id, key_id, data_key, kek_id';

const dataKeyRowName = (orgId: string, customerId: string): string =>
  `customer_keys (org ${orgId}, customer ${customerId})`;

/** The data key in clear, without writing anything. */
export const dataKeyOf = (keks: KeyEncryptionKeys, orgId: string, row: DataKeyRow): Buffer =>
  row.kek_id === null
    ? row.data_key
    : unwrapKey(
        keks,
        { kekId: row.kek_id, wrapped: row.data_key },
        dataKeyBinding(orgId, row.customer_id, row.key_id),
        dataKeyRowName(orgId, row.customer_id),
      );

/** The data key in clear, after storing it wrapped under the current KEK. */
export const rewrapDataKey = async (
  client: pg.PoolClient,
  keks: KeyEncryptionKeys,
  orgId: string,
  row: DataKeyRow,
): Promise<Buffer> => {
  const key = dataKeyOf(keks, orgId, row);
  const { kekId, wrapped } = wrapKey(keks, key, dataKeyBinding(orgId, row.customer_id, row.key_id));
  await client.query(`UPDATE customer_keys SET data_key = $3, kek_id = $4 WHERE org_id = $1 AND customer_id = $2`, [
    orgId,
    row.customer_id,
    wrapped,
    kekId,
  ]);
  return key;
};

/** The key of a row just read: unwrapped, or a raw one wrapped in place first. */
export const openDataKey = (
  client: pg.PoolClient,
  keks: KeyEncryptionKeys,
  orgId: string,
  row: DataKeyRow,
): Promise<Buffer> =>
  row.kek_id === null ? rewrapDataKey(client, keks, orgId, row) : Promise.resolve(dataKeyOf(keks, orgId, row));

export const lookupSecretOf = (keks: KeyEncryptionKeys, orgId: string, row: LookupSecretRow): Buffer =>
  row.kek_id === null
    ? row.secret
    : unwrapKey(
        keks,
        { kekId: row.kek_id, wrapped: row.secret },
        lookupSecretBinding(orgId),
        `customer_lookup_secrets (org ${orgId})`,
      );

export const rewrapLookupSecret = async (
  client: pg.PoolClient,
  keks: KeyEncryptionKeys,
  orgId: string,
  row: LookupSecretRow,
): Promise<Buffer> => {
  const secret = lookupSecretOf(keks, orgId, row);
  const { kekId, wrapped } = wrapKey(keks, secret, lookupSecretBinding(orgId));
  await client.query(`UPDATE customer_lookup_secrets SET secret = $2, kek_id = $3 WHERE org_id = $1`, [
    orgId,
    wrapped,
    kekId,
  ]);
  return secret;
};

export const openLookupSecret = (
  client: pg.PoolClient,
  keks: KeyEncryptionKeys,
  orgId: string,
  row: LookupSecretRow,
): Promise<Buffer> =>
  row.kek_id === null
    ? rewrapLookupSecret(client, keks, orgId, row)
    : Promise.resolve(lookupSecretOf(keks, orgId, row));
