import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { tokenLifetimesFrom, type TokenLifetimes } from './token-lifetimes.js';

/**
 * Bearer tokens. A register device is bound to one org/brand/store/register; a user to an org,
 * with roles looked up from the org's tenancy on every command (so a revoked role takes effect at
 * once, not when the token expires); an operator token may only create organisations. Every token
 * carries `iat` and `exp`, and lives no longer than its kind allows (token-lifetimes.ts).
 */
export const TokenClaims = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('register'),
    orgId: z.uuid(),
    brandId: z.uuid(),
    storeId: z.uuid(),
    registerId: z.uuid(),
  }),
  z.object({ kind: z.literal('user'), orgId: z.uuid(), userId: z.uuid() }),
  z.object({ kind: z.literal('operator'), operatorId: z.string().min(1) }),
]);
export type TokenClaims = z.infer<typeof TokenClaims>;

/** The caller is not (or no longer) who a token may speak for: a 401, with `code` for clients to branch on. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';

  constructor(
    message: string,
    readonly code = 'AUTH.UNAUTHENTICATED',
  ) {
    super(message);
  }
}

export type TokenService = {
  /**
   * Signs `claims`, for `expiresIn` (`12h`, `30d`) or, by default, as long as the kind may live;
   * or, given `validity`, issued and expiring exactly then (a token whose issuance was recorded).
   */
  sign(
    claims: TokenClaims,
    options?: { expiresIn?: string; validity?: { issuedAt: Date; expiresAt: Date } },
  ): Promise<string>;
  verify(token: string): Promise<TokenClaims>;
  /** The longest each kind may live: what the ledger issues tokens for. */
  readonly lifetimes: TokenLifetimes;
};

/** Tolerated difference between the signer's clock and this one, for `iat`. */
const CLOCK_TOLERANCE_SECONDS = 60;

const lifetimeOf = (iat: number, exp: number): number => exp - iat;

export const createTokenService = (
  secret: string,
  issuer: string,
  lifetimes: TokenLifetimes = tokenLifetimesFrom(process.env),
): TokenService => {
  const key = new TextEncoder().encode(secret);
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  return {
    lifetimes,
    sign: async (claims, { expiresIn = `${lifetimes[claims.kind]}s`, validity } = {}) => {
      // Expiry before issue time: each reads the clock, and in this order a second that ticks
      // between them shortens the token by it rather than lengthening it past its kind's limit.
      const jwt = new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(issuer)
        .setExpirationTime(validity ? seconds(validity.expiresAt) : expiresIn)
        .setIssuedAt(validity ? seconds(validity.issuedAt) : undefined);
      const token = await jwt.sign(key);
      const { iat, exp } = decodeJwt(token) as { iat: number; exp: number };
      // A token the ledger would refuse is refused here, where the mistake is made.
      if (lifetimeOf(iat, exp) > lifetimes[claims.kind])
        throw new RangeError(
          `a ${claims.kind} token may live at most ${lifetimes[claims.kind]} seconds; ${validity ? `${lifetimeOf(iat, exp)}s` : expiresIn} is longer`,
        );
      return token;
    },
    verify: async (token) => {
      let payload: { iat?: number; exp?: number };
      try {
        ({ payload } = await jwtVerify(token, key, {
          issuer,
          algorithms: ['HS256'],
          requiredClaims: ['iat', 'exp'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }));
      } catch (error) {
        throw new AuthenticationError(`the bearer token is not valid: ${(error as Error).message}`);
      }
      const claims = TokenClaims.safeParse(payload);
      if (!claims.success) throw new AuthenticationError('the bearer token does not name a register, user or operator');
      const { iat, exp } = payload as { iat: number; exp: number };
      if (iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS)
        throw new AuthenticationError('the bearer token was issued in the future');
      if (lifetimeOf(iat, exp) > lifetimes[claims.data.kind])
        throw new AuthenticationError(
          `the bearer token lives longer than a ${claims.data.kind} token may (${lifetimes[claims.data.kind]} seconds)`,
        );
      return claims.data;
    },
  };
};

/** `Authorization: Bearer <token>` → claims, or a 401 that says what was wrong. */
export const authenticate = async (tokens: TokenService, header: string | undefined): Promise<TokenClaims> => {
  if (!header) throw new AuthenticationError('an Authorization: Bearer token is required');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
  return tokens.verify(match[1] as string);
};
