import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ledgerDir = fileURLToPath(new URL('..', import.meta.url));
const composeExample = readFileSync(new URL('../../../infra/compose/.env.example', import.meta.url), 'utf8');
const shippedSecret = /^POSSIER_JWT_SECRET=(.*)$/m.exec(composeExample)?.[1] ?? '';

/** `npm run start:ledger` as operators run it, with only the secret varied. */
const startLedger = (secret: string) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@possier/source', 'src/main.ts'], {
    // tsx reads the tsconfig of where it runs: the ledger's enables its decorators.
    cwd: ledgerDir,
    env: {
      ...process.env,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PORT: '0',
      POSSIER_JWT_SECRET: secret,
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
});
