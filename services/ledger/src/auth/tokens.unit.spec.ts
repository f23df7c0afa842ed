import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN_LIFETIMES, tokenLifetimesFrom } from './token-lifetimes.js';
import { AuthenticationError, createTokenService, type TokenClaims } from './tokens.js';

const SECRET = 'a-test-signing-secret-of-more-than-thirty-two-bytes-0123456789';
const ISSUER = 'possier-ledger';
const tokens = createTokenService(SECRET, ISSUER, DEFAULT_TOKEN_LIFETIMES);
const user: TokenClaims = {
  kind: 'user',
  orgId: '0190d1a0-0000-7000-8000-000000000001',
  userId: '0190d1a0-0000-7000-8000-000000000002',
};
const register: TokenClaims = {
  kind: 'register',
  orgId: user.orgId,
  brandId: '0190d1a0-0000-7000-8000-000000000003',
  storeId: '0190d1a0-0000-7000-8000-000000000004',
  registerId: '0190d1a0-0000-7000-8000-000000000005',
};

/** A token signed with the right key, with exactly the times given (seconds since the epoch). */
const forged = (claims: TokenClaims, times: { iat?: number; exp?: number }) => {
  const jwt = new SignJWT({ ...claims, ...times }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER);
  return jwt.sign(new TextEncoder().encode(SECRET));
};

const now = () => Math.floor(Date.now() / 1000);

describe('bearer tokens', () => {
  it('accept a user token within a working day and a register token within a month', async () => {
    expect(await tokens.verify(await tokens.sign(user, { expiresIn: '12h' }))).toEqual(user);
    expect(await tokens.verify(await tokens.sign(register, { expiresIn: '30d' }))).toEqual(register);
  });

  it('refuse a token without an expiry or without its issue time', async () => {
    await expect(tokens.verify(await forged(user, { iat: now() }))).rejects.toThrow(/"exp" claim/);
    await expect(tokens.verify(await forged(user, { exp: now() + 60 }))).rejects.toThrow(/"iat" claim/);
  });

  it('refuse a token that lives longer than its kind may, such as one expiring in 9999', async () => {
    const farFuture = Date.UTC(9999, 11, 31) / 1000;
    await expect(tokens.verify(await forged(user, { iat: now(), exp: farFuture }))).rejects.toThrow(
      new AuthenticationError(`the bearer token lives longer than a user token may (${12 * 3600} seconds)`),
    );
    await expect(tokens.verify(await forged(user, { iat: now(), exp: now() + 13 * 3600 }))).rejects.toThrow(
      AuthenticationError,
    );
  });

  it('refuse a token issued in the future, which would stretch its life', async () => {
    await expect(tokens.verify(await forged(user, { iat: now() + 3600, exp: now() + 7200 }))).rejects.toThrow(
      'the bearer token was issued in the future',
    );
  });

  it('refuse an expired token', async () => {
    await expect(tokens.verify(await forged(user, { iat: now() - 7200, exp: now() - 3600 }))).rejects.toThrow(
      AuthenticationError,
    );
  });

  it('are not signed for longer than the ledger would accept', async () => {
    await expect(tokens.sign(user, { expiresIn: '30d' })).rejects.toThrow(
      `a user token may live at most ${12 * 3600} seconds; 30d is longer`,
    );
  });
});

describe('token lifetimes', () => {
  it('default to a working day for users, an hour for operators, a month for registers', () => {
    expect(tokenLifetimesFrom({})).toEqual({ user: 43_200, operator: 3_600, register: 2_592_000 });
  });

  it('are set per kind from the environment, naming the variable of a bad value', () => {
    expect(tokenLifetimesFrom({ POSSIER_USER_TOKEN_MAX_SECONDS: '3600' }).user).toBe(3_600);
    expect(() => tokenLifetimesFrom({ POSSIER_REGISTER_TOKEN_MAX_SECONDS: '7d' })).toThrow(
      'POSSIER_REGISTER_TOKEN_MAX_SECONDS: must be a whole number of seconds, got "7d"',
    );
  });
});
