import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTokenService, TokenClaims } from '@possier/ledger';
import { Command, Option } from 'commander';
import { cliError } from '../cli-error.js';
import { tokenIssueCommand } from '../principals/principal-commands.js';
import { existingSigningSecret } from '../start/local-secrets.js';

/** The key `possier start` signs with: POSSIER_JWT_SECRET, or the one it generated in its data folder. */
const signingKey = async (dataDir: string): Promise<string> => {
  const secret = await existingSigningSecret(dataDir, process.env.POSSIER_JWT_SECRET);
  if (secret !== undefined) return secret;
  throw cliError(
    'CONFIG.MISSING',
    'POSSIER_JWT_SECRET',
    `set POSSIER_JWT_SECRET, or run possier start once so ${join(dataDir, 'jwt-secret')} exists`,
  );
};

type MintOptions = {
  kind: string;
  org?: string;
  user?: string;
  brand?: string;
  store?: string;
  register?: string;
  operator?: string;
  expires?: string;
  dataDir: string;
  json?: boolean;
};

export const tokenCommand = (): Command => {
  const command = new Command('token').description('Bearer tokens for users, registers and operators');
  command.addCommand(tokenIssueCommand());
  command
    .command('mint')
    .description('Mint a bearer token signed with the ledger’s key')
    .addOption(
      new Option('--kind <kind>', 'who the token is for')
        .choices(['user', 'register', 'operator'])
        .makeOptionMandatory(),
    )
    .option('--org <id>', 'user, register: the org')
    .option('--user <id>', 'user: the user')
    .option('--brand <id>', 'register: its brand')
    .option('--store <id>', 'register: its store')
    .option('--register <id>', 'register: the register')
    .option('--operator <name>', 'operator: who')
    .option('--expires <duration>', 'lifetime, e.g. 12h or 30d (default: the longest the kind may live)')
    .addOption(
      new Option('--data-dir <dir>', 'possier start’s data folder').env('POSSIER_DATA_DIR').default('.possier'),
    )
    .option('--json', 'print the claims and the token as JSON')
    .action(async (options: MintOptions) => {
      const claims = TokenClaims.safeParse({
        kind: options.kind,
        orgId: options.org,
        userId: options.user,
        brandId: options.brand,
        storeId: options.store,
        registerId: options.register,
        operatorId: options.operator,
      });
      if (!claims.success) {
        throw cliError(
          'TOKEN.INVALID_CLAIMS',
          claims.error.issues[0]?.path.join('.') ?? '',
          claims.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
        );
      }
      const tokens = createTokenService(
        await signingKey(options.dataDir),
        process.env.POSSIER_JWT_ISSUER ?? 'possier-ledger',
      );
      const token = await tokens.sign(claims.data, options.expires === undefined ? {} : { expiresIn: options.expires });
      process.stdout.write(
        options.json ? `${JSON.stringify({ claims: claims.data, token }, null, 2)}\n` : `${token}\n`,
      );
    });
  command
    .command('demo')
    .description('Print the demo tenant’s token for a role, as possier start last minted it')
    .argument('<role>', 'owner, manager, cashier, accountant, analyst, operator, register…')
    .addOption(
      new Option('--data-dir <dir>', 'possier start’s data folder').env('POSSIER_DATA_DIR').default('.possier'),
    )
    .action(async (role: string, options: { dataDir: string }) => {
      const file = join(options.dataDir, 'demo-tokens.json');
      let tokens: Array<{ role: string; token: string }>;
      try {
        tokens = JSON.parse(await readFile(file, 'utf8')) as Array<{ role: string; token: string }>;
      } catch {
        throw cliError(
          'DEMO.NOT_SEEDED',
          '--data-dir',
          `no ${file}: run possier start (npm start) with the demo first`,
        );
      }
      const found = tokens.find((entry) => entry.role === role);
      if (!found)
        throw cliError(
          'DEMO.NO_SUCH_ROLE',
          'role',
          `the demo has no ${role}; it has ${tokens.map((entry) => entry.role).join(', ')}`,
        );
      process.stdout.write(`${found.token}\n`);
    });
  return command;
};
