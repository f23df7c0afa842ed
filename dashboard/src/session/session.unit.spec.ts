import { describe, expect, it } from 'vitest';
import { forgetToken, readToken, saveToken, whoIs } from './session';

const jwt = (claims: object): string =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJl`;

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('session', () => {
  it('keeps the token until it is forgotten', () => {
    const storage = new MemoryStorage();
    expect(readToken(storage)).toBeNull();
    saveToken('a.b.c', storage);
    expect(readToken(storage)).toBe('a.b.c');
    forgetToken(storage);
    expect(readToken(storage)).toBeNull();
  });

  it('names who a token says it is, for display only', () => {
    expect(whoIs(jwt({ kind: 'user', orgId: 'o', userId: 'u-1' }))).toEqual({ kind: 'user', label: 'user u-1' });
    expect(whoIs(jwt({ kind: 'operator', operatorId: 'ops' }))).toEqual({ kind: 'operator', label: 'operator ops' });
    expect(whoIs(jwt({ kind: 'register', registerId: 'r-9' }))?.label).toBe('register r-9');
    expect(whoIs(jwt({ name: 'Asha' }))).toEqual({ kind: 'unknown', label: 'unknown' });
  });

  it('answers null for text that is not a JWT', () => {
    expect(whoIs('not a token')).toBeNull();
    expect(whoIs('a.%%%.c')).toBeNull();
  });
});
