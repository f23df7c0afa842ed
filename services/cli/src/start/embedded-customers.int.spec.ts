import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCustomerKeyring, postgresCustomerKeyring, type KeyEncryptionKeys } from '@possier/ledger';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerKeks } from './local-secrets.js';
import { openEmbeddedRuntime } from './embedded-runtime.js';
import type { Runtime } from './runtime.js';

let folder: string;
let runtime: Runtime;
let keks: KeyEncryptionKeys;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'possier-embedded-customers-'));
  runtime = await openEmbeddedRuntime(folder, pino({ level: 'silent' }));
  keks = await customerKeks(folder, 'embedded', {});
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('customer keys on embedded PGlite', () => {
  it('generates the key-encryption key on first start, readable by the owner alone, and keeps it', async () => {
    const file = join(folder, 'customer-kek');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toHaveLength(32);
    expect((await customerKeks(folder, 'embedded', {})).current.id).toBe(keks.current.id);
  });

  it('makes, finds and destroys a key and a phone lookup under row-level security, as on PostgreSQL', async () => {
    const keys = postgresCustomerKeyring(runtime.store.pool, keks);
    const org = randomUUID();
    const customer = randomUUID();
    const key = await keys.keyFor(org, customer);
    expect(key.key.length).toBe(32);
    expect(await keys.keyFor(org, customer)).toMatchObject({ keyId: key.keyId });
    expect(await keys.claimPhone(org, '+919812345678', customer)).toBe(customer);
    expect(await keys.phoneOwner(org, '+919812345678')).toBe(customer);
    expect(await keys.phoneOwner(randomUUID(), '+919812345678')).toBeNull();
    expect((await keys.existingKeys(randomUUID(), [customer])).size).toBe(0);
    await keys.forget(org, customer);
    expect((await keys.existingKeys(org, [customer])).size).toBe(0);
    expect(await keys.phoneOwner(org, '+919812345678')).toBeNull();
  });

  it('wraps a raw key from before wrapping at start, in place, under the data folder’s key', async () => {
    const org = randomUUID();
    const customer = randomUUID();
    const keyId = randomUUID();
    const raw = randomBytes(32);
    await runtime.store.pool.query(
      `INSERT INTO customer_keys (org_id, customer_id, key_id, data_key) VALUES ($1, $2, $3, $4)`,
      [org, customer, keyId, raw],
    );
    const keys = await openCustomerKeyring(runtime.store.pool, keks, pino({ level: 'silent' }));
    const { rows } = await runtime.store.pool.query<{ data_key: Buffer; kek_id: string | null }>(
      `SELECT data_key, kek_id FROM customer_keys WHERE customer_id = $1`,
      [customer],
    );
    expect(rows[0]?.kek_id).toBe(keks.current.id);
    expect(rows[0]?.data_key.includes(raw)).toBe(false);
    expect((await keys.existingKeys(org, [customer])).get(customer)).toEqual({ keyId, key: raw });
  });
});
