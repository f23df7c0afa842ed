import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTokenService, generateJwtSecret } from '@possier/ledger';
import { createTestDatabase, type TestDatabase } from '@possier/prisma';
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
