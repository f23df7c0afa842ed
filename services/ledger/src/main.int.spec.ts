import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCustomerKek } from './customers/customer-keks.js';
import { generateJwtSecret } from './jwt-secret.js';

const ledgerDir = fileURLToPath(new URL('..', import.meta.url));
const composeExample = readFileSync(new URL('../../../infra/compose/.env.example', import.meta.url), 'utf8');
const shippedSecret = /^POSSIER_JWT_SECRET=(.*)$/m.exec(composeExample)?.[1] ?? '';
const shippedKek = /^POSSIER_CUSTOMER_KEK=(.*)$/m.exec(composeExample)?.[1] ?? '';

/** `npm run start:ledger` as operators run it, with only the secrets varied. */
const startLedger = (
  secret: string,
  customerKek: Record<string, string> = { POSSIER_CUSTOMER_KEK: generateCustomerKek() },
) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@possier/source', 'src/main.ts'], {
    // tsx reads the tsconfig of where it runs: the ledger's enables its decorators.
    cwd: ledgerDir,
    env: {
      ...process.env,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PORT: '0',
      POSSIER_JWT_SECRET: secret,
      POSSIER_CUSTOMER_KEK: '',
      POSSIER_CUSTOMER_KEK_FILE: '',
      ...customerKek,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr };
};

describe('the ledger at start-up', () => {
  it.each([
    ['one character', 'a', /POSSIER_JWT_SECRET: must carry at least 32 bytes of random material \(got 0 bytes/],
    ['one character repeated', 'x'.repeat(64), /POSSIER_JWT_SECRET: has low diversity: 1 different character/],
    ['the example file’s value', shippedSecret, /POSSIER_JWT_SECRET: is a placeholder or a value published/],
  ])('refuses a secret that is %s, naming the variable and the rule, and exits 1', (_name, secret, message) => {
    const run = startLedger(secret);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/generate one with: openssl rand -base64 48/);
  });

  it('refuses to start without a customer key-encryption key, naming the variable, and exits 1', () => {
    const run = startLedger(generateJwtSecret(), {});
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /^possier-ledger: invalid configuration: POSSIER_CUSTOMER_KEK: is required with PostgreSQL: set it to the output of openssl rand -base64 32, or name a file holding it in POSSIER_CUSTOMER_KEK_FILE/m,
    );
  });

  it.each([
    ['16 bytes', Buffer.alloc(16, 9).toString('base64'), /must be the base64 of exactly 32 bytes \(got 16\)/],
    ['the example file’s value', shippedKek, /is a placeholder or a value published in the Possier repository/],
  ])('refuses a customer key-encryption key of %s, naming the variable and the rule', (_name, kek, message) => {
    expect(shippedKek).not.toBe('');
    const run = startLedger(generateJwtSecret(), { POSSIER_CUSTOMER_KEK: kek });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^possier-ledger: invalid configuration: POSSIER_CUSTOMER_KEK: /m);
    expect(run.stderr).toMatch(message);
  });
});
