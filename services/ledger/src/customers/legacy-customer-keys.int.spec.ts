import { randomBytes, randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminUrl, migrate, MIGRATIONS_DIR } from '@possier/prisma';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCustomerKek, parseCustomerKeks } from './customer-keks.js';
import { openCustomerKeyring } from './customer-key-rewrap.js';
import { openPii, sealPii } from './pii-cipher.js';

/*
 * A database that held customers' keys in clear before keys were wrapped: the migration keeps
 * them as they are (the database cannot know the KEK), and the ledger's start wraps them in place.
 */

const WRAPPING_MIGRATION = '20261205170533_wrapped_customer_keys';

const org = randomUUID();
const customer = randomUUID();
const keyId = randomUUID();
const rawKey = randomBytes(32);
const rawSecret = randomBytes(32);
const name = `possier_legacy_keys_${process.pid}_${randomBytes(4).toString('hex')}`;
const url = Object.assign(new URL(adminUrl()), { pathname: `/${name}` }).toString();
let before: string;
let pool: pg.Pool;

const admin = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

beforeAll(async () => {
  await admin(`CREATE DATABASE ${name}`);
  before = await mkdtemp(join(tmpdir(), 'possier-migrations-before-'));
  for (const folder of await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    if (folder.isDirectory() && folder.name < WRAPPING_MIGRATION)
      await cp(join(MIGRATIONS_DIR, folder.name), join(before, folder.name), { recursive: true });
  await migrate(url, { migrationsDir: before });
  pool = new pg.Pool({ connectionString: url, max: 3 });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if (before) await rm(before, { recursive: true, force: true });
});

const rows = async () => ({
  key: (await pool.query<{ data_key: Buffer; kek_id: string | null }>('SELECT data_key, kek_id FROM customer_keys'))
    .rows,
  secret: (
    await pool.query<{ secret: Buffer; kek_id: string | null }>('SELECT secret, kek_id FROM customer_lookup_secrets')
  ).rows,
});

describe('customer keys stored in clear before wrapping', () => {
  it('are kept raw by the migration and wrapped in place at the ledger’s first start, opening what they sealed', async () => {
    await pool.query('INSERT INTO customer_keys (org_id, customer_id, key_id, data_key) VALUES ($1, $2, $3, $4)', [
      org,
      customer,
      keyId,
      rawKey,
    ]);
    await pool.query('INSERT INTO customer_lookup_secrets (org_id, secret) VALUES ($1, $2)', [org, rawSecret]);
    const sealed = sealPii({ name: 'Lalitha Raman', phone: '+919845055599' }, { keyId, key: rawKey }, org, customer);

    const migrated = await migrate(url);
    expect(migrated.applied).toContain(WRAPPING_MIGRATION);
    expect(await rows()).toEqual({
      key: [{ data_key: rawKey, kek_id: null }],
      secret: [{ secret: rawSecret, kek_id: null }],
    });

    const keks = parseCustomerKeks(generateCustomerKek(), 'POSSIER_CUSTOMER_KEK');
    const keyring = await openCustomerKeyring(pool, keks, pino({ level: 'silent' }));
    const after = await rows();
    expect(after.key).toEqual([{ data_key: expect.any(Buffer), kek_id: keks.current.id }]);
    expect(after.secret).toEqual([{ secret: expect.any(Buffer), kek_id: keks.current.id }]);
    expect(after.key[0]?.data_key.includes(rawKey)).toBe(false);
    expect(after.secret[0]?.secret.includes(rawSecret)).toBe(false);
    const key = (await keyring.existingKeys(org, [customer])).get(customer);
    expect(key).toEqual({ keyId, key: rawKey });
    expect(openPii(sealed, key!, org, customer)).toEqual({ name: 'Lalitha Raman', phone: '+919845055599' });
  });

  it('refuses a raw row of the wrong length, and a wrapped one without its KEK id', async () => {
    await expect(
      pool.query('INSERT INTO customer_keys (org_id, customer_id, key_id, data_key) VALUES ($1, $2, $3, $4)', [
        org,
        randomUUID(),
        randomUUID(),
        randomBytes(60),
      ]),
    ).rejects.toThrow(/customer_keys_data_key_check/);
    await expect(
      pool.query(
        'INSERT INTO customer_keys (org_id, customer_id, key_id, data_key, kek_id) VALUES ($1, $2, $3, $4, $5)',
        [org, randomUUID(), randomUUID(), randomBytes(32), 'abcdef0123456789'],
      ),
    ).rejects.toThrow(/customer_keys_data_key_check/);
  });
});
