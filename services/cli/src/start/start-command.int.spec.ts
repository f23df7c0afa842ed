import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJwtSecret } from '@possier/ledger';
import { afterEach, describe, expect, it } from 'vitest';

const POSSIER = fileURLToPath(new URL('../../bin/possier.js', import.meta.url));
const systemdExample = fileURLToPath(new URL('../../../../infra/systemd/possier.env.example', import.meta.url));

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** `npm start` in embedded mode on a fresh data folder; a weak key must stop it before PGlite opens. */
const start = (env: Record<string, string>, prepare: (dataDir: string) => void = () => {}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'possier-start-'));
  folders.push(dataDir);
  prepare(dataDir);
  const result = spawnSync(process.execPath, [POSSIER, 'start', '--no-demo', '--port', '0'], {
    env: { ...process.env, DATABASE_URL: '', POSSIER_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr, files: readdirSync(dataDir) };
};

describe('possier start with a weak signing key', () => {
  it('refuses a one-character POSSIER_JWT_SECRET, names the variable and the rule, and exits 1', () => {
    const run = start({ POSSIER_JWT_SECRET: 'a' });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /^error CONFIG\.WEAK_SECRET at POSSIER_JWT_SECRET: must carry at least 32 bytes of random material \(got 0 bytes, read as hex\); generate one with: openssl rand -base64 48$/m,
    );
    expect(run.files).toEqual([]);
  });

  it('refuses the value the systemd example file ships', () => {
    const shipped = /^POSSIER_JWT_SECRET=(.*)$/m.exec(readFileSync(systemdExample, 'utf8'))?.[1] ?? '';
    const run = start({ POSSIER_JWT_SECRET: shipped });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^error CONFIG\.WEAK_SECRET at POSSIER_JWT_SECRET: is a placeholder/m);
  });

  it('refuses a weak jwt-secret in the data folder, naming the file', () => {
    const run = start({ POSSIER_JWT_SECRET: '' }, (dataDir) =>
      writeFileSync(join(dataDir, 'jwt-secret'), `${'ab'.repeat(32)}\n`, { mode: 0o600 }),
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^error CONFIG\.WEAK_SECRET at \S+jwt-secret: has low diversity/m);
    expect(run.files).toEqual(['jwt-secret']);
  });
});

describe('possier start and the customer key-encryption key', () => {
  const unreachable = 'postgres://postgres@127.0.0.1:1/nowhere';

  it('on PostgreSQL refuses to start without one, naming the variable, before connecting', () => {
    const run = start({
      DATABASE_URL: unreachable,
      POSSIER_JWT_SECRET: generateJwtSecret(),
      POSSIER_CUSTOMER_KEK: '',
      POSSIER_CUSTOMER_KEK_FILE: '',
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^error CONFIG\.MISSING at POSSIER_CUSTOMER_KEK: is required with PostgreSQL: /m);
    expect(run.stderr).not.toMatch(/unreachable/);
    expect(run.files).toEqual([]);
  });

  it('on PostgreSQL refuses the value the systemd example file ships, naming the variable', () => {
    const shipped = /^POSSIER_CUSTOMER_KEK=(.*)$/m.exec(readFileSync(systemdExample, 'utf8'))?.[1] ?? '';
    expect(shipped).not.toBe('');
    const run = start({
      DATABASE_URL: unreachable,
      POSSIER_JWT_SECRET: generateJwtSecret(),
      POSSIER_CUSTOMER_KEK: shipped,
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^error CONFIG\.WEAK_SECRET at POSSIER_CUSTOMER_KEK: is a placeholder/m);
  });

  it('embedded, refuses a customer-kek in the data folder that is not 32 bytes, naming the file, and keeps it', () => {
    const run = start({ POSSIER_JWT_SECRET: generateJwtSecret(), POSSIER_CUSTOMER_KEK: '' }, (dataDir) =>
      writeFileSync(join(dataDir, 'customer-kek'), 'c2hvcnQ=\n', { mode: 0o600 }),
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /^error CONFIG\.WEAK_SECRET at \S+customer-kek: must be the base64 of exactly 32 bytes \(got 5\); generate one with: openssl rand -base64 32$/m,
    );
    expect(run.files).toEqual(['customer-kek']);
  });
});
