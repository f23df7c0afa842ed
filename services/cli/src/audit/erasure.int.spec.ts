import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BALANCE_REPORTS, REPORT_NAMES } from '@possier/events';
import {
  addUser,
  ok,
  seedRestaurant,
  startLedger,
  startReadSide,
  uuidv7,
  type Ledger,
  type ReadSide,
  type Restaurant,
} from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The right to erasure against the audit trail: a customer enrolled and sold to on a day that is
 * then sealed, and erased afterwards. `possier audit export` of that day holds none of their
 * personal data in any form, `possier audit verify` still proves nothing was altered (the chain is
 * over ciphertext, which erasure does not touch), and every report still runs.
 */

const BIN = fileURLToPath(new URL('../../bin/possier.js', import.meta.url));
const NAME = 'Gurpreet Sandhu';
const EMAIL = 'gurpreet.sandhu@example.org';
const PII = [NAME, 'Gurpreet', 'Sandhu', '+917012345678', '7012345678', '70123 45678', EMAIL];

type Run = { stdout: string; stderr: string; code: number };

let ledger: Ledger;
let readSide: ReadSide;
let shop: Restaurant;
let accountant: string;
let keyId: string;
let folder: string;

const possier = async (args: ReadonlyArray<string>, token = accountant): Promise<Run> => {
  const options = { env: { ...process.env, POSSIER_URL: ledger.url, POSSIER_TOKEN: token } };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], options);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
};

const send = (path: string, token: string, occurredAt: string, data: unknown) =>
  ledger.post(path, token, { commandId: uuidv7(), occurredAt, data });

beforeAll(async () => {
  ledger = await startLedger();
  readSide = await startReadSide(ledger);
  shop = await seedRestaurant(ledger);
  folder = await mkdtemp(join(tmpdir(), 'possier-erasure-'));
  accountant = (await addUser(ledger, shop, 'Lakshmi', [{ role: 'accountant', scope: { level: 'org' } }])).token;
  const rotated = ok(
    await send('/v1/audit/keys/rotate', shop.ownerToken, '2026-11-24T08:00:00+05:30', { orgId: shop.ids.org }),
  );
  keyId = (rotated.body as { key: { keyId: string } }).key.keyId;
}, 120_000);

afterAll(async () => {
  await readSide?.stop();
  await ledger?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('erasing a customer after their day was sealed', () => {
  it('leaves no personal data in the export, which still verifies, and every report still runs', async () => {
    const { storeA, cola } = shop.ids;
    const customerId = randomUUID();
    ok(
      await send('/v1/customers', shop.r1Token, '2026-11-24T12:00:00+05:30', {
        customerId,
        name: NAME,
        phone: '70123 45678',
        email: EMAIL,
        consent: { marketing: true, loyalty: true },
      }),
    );
    ok(
      await send('/v1/orders', shop.r1Token, '2026-11-24T13:05:00+05:30', {
        orderId: uuidv7(),
        storeId: storeA,
        channel: 'takeaway',
        customerId,
        lines: [{ lineId: randomUUID(), itemId: cola, quantity: 2 }],
        tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 20_000 }],
      }),
    );
    ok(
      await send(`/v1/audit/stores/${storeA}/days/2026-11-24/close`, accountant, '2026-11-24T23:30:00+05:30', {
        storeId: storeA,
        businessDate: '2026-11-24',
      }),
    );
    ok(await send(`/v1/customers/${customerId}/forget`, shop.ownerToken, '2026-11-25T09:00:00+05:30', { customerId }));

    const file = join(folder, 'store-a-2026-11-24.jsonl');
    const exported = await possier([
      'audit',
      'export',
      '--store',
      storeA,
      '--from',
      '2026-11-24',
      '--to',
      '2026-11-24',
      '--out',
      file,
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    const bytes = await readFile(file);
    expect(bytes.includes(customerId)).toBe(true);
    expect(bytes.includes('CustomerRegistered')).toBe(true);
    for (const fragment of PII) expect(bytes.includes(fragment), fragment).toBe(false);

    const verified = await possier(['audit', 'verify', file, '--trust-key', keyId]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^VERIFIED /);

    const erased = ok(await ledger.get(`/v1/customers/${customerId}`, shop.ownerToken));
    expect(erased.body).toMatchObject({ status: 'erased', name: 'erased customer', phone: null });

    await readSide.settle(60_000);
    for (const name of REPORT_NAMES) {
      const dates = BALANCE_REPORTS.has(name) ? [] : ['--from', '2026-11-24', '--to', '2026-11-25'];
      // A statement is one B2B account's; the erased customer's id names none, which is a report too.
      const customer = name === 'statement' ? ['--customer', customerId] : [];
      const report = await possier(
        ['report', name, '--store', storeA, ...dates, ...customer, '--format', 'json'],
        shop.ownerToken,
      );
      expect(report.code, `${name}: ${report.stderr}`).toBe(0);
      for (const fragment of PII) expect(report.stdout, `${name} ${fragment}`).not.toContain(fragment);
    }
  }, 180_000);
});
