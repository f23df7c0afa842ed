import { randomUUID } from 'node:crypto';
import type { SealedPii } from '@possier/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, seedRestaurant, startLedger, uuidv7, type Ledger, type Restaurant } from '../testing/index.js';
import { customerState } from './customer-directory.js';
import { generateCustomerKek, parseCustomerKeks, type KeyEncryptionKeys } from './customer-keks.js';
import { rewrapCustomerKeys } from './customer-key-rewrap.js';
import { postgresCustomerKeyring } from './customer-keyring.js';
import { dataKeyBinding, KeyUnwrapError, lookupSecretBinding, unwrapKey } from './key-wrap.js';
import { openPii } from './pii-cipher.js';

/*
 * Customers' data keys and the org's phone lookup secret as the database holds them: wrapped
 * under a key-encryption key the database never sees, so its rows alone open no customer's
 * personal data; raw rows from before wrapping wrapped at start; a new KEK rolled in by rewrap.
 */

const VARIABLE = 'POSSIER_CUSTOMER_KEK';

let ledger: Ledger;
let shop: Restaurant;
let keksA: KeyEncryptionKeys;
const others: Ledger[] = [];

type KeyRow = { key_id: string; data_key: Buffer; kek_id: string | null };

const enrol = async (name: string, phone: string): Promise<string> => {
  const customerId = randomUUID();
  ok(
    await ledger.post('/v1/customers', shop.r1Token, {
      commandId: uuidv7(),
      occurredAt: '2026-11-24T12:00:00+05:30',
      data: { customerId, name, phone, consent: { marketing: false, loyalty: true } },
    }),
  );
  return customerId;
};

const keyRow = async (customerId: string): Promise<KeyRow> =>
  (
    await ledger.store.pool.query<KeyRow>(
      'SELECT key_id, data_key, kek_id FROM customer_keys WHERE org_id = $1 AND customer_id = $2',
      [shop.ids.org, customerId],
    )
  ).rows[0] as KeyRow;

const secretRow = async (): Promise<{ secret: Buffer; kek_id: string | null }> =>
  (
    await ledger.store.pool.query<{ secret: Buffer; kek_id: string | null }>(
      'SELECT secret, kek_id FROM customer_lookup_secrets WHERE org_id = $1',
      [shop.ids.org],
    )
  ).rows[0] as { secret: Buffer; kek_id: string | null };

const sealedPii = async (customerId: string): Promise<SealedPii> => {
  const state = await customerState(ledger.store, shop.ids.org, customerId);
  if (state.status !== 'active') throw new Error(`customer ${customerId} is ${state.status}`);
  return state.pii;
};

/** The customer's name and phone as a ledger serving with `serving` reads them. */
const readBack = async (serving: Ledger, customerId: string, phone: string) => {
  const read = await serving.get(`/v1/customers/${customerId}`, shop.ownerToken);
  const found = await serving.post('/v1/customers/lookup', shop.ownerToken, { phone });
  return {
    status: read.status,
    name: (read.body as { name?: string }).name,
    foundByPhone: (found.body as { customers?: Array<{ customerId: string }> }).customers?.map((c) => c.customerId),
  };
};

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
  keksA = parseCustomerKeks(ledger.customerKek, VARIABLE);
}, 120_000);

afterAll(async () => {
  for (const other of others) await other.close();
  await ledger?.close();
});

describe('customer keys wrapped under a key-encryption key from outside the database', () => {
  it('stores a customer’s data key and the org’s lookup secret only wrapped: the rows alone open nothing', async () => {
    const customerId = await enrol('Farhana Qureshi', '+919845055501');
    const row = await keyRow(customerId);
    expect(row.kek_id).toBe(keksA.current.id);
    expect(row.data_key).toHaveLength(60);
    const sealed = await sealedPii(customerId);
    // No 32 bytes anywhere in the row open the customer's sealed details.
    for (let start = 0; start + 32 <= row.data_key.length; start += 1)
      expect(
        openPii(sealed, { keyId: row.key_id, key: row.data_key.subarray(start, start + 32) }, shop.ids.org, customerId),
      ).toBeNull();
    // With the KEK they do.
    const key = unwrapKey(
      keksA,
      { kekId: row.kek_id as string, wrapped: row.data_key },
      dataKeyBinding(shop.ids.org, customerId, row.key_id),
      'customer_keys',
    );
    expect(openPii(sealed, { keyId: row.key_id, key }, shop.ids.org, customerId)).toMatchObject({
      name: 'Farhana Qureshi',
      phone: '+919845055501',
    });
    const secret = await secretRow();
    expect(secret.kek_id).toBe(keksA.current.id);
    expect(secret.secret).toHaveLength(60);
  });

  it('wraps raw keys from before wrapping in place at start, and the customer reads and is found as before', async () => {
    const customerId = await enrol('Joseph Mathew', '+919845055502');
    // As the migration leaves a database that held raw keys: the same keys, in clear, no KEK id.
    const row = await keyRow(customerId);
    const raw = unwrapKey(
      keksA,
      { kekId: row.kek_id as string, wrapped: row.data_key },
      dataKeyBinding(shop.ids.org, customerId, row.key_id),
      'customer_keys',
    );
    const secret = await secretRow();
    const rawSecret = unwrapKey(
      keksA,
      { kekId: secret.kek_id as string, wrapped: secret.secret },
      lookupSecretBinding(shop.ids.org),
      'customer_lookup_secrets',
    );
    await ledger.store.pool.query(
      'UPDATE customer_keys SET data_key = $3, kek_id = NULL WHERE org_id = $1 AND customer_id = $2',
      [shop.ids.org, customerId, raw],
    );
    await ledger.store.pool.query('UPDATE customer_lookup_secrets SET secret = $2, kek_id = NULL WHERE org_id = $1', [
      shop.ids.org,
      rawSecret,
    ]);

    const restarted = await startLedger({ beside: ledger });
    others.push(restarted);
    const { rows: rawRows } = await ledger.store.pool.query(
      `SELECT 1 FROM customer_keys WHERE kek_id IS NULL UNION ALL SELECT 1 FROM customer_lookup_secrets WHERE kek_id IS NULL`,
    );
    expect(rawRows).toEqual([]);
    const wrapped = await keyRow(customerId);
    expect(wrapped.kek_id).toBe(keksA.current.id);
    expect(wrapped.data_key.includes(raw)).toBe(false);
    expect((await secretRow()).secret.includes(rawSecret)).toBe(false);
    expect(await readBack(restarted, customerId, '+919845055502')).toEqual({
      status: 200,
      name: 'Joseph Mathew',
      foundByPhone: [customerId],
    });
  });

  it('wraps a raw row a ledger of an older release stored after the start, when it is first read', async () => {
    const customerId = await enrol('Anjali Deshpande', '+919845055503');
    const row = await keyRow(customerId);
    const raw = unwrapKey(
      keksA,
      { kekId: row.kek_id as string, wrapped: row.data_key },
      dataKeyBinding(shop.ids.org, customerId, row.key_id),
      'customer_keys',
    );
    await ledger.store.pool.query('UPDATE customer_keys SET data_key = $2, kek_id = NULL WHERE customer_id = $1', [
      customerId,
      raw,
    ]);
    expect((await readBack(ledger, customerId, '+919845055503')).name).toBe('Anjali Deshpande');
    expect((await keyRow(customerId)).kek_id).toBe(keksA.current.id);
  });

  it('rotates the KEK: rewrap under a new one, drop the old, and every customer still reads', async () => {
    const customerId = await enrol('Gurpreet Sandhu', '+919845055504');
    const kekB = generateCustomerKek();
    const progress: Array<{ done: number; total: number }> = [];
    const result = await rewrapCustomerKeys(
      ledger.store.pool,
      parseCustomerKeks(`${kekB},${ledger.customerKek}`, VARIABLE),
      {
        batchSize: 2,
        onProgress: (step) => progress.push(step),
      },
    );
    // Four customers and the org's lookup secret, in batches of two.
    expect(result).toEqual({ orgs: 1, keys: 4, secrets: 1, remaining: 0 });
    expect(progress.at(0)).toEqual({ done: 0, total: 5 });
    expect(progress.at(-1)).toEqual({ done: 5, total: 5 });
    const keksB = parseCustomerKeks(kekB, VARIABLE);
    expect((await keyRow(customerId)).kek_id).toBe(keksB.current.id);
    expect((await secretRow()).kek_id).toBe(keksB.current.id);

    const onlyB = await startLedger({ beside: ledger, customerKek: kekB });
    others.push(onlyB);
    expect(await readBack(onlyB, customerId, '+919845055504')).toEqual({
      status: 200,
      name: 'Gurpreet Sandhu',
      foundByPhone: [customerId],
    });
    // Nothing is left that the old KEK alone could open.
    const refusal = await postgresCustomerKeyring(ledger.store.pool, keksA)
      .existingKeys(shop.ids.org, [customerId])
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(KeyUnwrapError);
    expect((refusal as KeyUnwrapError).message).toContain(
      `CUSTOMER_KEY.KEK_NOT_CONFIGURED at customer_keys (org ${shop.ids.org}, customer ${customerId}): wrapped under KEK ${keksB.current.id}`,
    );
    // A second pass finds nothing to do.
    expect(await rewrapCustomerKeys(ledger.store.pool, keksB)).toEqual({ orgs: 0, keys: 0, secrets: 0, remaining: 0 });
  });
});
