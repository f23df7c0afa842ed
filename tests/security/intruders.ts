import { addUser, type Ledger, type Restaurant } from '@possier/ledger/testing';

export type Intruder = { principal: string; token: string };

/**
 * Every kind of principal of the intruding org, each holding its role over its own org's store A,
 * brand or whole org: what a BOLA attack is made with — a valid token, aimed at another org's ids.
 */
export const intrudersOf = async (ledger: Ledger, org: Restaurant): Promise<Intruder[]> => {
  const { storeA, brand } = org.ids;
  const user = async (name: string, role: string, scope: Record<string, string>) =>
    (await addUser(ledger, org, name, [{ role, scope }])).token;
  return [
    { principal: 'register', token: org.r1Token },
    { principal: 'cashier', token: org.cashierToken },
    { principal: 'store manager', token: await user('Store', 'store_manager', { level: 'store', storeId: storeA }) },
    { principal: 'brand manager', token: await user('Brand', 'brand_manager', { level: 'brand', brandId: brand }) },
    { principal: 'accountant', token: await user('Books', 'accountant', { level: 'org' }) },
    { principal: 'analyst', token: await user('Numbers', 'analyst', { level: 'org' }) },
    { principal: 'owner', token: org.ownerToken },
    { principal: 'operator', token: await ledger.token({ kind: 'operator', operatorId: 'intruder' }) },
  ];
};

/** The token with its payload edited and its signature kept: what a client forging a claim sends. */
export const withForgedPayload = (token: string, edit: (payload: Record<string, unknown>) => object): string => {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify(edit(claims))).toString('base64url'), signature].join('.');
};

/** The same claims, unsigned, declaring `alg: none`. */
export const unsigned = (token: string): string => {
  const [, payload] = token.split('.') as [string, string];
  return [Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'), payload, ''].join('.');
};
