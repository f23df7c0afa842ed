import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  customerKekId,
  customerKeksFromEnvironment,
  generateCustomerKek,
  parseCustomerKeks,
  requireCustomerKeks,
} from './customer-keks.js';

const VARIABLE = 'POSSIER_CUSTOMER_KEK';
const kekA = generateCustomerKek();
const kekB = generateCustomerKek();

const problem = (value: string): string => {
  try {
    parseCustomerKeks(value, VARIABLE);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${value} was accepted`);
};

describe('the customer key-encryption keys a ledger is configured with', () => {
  it('takes the base64 of 32 random bytes, with an id derived from the key', () => {
    const keks = parseCustomerKeks(kekA, VARIABLE);
    expect(keks.current.key).toEqual(Buffer.from(kekA, 'base64'));
    expect(keks.current.id).toMatch(/^[0-9a-f]{16}$/);
    expect(keks.current.id).toBe(customerKekId(Buffer.from(kekA, 'base64')));
    expect([...keks.byId.keys()]).toEqual([keks.current.id]);
  });

  it('takes several, the first current, each keeping its id whatever its place', () => {
    const keks = parseCustomerKeks(`${kekB}, ${kekA}`, VARIABLE);
    expect(keks.current.id).toBe(parseCustomerKeks(kekB, VARIABLE).current.id);
    expect(keks.byId.has(parseCustomerKeks(kekA, VARIABLE).current.id)).toBe(true);
    expect(parseCustomerKeks(`${kekB}\n${kekA}\n`, 'file').byId.size).toBe(2);
  });

  it.each([
    ['under 32 bytes', Buffer.alloc(16, 7).toString('base64'), /must be the base64 of exactly 32 bytes \(got 16\)/],
    [
      'over 32 bytes',
      Buffer.from(Array.from({ length: 48 }, (_, index) => index * 5)).toString('base64'),
      /must be the base64 of exactly 32 bytes \(got 48\)/,
    ],
    ['not base64', 'pass*phrase!that-is-long-enough:0123456789', /must be base64/],
    [
      'the example files’ placeholder',
      'change-me-output-of-openssl-rand-base64-32',
      /is a placeholder or a value published/,
    ],
    ['32 zero bytes', Buffer.alloc(32).toString('base64'), /has low diversity/],
    ['empty', ' , ', /is empty/],
  ])('refuses a key that is %s, naming the variable and the rule', (_name, value, rule) => {
    const message = problem(value);
    expect(message).toMatch(new RegExp(`^${VARIABLE}: `));
    expect(message).toMatch(rule);
    if (!/is empty/.test(message)) expect(message).toMatch(/generate one with: openssl rand -base64 32$/);
  });

  it('names which key of a list is refused, and refuses the same key listed twice', () => {
    expect(problem(`${kekA},short`)).toMatch(/^POSSIER_CUSTOMER_KEK \(key 2 of 2\): must be the base64/);
    expect(problem(`${kekA},${kekB},${kekA}`)).toBe(
      'POSSIER_CUSTOMER_KEK (key 3 of 3): lists a key that is already listed before it',
    );
  });

  it('reads POSSIER_CUSTOMER_KEK_FILE, refuses both variables at once, and requires one of them', () => {
    const folder = mkdtempSync(join(tmpdir(), 'possier-kek-'));
    try {
      const file = join(folder, 'kek');
      writeFileSync(file, `${kekA}\n`, { mode: 0o600 });
      expect(customerKeksFromEnvironment({ POSSIER_CUSTOMER_KEK_FILE: file })?.current.key).toEqual(
        Buffer.from(kekA, 'base64'),
      );
      expect(() => customerKeksFromEnvironment({ POSSIER_CUSTOMER_KEK_FILE: join(folder, 'missing') })).toThrow(
        /^POSSIER_CUSTOMER_KEK_FILE: cannot read \S+missing: ENOENT/,
      );
      expect(() =>
        customerKeksFromEnvironment({ POSSIER_CUSTOMER_KEK: kekB, POSSIER_CUSTOMER_KEK_FILE: file }),
      ).toThrow('POSSIER_CUSTOMER_KEK: set it or POSSIER_CUSTOMER_KEK_FILE, not both');
      expect(customerKeksFromEnvironment({})).toBeUndefined();
      expect(() => requireCustomerKeks({})).toThrow(/^POSSIER_CUSTOMER_KEK: is required with PostgreSQL/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
