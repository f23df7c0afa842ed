import { parseArgs } from 'node:util';
import { createTokenService, TokenClaims } from '../auth/tokens.js';
import { jwtSecretProblem } from '../jwt-secret.js';

const usage = `Mints a bearer token for local use and tests, signed with POSSIER_JWT_SECRET.

  npm run token -- --kind user --org <orgId> --user <userId> [--expires 12h] (default: the longest the kind may live)
  npm run token -- --kind register --org <orgId> --brand <brandId> --store <storeId> --register <registerId>
  npm run token -- --kind operator --operator <name>`;

const { values } = parseArgs({
  options: {
    kind: { type: 'string' },
    org: { type: 'string' },
    user: { type: 'string' },
    brand: { type: 'string' },
    store: { type: 'string' },
    register: { type: 'string' },
    operator: { type: 'string' },
    expires: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const secret = process.env.POSSIER_JWT_SECRET ?? '';
const problem = secret ? jwtSecretProblem(secret) : 'must be set to the ledger’s signing key';
if (problem !== undefined) {
  console.error(`POSSIER_JWT_SECRET: ${problem}`);
  process.exit(2);
}

const claims = TokenClaims.safeParse({
  kind: values.kind,
  orgId: values.org,
  userId: values.user,
  brandId: values.brand,
  storeId: values.store,
  registerId: values.register,
  operatorId: values.operator,
});
if (!claims.success) {
  console.error(
    `invalid token claims: ${claims.error.issues.map((issue) => `${issue.path.join('.') || 'kind'}: ${issue.message}`).join('; ')}\n\n${usage}`,
  );
  process.exit(2);
}

const tokens = createTokenService(secret, process.env.POSSIER_JWT_ISSUER ?? 'possier-ledger');
console.log(await tokens.sign(claims.data, values.expires === undefined ? {} : { expiresIn: values.expires }));
