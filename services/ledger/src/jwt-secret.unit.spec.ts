import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateJwtSecret, jwtSecretProblem } from './jwt-secret.js';

/** The value an example environment file ships for POSSIER_JWT_SECRET. */
const exampleValue = (file: string): string => {
  const text = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
  const value = /^POSSIER_JWT_SECRET=(.*)$/m.exec(text)?.[1];
  if (value === undefined) throw new Error(`${file} sets no POSSIER_JWT_SECRET`);
  return value;
};

describe('a JWT secret too short to guess safely', () => {
  it('is refused with how many bytes it carries', () => {
    expect(jwtSecretProblem('a')).toBe(
      'must carry at least 32 bytes of random material (got 0 bytes, read as hex); generate one with: openssl rand -base64 48',
    );
    expect(jwtSecretProblem('')).toMatch(/^must carry at least 32 bytes .*\(got 0 bytes, read as text\)/);
  });

  it('counts hex at 4 bits and base64 at 6 bits a character, so 32 characters are not 32 bytes', () => {
    expect(jwtSecretProblem('9f86d081884c7d659a2feaa0c55ad015')).toMatch(/\(got 16 bytes, read as hex\)/);
    expect(jwtSecretProblem('Zm9yLXRoZS1sZW5ndGgtb2YtaXQtb25seS0xMjM0')).toMatch(/\(got 30 bytes, read as base64\)/);
  });

  it('counts other text by its UTF-8 bytes', () => {
    expect(jwtSecretProblem('not base64: 31 bytes of text!!')).toMatch(/\(got 30 bytes, read as text\)/);
  });
});

describe('a JWT secret of low diversity', () => {
  it('is refused when it is one character repeated', () => {
    expect(jwtSecretProblem('a'.repeat(64))).toMatch(/^has low diversity: 1 different character, at least 10 needed;/);
  });

  it('is refused when it has fewer than 10 different characters', () => {
    const eightLetters = [...'ABCDEFGH'].map((letter) => letter.repeat(6)).join('');
    expect(jwtSecretProblem(eightLetters)).toMatch(/^has low diversity: 8 different characters, at least 10 needed;/);
  });

  it('is refused when it is a shorter sequence repeated, even a whole alphabet', () => {
    expect(jwtSecretProblem('0123456789abcdef'.repeat(4))).toMatch(
      /^has low diversity: its first 16 characters repeated;/,
    );
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    expect(jwtSecretProblem(alphabet.repeat(2))).toMatch(/its first 64 characters repeated/);
  });
});

describe('a JWT secret published in the repository', () => {
  it.each(['infra/systemd/possier.env.example', 'infra/compose/.env.example'])(
    'is refused when it is the value %s ships',
    (file) => {
      expect(jwtSecretProblem(exampleValue(file))).toMatch(/^is a placeholder or a value published in the Possier/);
    },
  );

  it('is refused when it carries the placeholder marker, whatever its case or separators', () => {
    expect(jwtSecretProblem('kq8Zt3W0pLx7Rv2N-CHANGE_ME-yH5jB9sF1dG6aE4uM0oQ')).toMatch(/^is a placeholder/);
    expect(jwtSecretProblem('change-me-to-a-long-random-secret-of-32-or-more-chars')).toMatch(/^is a placeholder/);
  });

  it('is refused when a test or an old example used it', () => {
    expect(jwtSecretProblem('test-signing-key-that-is-long-enough-0123456789')).toMatch(/^is a placeholder/);
  });
});

describe('a strong JWT secret', () => {
  it('is accepted as openssl rand -base64 48 and -hex 32 print it', () => {
    expect(jwtSecretProblem('q0J7m4rYc1kZ9fT2vW8xN3bH6sL5pD0aG7eU1iO4yR2tK9wE8zQ3cV6nB5mX1jF+')).toBeUndefined();
    expect(jwtSecretProblem('5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8')).toBeUndefined();
  });

  it('is what generateJwtSecret makes', () => {
    expect(jwtSecretProblem(generateJwtSecret())).toBeUndefined();
  });
});
