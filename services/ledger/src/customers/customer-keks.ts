import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isPublishedSecret, lowDiversity } from '../jwt-secret.js';

/**
 * The key-encryption keys (KEKs) that wrap customers' data keys and the orgs' phone lookup
 * secrets. They come from outside the database, so a copy of the database (a backup, a replica,
 * a connection that sets any `app.org_id`) holds no key that opens customers' personal data.
 *
 * Configured as `POSSIER_CUSTOMER_KEK`, or as a file named by `POSSIER_CUSTOMER_KEK_FILE` (a
 * mounted secret): one or more keys, each the base64 of 32 random bytes, separated by commas,
 * spaces or newlines. The first is the current KEK and wraps every key stored from now on; the
 * others only unwrap rows not yet rewrapped under it (`possier customer-keys rewrap`). A KEK's id,
 * recorded beside every key it wraps, is derived from the key itself, so a key keeps its id
 * whatever position or source it is listed in, and two different keys cannot share one.
 */

/** One KEK and its id: the first 16 hex digits of an HMAC of a fixed label under the key. */
export type KeyEncryptionKey = { id: string; key: Buffer };

/** The configured KEKs: `current` wraps; each of them, `current` included, unwraps by its id. */
export type KeyEncryptionKeys = { current: KeyEncryptionKey; byId: ReadonlyMap<string, KeyEncryptionKey> };

export const CUSTOMER_KEK_VARIABLE = 'POSSIER_CUSTOMER_KEK';
export const CUSTOMER_KEK_FILE_VARIABLE = 'POSSIER_CUSTOMER_KEK_FILE';

/** The command the refusals recommend: exactly the 32 bytes an AES-256 key is. */
export const GENERATE_CUSTOMER_KEK = 'openssl rand -base64 32';

const KEK_BYTES = 32;

/** HMAC label of KEK ids; a new derivation gets a new label, never a reuse of this one. */
const KEK_ID_LABEL = 'possier/customer-kek-id/v1';

/** A KEK setting that cannot be used; `source` names the variable or file, `reason` the rule. */
export class CustomerKekError extends Error {
  override readonly name = 'CustomerKekError';

  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source}: ${reason}`);
  }
}

/** A KEK's id: one-way, so recording it in the database reveals nothing of the key. */
export const customerKekId = (key: Buffer): string =>
  createHmac('sha256', key).update(KEK_ID_LABEL).digest('hex').slice(0, 16);

/** A fresh KEK in the form the settings take, for embedded data folders and tests. */
export const generateCustomerKek = (): string => randomBytes(KEK_BYTES).toString('base64');

const problemOf = (value: string): string | undefined => {
  if (isPublishedSecret(value))
    return 'is a placeholder or a value published in the Possier repository; anyone could unwrap customer keys with it';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return `must be base64 (got a value with other characters)`;
  const bytes = Buffer.from(value, 'base64').length;
  if (bytes !== KEK_BYTES) return `must be the base64 of exactly ${KEK_BYTES} bytes (got ${bytes})`;
  return lowDiversity(value);
};

/** The KEKs listed in `text` (first current), or a refusal naming `source` and the rule broken. */
export const parseCustomerKeks = (text: string, source: string): KeyEncryptionKeys => {
  const values = text.split(/[\s,]+/).filter((value) => value.length > 0);
  if (values.length === 0)
    throw new CustomerKekError(source, `is empty; generate a key with: ${GENERATE_CUSTOMER_KEK}`);
  const byId = new Map<string, KeyEncryptionKey>();
  values.forEach((value, index) => {
    const where = values.length === 1 ? source : `${source} (key ${index + 1} of ${values.length})`;
    const problem = problemOf(value);
    if (problem !== undefined)
      throw new CustomerKekError(where, `${problem}; generate one with: ${GENERATE_CUSTOMER_KEK}`);
    const key = Buffer.from(value, 'base64');
    const id = customerKekId(key);
    if (byId.has(id)) throw new CustomerKekError(where, 'lists a key that is already listed before it');
    byId.set(id, { id, key });
  });
  return { current: byId.values().next().value as KeyEncryptionKey, byId };
};

/**
 * The KEKs set in the environment, or undefined when neither variable is set. Refuses both set at
 * once, an unreadable file, and any key that breaks a rule of `parseCustomerKeks`.
 */
export const customerKeksFromEnvironment = (
  env: Record<string, string | undefined> = process.env,
): KeyEncryptionKeys | undefined => {
  const inline = env[CUSTOMER_KEK_VARIABLE];
  const file = env[CUSTOMER_KEK_FILE_VARIABLE];
  if (inline && file)
    throw new CustomerKekError(CUSTOMER_KEK_VARIABLE, `set it or ${CUSTOMER_KEK_FILE_VARIABLE}, not both`);
  if (inline) return parseCustomerKeks(inline, CUSTOMER_KEK_VARIABLE);
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CustomerKekError(CUSTOMER_KEK_FILE_VARIABLE, `cannot read ${file}: ${(error as Error).message}`);
  }
  return parseCustomerKeks(text, `${CUSTOMER_KEK_FILE_VARIABLE} (${file})`);
};

/**
 * The KEKs of a ledger whose customer keys live in PostgreSQL: refused when not set, since a key
 * generated beside the data would sit where the review found the raw keys, and one lost with a
 * machine would make every customer unreadable.
 */
export const requireCustomerKeks = (env: Record<string, string | undefined> = process.env): KeyEncryptionKeys => {
  const keks = customerKeksFromEnvironment(env);
  if (keks !== undefined) return keks;
  throw new CustomerKekError(
    CUSTOMER_KEK_VARIABLE,
    `is required with PostgreSQL: set it to the output of ${GENERATE_CUSTOMER_KEK}, or name a file holding it in ` +
      `${CUSTOMER_KEK_FILE_VARIABLE}, and keep it outside the database (customers' personal data cannot be read without it)`,
  );
};
