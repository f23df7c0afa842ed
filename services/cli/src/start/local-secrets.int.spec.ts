import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateJwtSecret, jwtSecretProblem } from '@possier/ledger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { existingSigningSecret, signingSecret } from './local-secrets.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'possier-secrets-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the signing key of possier start', () => {
  it('is generated on first start, strong, readable by the owner alone, and kept for the next start', async () => {
    const secret = await signingSecret(dataDir, undefined);
    expect(jwtSecretProblem(secret)).toBeUndefined();
    expect((await stat(join(dataDir, 'jwt-secret'))).mode & 0o777).toBe(0o600);
    expect(await signingSecret(dataDir, undefined)).toBe(secret);
    expect(await existingSigningSecret(dataDir, undefined)).toBe(secret);
  });

  it('is POSSIER_JWT_SECRET when that is set and strong, and then nothing is written', async () => {
    const fromEnvironment = generateJwtSecret();
    expect(await signingSecret(dataDir, fromEnvironment)).toBe(fromEnvironment);
    await expect(readFile(join(dataDir, 'jwt-secret'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a weak POSSIER_JWT_SECRET, naming the variable', async () => {
    const refusal = await signingSecret(dataDir, 'a').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CliError);
    expect((refusal as CliError).message).toMatch(
      /^error CONFIG\.WEAK_SECRET at POSSIER_JWT_SECRET: must carry at least 32 bytes of random material/,
    );
  });

  it('refuses a weak jwt-secret file rather than replacing it, naming the file and how to start afresh', async () => {
    const file = join(dataDir, 'jwt-secret');
    await writeFile(file, 'secret\n', { mode: 0o600 });
    const refusal = await signingSecret(dataDir, undefined).catch((error: unknown) => error);
    expect((refusal as CliError).message).toBe(
      `error CONFIG.WEAK_SECRET at ${file}: must carry at least 32 bytes of random material (got 4 bytes, read as base64); ` +
        `generate one with: openssl rand -base64 48, or delete ${file} to have possier start generate a new one`,
    );
    expect(await readFile(file, 'utf8')).toBe('secret\n');
  });
});
