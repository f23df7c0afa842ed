import { mkdtemp, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresCustomerKeyring } from '@possier/ledger';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedRuntime } from './embedded-runtime.js';
import type { Runtime } from './runtime.js';

let folder: string;
let runtime: Runtime;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'possier-embedded-customers-'));
  runtime = await openEmbeddedRuntime(folder, pino({ level: 'silent' }));
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('customer keys on embedded PGlite', () => {
  it('makes, finds and destroys a key and a phone lookup under row-level security, as on PostgreSQL', async () => {
    const keys = postgresCustomerKeyring(runtime.store.pool);
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
});
