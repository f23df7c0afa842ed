import { createExportVerifier, CustomerView } from '@possier/events';
import { nodeAuditCrypto } from '@possier/store';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, ok, seedRestaurant, startLedger, uuidv7, type Ledger, type Restaurant } from '../testing/index.js';

/*
 * A customer enrolled at store A's till, an order sold to them, the day sealed, then the customer
 * erased: afterwards the customer reads as erased everywhere, and the day's audit export still
 * verifies while holding none of their personal data in any form.
 */

const NAME = 'Meenakshi Sundaram';
const PHONE_TYPED = '098450 12345';
const PHONE = '+919845012345';
const EMAIL = 'meenakshi.s@example.org';
const PII_FRAGMENTS = [NAME, 'Meenakshi', 'Sundaram', PHONE, '9845012345', '98450 12345', EMAIL, 'meenakshi.s'];

let ledger: Ledger;
let shop: Restaurant;
let otherOrg: Restaurant;
let accountant: string;
let keyId: string;
const customerId = randomUUID();

const send = (path: string, token: string, occurredAt: string, data: unknown) =>
  ledger.post(path, token, { commandId: uuidv7(), occurredAt, data });

const sale = (customer: string | undefined) => ({
  orderId: uuidv7(),
  storeId: shop.ids.storeA,
  channel: 'takeaway',
  lines: [{ lineId: randomUUID(), itemId: shop.ids.cola, quantity: 1 }],
  tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 6_000 }],
  ...(customer === undefined ? {} : { customerId: customer }),
});

const readCustomer = async (token: string, id = customerId) => {
  const response = await ledger.get(`/v1/customers/${id}`, token);
  return { status: response.status, view: response.status === 200 ? CustomerView.parse(response.body) : undefined };
};

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
  otherOrg = await seedRestaurant(ledger);
  accountant = (await addUser(ledger, shop, 'Lakshmi', [{ role: 'accountant', scope: { level: 'org' } }])).token;
  const rotated = ok(
    await send('/v1/audit/keys/rotate', shop.ownerToken, '2026-11-24T08:00:00+05:30', { orgId: shop.ids.org }),
  );
  keyId = (rotated.body as { key: { keyId: string } }).key.keyId;
}, 120_000);

afterAll(async () => {
  await ledger?.close();
});

describe('customers with erasable personal data', () => {
  it('enrols a customer at the till, normalises the phone and keeps no clear text in the event store', async () => {
    ok(
      await send('/v1/customers', shop.r1Token, '2026-11-24T12:00:00+05:30', {
        customerId,
        name: NAME,
        phone: PHONE_TYPED,
        email: EMAIL,
        consent: { marketing: false, loyalty: true },
      }),
    );
    const { view } = await readCustomer(shop.ownerToken);
    expect(view).toEqual({
      customerId,
      status: 'active',
      name: NAME,
      phone: PHONE,
      email: EMAIL,
      consent: { marketing: false, loyalty: true },
    });
    const found = await ledger.post('/v1/customers/lookup', shop.r1Token, { phone: '+91 98450-12345' });
    expect(found.body).toMatchObject({ customers: [{ customerId, name: NAME }] });

    const { rows } = await ledger.store.pool.query<{ stored: string }>(
      `SELECT data::text AS stored FROM events WHERE org_id = $1`,
      [shop.ids.org],
    );
    const log = rows.map((row) => row.stored).join('\n');
    expect(log).toContain(customerId);
    for (const fragment of PII_FRAGMENTS) expect(log).not.toContain(fragment);
  });

  it('refuses a second customer with the same phone, and an unknown customer on an order, naming the field', async () => {
    const again = await send('/v1/customers', shop.ownerToken, '2026-11-24T12:01:00+05:30', {
      customerId: randomUUID(),
      name: 'Someone Else',
      phone: '9845012345',
      consent: { marketing: false, loyalty: false },
    });
    expect(again.body).toMatchObject({ error: { code: 'CUSTOMER.PHONE_TAKEN', path: 'data.phone' } });
    const unknown = await send('/v1/orders', shop.r1Token, '2026-11-24T12:02:00+05:30', sale(randomUUID()));
    expect(unknown.body).toMatchObject({ error: { code: 'ORDER.UNKNOWN_CUSTOMER', path: 'data.customerId' } });
    const bad = await send('/v1/customers', shop.ownerToken, '2026-11-24T12:01:00+05:30', {
      customerId: randomUUID(),
      name: 'Someone Else',
      phone: '12345',
      consent: { marketing: false, loyalty: false },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { path: 'data.phone' } });
  });

  it('sells to the customer and lets a register pull them for offline lookup', async () => {
    ok(await send('/v1/orders', shop.r1Token, '2026-11-24T13:05:00+05:30', sale(customerId)));
    const pulled = ok(await ledger.get(`/v1/registers/${shop.ids.r1}/customers`, shop.r1Token));
    expect(pulled.body).toEqual({
      phoneLookupKey: expect.any(String),
      customers: [{ customerId, displayName: 'Meenakshi S.', phoneDigest: expect.any(String) }],
    });
    const body = JSON.stringify(pulled.body);
    for (const fragment of PII_FRAGMENTS.filter((text) => text !== 'Meenakshi'))
      expect(body, 'the pull carries no phone and no full name').not.toContain(fragment);
    const { org, brand, storeA, r2 } = shop.ids;
    const r2Token = await ledger.token({
      kind: 'register',
      orgId: org,
      brandId: brand,
      storeId: storeA,
      registerId: r2,
    });
    const other = ok(await ledger.get(`/v1/registers/${r2}/customers`, r2Token)).body as {
      phoneLookupKey: string;
      customers: Array<{ phoneDigest: string }>;
    };
    const mine = pulled.body as typeof other;
    expect(other.phoneLookupKey, 'each register hashes under its own key').not.toBe(mine.phoneLookupKey);
    expect(other.customers[0]?.phoneDigest).not.toBe(mine.customers[0]?.phoneDigest);
  });

  it('shows another org nothing of the customer', async () => {
    expect((await readCustomer(otherOrg.ownerToken)).status).toBe(404);
    const byPhone = await ledger.post('/v1/customers/lookup', otherOrg.ownerToken, { phone: PHONE.slice(3) });
    expect(byPhone.body).toEqual({ customers: [] });
    const pulled = ok(await ledger.get(`/v1/registers/${otherOrg.ids.r1}/customers`, otherOrg.r1Token));
    expect(pulled.body).toEqual({ phoneLookupKey: expect.any(String), customers: [] });
  });

  it('after erasure: reads as erased everywhere, refuses new sales and changes, and the sealed day still verifies with no PII in the export', async () => {
    const { storeA } = shop.ids;
    ok(
      await send(`/v1/audit/stores/${storeA}/days/2026-11-24/close`, accountant, '2026-11-24T23:30:00+05:30', {
        storeId: storeA,
        businessDate: '2026-11-24',
      }),
    );
    const cashier = await addUser(ledger, shop, 'Tanvir', [
      { role: 'cashier', scope: { level: 'store', storeId: storeA } },
    ]);
    const refused = await send(`/v1/customers/${customerId}/forget`, cashier.token, '2026-11-25T09:00:00+05:30', {
      customerId,
    });
    expect(refused.status).toBe(403);
    ok(await send(`/v1/customers/${customerId}/forget`, shop.ownerToken, '2026-11-25T09:00:00+05:30', { customerId }));

    expect((await readCustomer(shop.ownerToken)).view).toEqual({
      customerId,
      status: 'erased',
      name: 'erased customer',
      phone: null,
      consent: { marketing: false, loyalty: true },
    });
    expect((await ledger.post('/v1/customers/lookup', shop.ownerToken, { phone: PHONE })).body).toEqual({
      customers: [],
    });
    expect(ok(await ledger.get(`/v1/registers/${shop.ids.r1}/customers`, shop.r1Token)).body).toEqual({
      phoneLookupKey: expect.any(String),
      customers: [],
    });
    const sold = await send('/v1/orders', shop.r1Token, '2026-11-25T10:00:00+05:30', sale(customerId));
    expect(sold.body).toMatchObject({ error: { code: 'ORDER.CUSTOMER_FORGOTTEN', path: 'data.customerId' } });
    const changed = await send(`/v1/customers/${customerId}/details`, shop.ownerToken, '2026-11-25T10:00:00+05:30', {
      customerId,
      name: NAME,
      phone: PHONE,
    });
    expect(changed.body).toMatchObject({ error: { code: 'CUSTOMER.FORGOTTEN' } });
    const keys = await ledger.store.pool.query(
      `SELECT (SELECT count(*) FROM customer_keys WHERE customer_id = $1) AS keys,
              (SELECT count(*) FROM customer_phone_index WHERE customer_id = $1) AS phones`,
      [customerId],
    );
    expect(keys.rows[0]).toEqual({ keys: '0', phones: '0' });
    // The phone is free again for someone new.
    ok(
      await send('/v1/customers', shop.r1Token, '2026-11-25T10:30:00+05:30', {
        customerId: randomUUID(),
        name: 'New Holder',
        phone: PHONE,
        consent: { marketing: false, loyalty: false },
      }),
    );

    const response = await fetch(`${ledger.url}/v1/audit/stores/${storeA}/export?from=2026-11-24&to=2026-11-25`, {
      headers: { authorization: `Bearer ${accountant}` },
    });
    expect(response.status).toBe(200);
    const exported = await response.text();
    const lines = exported.trimEnd().split('\n');
    expect(lines.some((line) => line.includes('"CustomerRegistered"') && line.includes(customerId))).toBe(true);
    expect(lines.some((line) => line.includes('"OrderPlaced"') && line.includes(customerId))).toBe(true);
    for (const fragment of PII_FRAGMENTS) expect(exported).not.toContain(fragment);

    const verifier = createExportVerifier({ crypto: nodeAuditCrypto, trustedKeys: [keyId] });
    for (const line of lines) verifier.line(line);
    const verdict = verifier.finish();
    expect(verdict.findings).toEqual([]);
    expect(verdict.seals.map((seal) => [seal.businessDate, seal.ok])).toEqual([['2026-11-24', true]]);
  });
});
