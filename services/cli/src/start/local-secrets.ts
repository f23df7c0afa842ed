import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  customerKeksFromEnvironment,
  CustomerKekError,
  generateCustomerKek,
  generateJwtSecret,
  jwtSecretProblem,
  parseCustomerKeks,
  requireCustomerKeks,
  type KeyEncryptionKeys,
} from '@possier/ledger';
import { cliError } from '../cli-error.js';

const secretFile = (dataDir: string): string => join(dataDir, 'jwt-secret');
const customerKekFile = (dataDir: string): string => join(dataDir, 'customer-kek');

/** What the data folder keeps in `file`, or undefined when there is no such file. */
const readKept = async (file: string): Promise<string | undefined> => {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/**
 * Keeps a secret generated on first start in the data folder, readable by its owner alone (mode
 * 0600), never overwriting one that appeared meanwhile.
 */
const keep = async (dataDir: string, file: string, secret: string): Promise<void> => {
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
};

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
  const stored = await readKept(file);
  if (stored === undefined) return undefined;
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
  const secret = generateJwtSecret();
  await keep(dataDir, secretFile(dataDir), secret);
  return secret;
};

const refusal = (error: unknown, code: string) => {
  if (!(error instanceof CustomerKekError)) return error;
  return cliError(code, error.source, error.reason);
};

/**
 * The key-encryption keys `possier start` wraps customers' data keys with: POSSIER_CUSTOMER_KEK or
 * POSSIER_CUSTOMER_KEK_FILE when set. On PostgreSQL nothing else will do, and the start is refused
 * naming the variable: the key must live apart from the database, and be the same for every
 * ledger on it. Embedded, the data folder's `customer-kek` is used, generated on first start
 * (mode 0600) like the signing key. A weak or unreadable one is refused, never replaced: the
 * customers' keys in the data are wrapped under it, and would be unreadable under another.
 */
export const customerKeks = async (
  dataDir: string,
  mode: 'embedded' | 'server',
  env: Record<string, string | undefined> = process.env,
): Promise<KeyEncryptionKeys> => {
  let configured: KeyEncryptionKeys | undefined;
  try {
    configured = customerKeksFromEnvironment(env);
  } catch (error) {
    throw refusal(error, 'CONFIG.WEAK_SECRET');
  }
  if (configured !== undefined) return configured;
  if (mode === 'server') {
    try {
      return requireCustomerKeks(env);
    } catch (error) {
      throw refusal(error, 'CONFIG.MISSING');
    }
  }
  const file = customerKekFile(dataDir);
  const stored = await readKept(file);
  if (stored === undefined) {
    const generated = generateCustomerKek();
    await keep(dataDir, file, generated);
    return parseCustomerKeks(generated, file);
  }
  try {
    return parseCustomerKeks(stored, file);
  } catch (error) {
    throw refusal(error, 'CONFIG.WEAK_SECRET');
  }
};
