import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/**
 * Bearer tokens. A register device is bound to one org/brand/store/register; a user to an org,
 * with roles looked up from the org's tenancy on every command (so a revoked role takes effect at
 * once, not when the token expires); an operator token may only create organisations.
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

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

export type TokenService = {
  sign(claims: TokenClaims, options?: { expiresIn?: string }): Promise<string>;
  verify(token: string): Promise<TokenClaims>;
};

export const createTokenService = (secret: string, issuer: string): TokenService => {
  const key = new TextEncoder().encode(secret);
  return {
    sign: (claims, { expiresIn = '12h' } = {}) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(key),
    verify: async (token) => {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, key, { issuer, algorithms: ['HS256'] }));
      } catch (error) {
        throw new AuthenticationError(`the bearer token is not valid: ${(error as Error).message}`);
      }
      const claims = TokenClaims.safeParse(payload);
      if (!claims.success) throw new AuthenticationError('the bearer token does not name a register, user or operator');
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
