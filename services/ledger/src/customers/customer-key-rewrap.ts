import type pg from 'pg';
import type { Logger } from 'pino';
import { asTenant } from '../tenant-transaction.js';
import type { KeyEncryptionKeys } from './customer-keks.js';
import { postgresCustomerKeyring, type CustomerKeyring } from './customer-keyring.js';
import {
  DATA_KEY_COLUMNS,
  rewrapDataKey,
  rewrapLookupSecret,
  type DataKeyRow,
  type LookupSecretRow,
} from './customer-key-rows.js';

export type RewrapProgress = { done: number; total: number };

/** Rows rewrapped, and rows still not under the current KEK when the pass ended. */
export type RewrapResult = { orgs: number; keys: number; secrets: number; remaining: number };

export type RewrapOptions = {
  /** Only the raw rows from before keys were wrapped (what every start does), not other KEKs'. */
  legacyOnly?: boolean;
  /** Rows per transaction: each batch holds its rows' locks until it commits. */
  batchSize?: number;
  onProgress?: (progress: RewrapProgress) => void;
};

type Census = Array<{ org_id: string; keys: string; secrets: string }>;

/**
 * Which orgs hold rows to rewrap, and how many: `customer_key_census` (migration
 * 20261205170533_wrapped_customer_keys) counts across orgs as the tables' owner and answers org
 * ids and counts only, never a key. With `keep` null it counts the raw rows alone.
 */
const census = async (pool: pg.Pool, keep: string | null): Promise<Census> =>
  (
    await pool.query<{ org_id: string; keys: string; secrets: string }>(
      'SELECT org_id, keys, secrets FROM customer_key_census($1)',
      [keep],
    )
  ).rows;

const pending = (rows: Census): number => rows.reduce((sum, row) => sum + Number(row.keys) + Number(row.secrets), 0);

/**
 * Stores every customer data key and lookup secret wrapped under the current KEK, unwrapping each
 * under the KEK its row names (or taking a raw legacy row as it is). The keys themselves do not
 * change, so everything sealed under them opens as before. Safe beside running ledgers and a
 * second run: each batch locks its rows, and a row already under the current KEK is skipped. A
 * row that cannot be unwrapped stops the pass with a `KeyUnwrapError` naming it.
 */
export const rewrapCustomerKeys = async (
  pool: pg.Pool,
  keks: KeyEncryptionKeys,
  options: RewrapOptions = {},
): Promise<RewrapResult> => {
  const keep = options.legacyOnly ? null : keks.current.id;
  const batchSize = options.batchSize ?? 500;
  const orgs = await census(pool, keep);
  const progress: RewrapProgress = { done: 0, total: pending(orgs) };
  options.onProgress?.({ ...progress });
  let keys = 0;
  let secrets = 0;
  for (const { org_id: orgId } of orgs) {
    secrets += await asTenant(pool, orgId, async (client) => {
      const { rows } = await client.query<LookupSecretRow>(
        `SELECT secret, kek_id FROM customer_lookup_secrets
          WHERE org_id = $1 AND (kek_id IS NULL OR kek_id <> $2) FOR UPDATE`,
        [orgId, keep],
      );
      for (const row of rows) await rewrapLookupSecret(client, keks, orgId, row);
      return rows.length;
    });
    for (;;) {
      const batch = await asTenant(pool, orgId, async (client) => {
        const { rows } = await client.query<DataKeyRow>(
          `SELECT ${DATA_KEY_COLUMNS} FROM customer_keys
            WHERE org_id = $1 AND (kek_id IS NULL OR kek_id <> $2)
            ORDER BY customer_id LIMIT $3 FOR UPDATE`,
          [orgId, keep, batchSize],
        );
        for (const row of rows) await rewrapDataKey(client, keks, orgId, row);
        return rows.length;
      });
      keys += batch;
      progress.done = keys + secrets;
      options.onProgress?.({ ...progress });
      if (batch < batchSize) break;
    }
  }
  return { orgs: orgs.length, keys, secrets, remaining: pending(await census(pool, keep)) };
};

/**
 * The keyring a ledger serves with, once every raw key from before wrapping is wrapped under the
 * current KEK: after this, no row holds a key in clear.
 */
export const openCustomerKeyring = async (
  pool: pg.Pool,
  keks: KeyEncryptionKeys,
  logger: Logger,
): Promise<CustomerKeyring> => {
  const wrapped = await rewrapCustomerKeys(pool, keks, { legacyOnly: true });
  if (wrapped.keys + wrapped.secrets > 0)
    logger.info(
      { orgs: wrapped.orgs, keys: wrapped.keys, secrets: wrapped.secrets, kekId: keks.current.id },
      'raw customer keys wrapped under the current KEK',
    );
  return postgresCustomerKeyring(pool, keks);
};
