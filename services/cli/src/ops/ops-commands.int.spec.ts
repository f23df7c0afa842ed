import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  createTokenService,
  dataKeyBinding,
  generateCustomerKek,
  generateJwtSecret,
  parseCustomerKeks,
  unwrapKey,
} from '@possier/ledger';
import { createTestDatabase, type TestDatabase } from '@possier/prisma';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const POSSIER = fileURLToPath(new URL('../../bin/possier.js', import.meta.url));
const SECRET = generateJwtSecret();

const possier = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [POSSIER, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('possier_cli_ops');
});
afterAll(async () => {
  await database?.drop();
});

describe('possier token mint', () => {
  it('mints a token the ledger’s key verifies, with the claims asked for', async () => {
    const orgId = '019b76da-a800-718b-b812-386aee7d2db2';
    const userId = '019b76da-a800-72e0-aa6f-04a7fe0fbeba';
    const run = possier(['token', 'mint', '--kind', 'user', '--org', orgId, '--user', userId, '--json'], {
      POSSIER_JWT_SECRET: SECRET,
    });
    expect(run.code, run.stderr).toBe(0);
    const { token } = JSON.parse(run.stdout) as { token: string };
    expect(await createTokenService(SECRET, 'possier-ledger').verify(token)).toEqual({ kind: 'user', orgId, userId });
  });

  it('refuses to sign with a weak POSSIER_JWT_SECRET, naming the variable', () => {
    const run = possier(['token', 'mint', '--kind', 'operator', '--operator', 'you'], { POSSIER_JWT_SECRET: 'a' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error CONFIG\.WEAK_SECRET at POSSIER_JWT_SECRET: must carry at least 32 bytes/);
    expect(run.stdout).toBe('');
  });

  it('names the missing claim and exits 1', () => {
    const run = possier(['token', 'mint', '--kind', 'register', '--org', '019b76da-a800-718b-b812-386aee7d2db2'], {
      POSSIER_JWT_SECRET: SECRET,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error TOKEN\.INVALID_CLAIMS at brandId: /);
  });
});

describe('possier migrate', () => {
  it('reports every migration as already applied on a migrated database', () => {
    const run = possier(['migrate', '--json'], { DATABASE_URL: database.url });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { applied: string[]; alreadyApplied: string[] };
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied.length).toBeGreaterThan(0);
  });

  it('needs DATABASE_URL and says so', () => {
    const run = possier(['migrate'], { DATABASE_URL: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error CONFIG\.MISSING at DATABASE_URL: /);
  });
});

describe('possier rebuild', () => {
  it('rebuilds a projection and says how many events it read', () => {
    const run = possier(['rebuild', 'stores', '--json'], { DATABASE_URL: database.url });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ projection: 'stores', events: 0, seconds: expect.any(Number) }]);
  });

  it('refuses a projection that does not exist', () => {
    const run = possier(['rebuild', 'nonsense'], { DATABASE_URL: database.url });
    expect([run.code, run.stderr]).toEqual([
      1,
      'error REBUILD.UNKNOWN_PROJECTION at projection: no projection named nonsense\n',
    ]);
  });
});

describe('possier customer-keys rewrap', () => {
  const org = '019b76da-a800-7a11-9c3e-5d2f1b0a4c77';
  const customer = '019b76da-a800-7b22-8d4f-6e3a2c1b5d88';
  const keyId = '019b76da-a800-7c33-9e5a-7f4b3d2c6e99';
  const kekA = generateCustomerKek();
  const kekB = generateCustomerKek();

  const row = async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      return (
        await pool.query<{ data_key: Buffer; kek_id: string | null }>(
          'SELECT data_key, kek_id FROM customer_keys WHERE customer_id = $1',
          [customer],
        )
      ).rows[0];
    } finally {
      await pool.end();
    }
  };

  it('wraps a raw key, then rewraps it under a new KEK listed first, and says how many', async () => {
    const raw = randomBytes(32);
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    await pool.query('INSERT INTO customer_keys (org_id, customer_id, key_id, data_key) VALUES ($1, $2, $3, $4)', [
      org,
      customer,
      keyId,
      raw,
    ]);
    await pool.end();

    const first = possier(['customer-keys', 'rewrap', '--json'], {
      DATABASE_URL: database.url,
      POSSIER_CUSTOMER_KEK: kekA,
    });
    expect(first.code, first.stderr).toBe(0);
    const idA = parseCustomerKeks(kekA, 'POSSIER_CUSTOMER_KEK').current.id;
    expect(JSON.parse(first.stdout)).toEqual({ kekId: idA, orgs: 1, keys: 1, secrets: 0, remaining: 0 });
    expect(await row()).toEqual({ data_key: expect.any(Buffer), kek_id: idA });

    const second = possier(['customer-keys', 'rewrap'], {
      DATABASE_URL: database.url,
      POSSIER_CUSTOMER_KEK: `${kekB},${kekA}`,
    });
    expect(second.code, second.stderr).toBe(0);
    const idB = parseCustomerKeks(kekB, 'POSSIER_CUSTOMER_KEK').current.id;
    expect(second.stdout).toContain(`1 data keys and 0 lookup secrets of 1 orgs rewrapped under KEK ${idB}`);
    const rewrapped = await row();
    expect(rewrapped?.kek_id).toBe(idB);
    const key = unwrapKey(
      parseCustomerKeks(kekB, 'POSSIER_CUSTOMER_KEK'),
      { kekId: idB, wrapped: rewrapped?.data_key as Buffer },
      dataKeyBinding(org, customer, keyId),
      'customer_keys',
    );
    expect(key).toEqual(raw);
  });

  it('names the row and the missing KEK when a key was wrapped under one no longer listed', () => {
    const run = possier(['customer-keys', 'rewrap'], {
      DATABASE_URL: database.url,
      POSSIER_CUSTOMER_KEK: `${generateCustomerKek()},${kekA}`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `error CUSTOMER_KEY.KEK_NOT_CONFIGURED at customer_keys (org ${org}, customer ${customer}): wrapped under KEK ${parseCustomerKeks(kekB, 'POSSIER_CUSTOMER_KEK').current.id}, which is not configured`,
    );
  });

  it('needs POSSIER_CUSTOMER_KEK and says so', () => {
    const run = possier(['customer-keys', 'rewrap'], {
      DATABASE_URL: database.url,
      POSSIER_CUSTOMER_KEK: '',
      POSSIER_CUSTOMER_KEK_FILE: '',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error CONFIG\.MISSING at POSSIER_CUSTOMER_KEK: is required with PostgreSQL/);
  });
});
