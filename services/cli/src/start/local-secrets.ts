import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateJwtSecret, jwtSecretProblem } from '@possier/ledger';
import { cliError } from '../cli-error.js';

const secretFile = (dataDir: string): string => join(dataDir, 'jwt-secret');

const checked = (secret: string, source: string, remedy = ''): string => {
  const problem = jwtSecretProblem(secret);
  if (problem !== undefined) throw cliError('CONFIG.WEAK_SECRET', source, `${problem}${remedy}`);
  return secret;
};

/**
 * The token signing key already chosen: POSSIER_JWT_SECRET when set and not empty, else the data
 * folder's `jwt-secret`, else undefined. Either is refused, never replaced, when it breaks a rule
 * of the ledger's `jwtSecretProblem`: a weak file was written by hand, and the tokens handed out
 * with it would stop working without a word, so the person at the terminal decides.
 */
export const existingSigningSecret = async (
  dataDir: string,
  fromEnvironment: string | undefined,
): Promise<string | undefined> => {
  if (fromEnvironment) return checked(fromEnvironment, 'POSSIER_JWT_SECRET');
  const file = secretFile(dataDir);
  let stored: string;
  try {
    stored = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return checked(stored, file, `, or delete ${file} to have possier start generate a new one`);
};

/**
 * The key `possier start` signs with: the one already chosen, otherwise one generated on first
 * start and kept in the data folder (mode 0600), so tokens printed by one start still work after
 * a restart.
 */
export const signingSecret = async (dataDir: string, fromEnvironment: string | undefined): Promise<string> => {
  const existing = await existingSigningSecret(dataDir, fromEnvironment);
  if (existing !== undefined) return existing;
  await mkdir(dataDir, { recursive: true });
  const secret = generateJwtSecret();
  await writeFile(secretFile(dataDir), `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
};
