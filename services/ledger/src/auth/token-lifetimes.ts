import type { TokenClaims } from './tokens.js';

/** The longest a token of each kind may live, in seconds, from its `iat` to its `exp`. */
export type TokenLifetimes = Record<TokenClaims['kind'], number>;

/**
 * A person's token lasts a working day, an operator's an hour; a till's a month, because a till
 * must keep selling through a long outage and is withdrawn by deactivating its register.
 */
export const DEFAULT_TOKEN_LIFETIMES: TokenLifetimes = { user: 12 * 3600, operator: 3600, register: 30 * 86_400 };

const VARIABLES: Record<TokenClaims['kind'], string> = {
  user: 'POSSIER_USER_TOKEN_MAX_SECONDS',
  operator: 'POSSIER_OPERATOR_TOKEN_MAX_SECONDS',
  register: 'POSSIER_REGISTER_TOKEN_MAX_SECONDS',
};

/**
 * The caps from the environment, each defaulting to DEFAULT_TOKEN_LIFETIMES. Whatever signs and
 * whatever verifies reads the same variables, so a minted token and the ledger agree.
 */
export const tokenLifetimesFrom = (env: Record<string, string | undefined>): TokenLifetimes => {
  const lifetimes = { ...DEFAULT_TOKEN_LIFETIMES };
  for (const kind of Object.keys(VARIABLES) as Array<TokenClaims['kind']>) {
    const variable = VARIABLES[kind];
    const value = env[variable];
    if (value === undefined || value === '') continue;
    if (!/^[1-9]\d*$/.test(value)) throw new Error(`${variable}: must be a whole number of seconds, got "${value}"`);
    lifetimes[kind] = Number(value);
  }
  return lifetimes;
};
