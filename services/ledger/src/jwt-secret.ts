import { randomBytes } from 'node:crypto';

/**
 * The rules every token signing secret must pass before anything starts with it, whatever reads
 * it (the ledger, `possier start`, the token minting tools). Anyone who knows or guesses the
 * secret can mint an operator token, so a secret is refused when:
 *
 * 1. it is shipped in this repository: it contains the placeholder marker the example files carry
 *    (`change-me`, in any case, with or without `-`/`_`), or is one of the values tests and docs
 *    have used;
 * 2. it carries fewer than 32 bytes of material. Each character counts for the smallest alphabet
 *    the whole value is written in: 4 bits in hex, 6 bits in base64 or base64url (trailing `=`
 *    ignored), otherwise every UTF-8 byte counts 8 bits. So `openssl rand -hex 32` and
 *    `openssl rand -base64 48` pass, and a 40-letter word does not count as 40 bytes;
 * 3. it has low diversity: fewer than 10 different characters, or one shorter sequence repeated
 *    (`aaaa…`, `abcabc…`, the same 16 hex digits four times), which no generator produces.
 *
 * The rules catch secrets that are known or typed by hand; they cannot tell a random-looking
 * secret that was leaked from a fresh one.
 */

/** The command the refusals recommend; 48 random bytes leave margin above the 32 required. */
export const GENERATE_JWT_SECRET = 'openssl rand -base64 48';

export const MIN_JWT_SECRET_BYTES = 32;

const MIN_DISTINCT_CHARACTERS = 10;

/** The marker every example file's placeholder carries, compared without case, `-` or `_`. */
const PLACEHOLDER_MARKER = 'changeme';

/** Values that have appeared in this repository's tests and examples, so are known to anyone. */
const SHIPPED_SECRETS: ReadonlySet<string> = new Set([
  'test-signing-key-that-is-long-enough-0123456789',
  'a-signing-key-for-this-test-only-0123456789',
  'another-signing-key-that-is-long-enough-9876543210',
]);

/** A fresh secret that passes every rule with margin, for generated data folders and tests. */
export const generateJwtSecret = (): string => randomBytes(48).toString('base64url');

/**
 * Whether the value is a placeholder or was published in this repository, so is known to anyone.
 * Every secret the services read from their environment is held to it (token keys, the customer
 * key-encryption keys).
 */
export const isPublishedSecret = (secret: string): boolean =>
  secret.toLowerCase().replace(/[-_]/g, '').includes(PLACEHOLDER_MARKER) || SHIPPED_SECRETS.has(secret);

const shipped = (secret: string): string | undefined =>
  isPublishedSecret(secret)
    ? 'is a placeholder or a value published in the Possier repository; anyone can sign tokens with it'
    : undefined;

/** How many bytes of material the secret carries, and the alphabet that was read as. */
const material = (secret: string): { bytes: number; read: string } => {
  const body = secret.replace(/=+$/, '');
  if (/^[0-9a-f]+$/i.test(body)) return { bytes: Math.floor((body.length * 4) / 8), read: 'hex' };
  if (/^[A-Za-z0-9+/_-]+$/.test(body)) return { bytes: Math.floor((body.length * 6) / 8), read: 'base64' };
  return { bytes: Buffer.byteLength(secret, 'utf8'), read: 'text' };
};

const tooShort = (secret: string): string | undefined => {
  const { bytes, read } = material(secret);
  return bytes < MIN_JWT_SECRET_BYTES
    ? `must carry at least ${MIN_JWT_SECRET_BYTES} bytes of random material (got ${bytes} byte${bytes === 1 ? '' : 's'}, read as ${read})`
    : undefined;
};

/** Whether the value is its own first `period` characters over and over (a prefix of a repetition). */
const repeats = (secret: string, period: number): boolean => secret.slice(period) === secret.slice(0, -period);

/** Why the value cannot have come from a generator (too few different characters, or a repetition), if so. */
export const lowDiversity = (secret: string): string | undefined => {
  const characters = [...secret];
  const distinct = new Set(characters).size;
  if (distinct < MIN_DISTINCT_CHARACTERS)
    return `has low diversity: ${distinct} different character${distinct === 1 ? '' : 's'}, at least ${MIN_DISTINCT_CHARACTERS} needed`;
  for (let period = 1; period <= secret.length / 2; period += 1)
    if (repeats(secret, period)) return `has low diversity: its first ${period} characters repeated`;
  return undefined;
};

const rules = [shipped, tooShort, lowDiversity];

/**
 * Why `secret` may not sign tokens, with how to make a good one, or undefined when it passes every
 * rule above. Callers put the variable or file it came from in front.
 */
export const jwtSecretProblem = (secret: string): string | undefined => {
  for (const rule of rules) {
    const problem = rule(secret);
    if (problem !== undefined) return `${problem}; generate one with: ${GENERATE_JWT_SECRET}`;
  }
  return undefined;
};
