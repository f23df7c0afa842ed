import { CommandResult, commandRoutes, IssuedToken, sameName, type OrgView } from '@possier/events';
import { Command, Option } from 'commander';
import { callApi, readJson, type Connection } from '../api-client.js';
import { CliError, cliError } from '../cli-error.js';
import { commandBody } from '../command-body.js';
import { ledgerUrlOption } from '@possier/register/ledger-url';
import { findNamed, readOrg } from '../setup/org-client.js';

type Kind = 'user' | 'register';
type Change = 'deactivate' | 'reactivate';
type ChangeOptions = Connection & { org?: string; reason: string; store?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The org and id of the user (by email, name or id) or register (by name, in `--store` when the
 * name is not unique, or id) a person typed. An id with `--org` is taken as it is, with no lookup,
 * so a store manager (who cannot read the org's tree) can still stop a till by its id.
 */
const resolve = async (
  kind: Kind,
  text: string,
  options: Connection & { org?: string; store?: string },
): Promise<{ orgId: string; id: string }> => {
  if (options.org !== undefined && UUID.test(text.trim())) return { orgId: options.org, id: text.trim() };
  let org: OrgView;
  try {
    org = await readOrg(options);
  } catch (error) {
    if (!(error instanceof CliError && error.details[0]?.code === 'AUTH.FORBIDDEN')) throw error;
    throw cliError('SETUP.NEEDS_ORG', '--org', `only an owner can look ${kind}s up by name: give the id and --org`);
  }
  if (kind === 'user') {
    const user =
      org.users.find((candidate) => sameName(candidate.email, text)) ??
      findNamed('user', org.users, (candidate) => candidate.userId, text, 'user');
    return { orgId: org.orgId, id: user.userId };
  }
  const store =
    options.store === undefined
      ? undefined
      : findNamed('store', org.stores, (candidate) => candidate.storeId, options.store, '--store');
  const registers = org.registers.filter((candidate) => store === undefined || candidate.storeId === store.storeId);
  return { orgId: org.orgId, id: findNamed('register', registers, (r) => r.registerId, text, 'register').registerId };
};

const ROUTES = {
  user: { deactivate: commandRoutes.deactivateUser, reactivate: commandRoutes.reactivateUser },
  register: { deactivate: commandRoutes.deactivateRegister, reactivate: commandRoutes.reactivateRegister },
} as const;

const EFFECT: Record<Kind, Record<Change, string>> = {
  user: {
    deactivate: 'every token of theirs is refused from their next request on; their roles are kept',
    reactivate: 'their tokens are accepted again, with the roles they hold',
  },
  register: {
    deactivate: 'its tokens, catalog pulls and outbox replays are refused from its next request on',
    reactivate: 'its tokens are accepted again; its outbox can sync',
  },
};

/** Deactivates or reactivates one user or register through the ledger's command route, and says what it means. */
const changeStatus = async (kind: Kind, change: Change, text: string, options: ChangeOptions): Promise<string> => {
  const { orgId, id } = await resolve(kind, text, options);
  const idField = kind === 'user' ? 'userId' : 'registerId';
  const data = { orgId, [idField]: id, reason: options.reason };
  const path = ROUTES[kind][change].path.replace(`{${idField}}`, encodeURIComponent(id));
  const result = await readJson(
    await callApi(options, path, { method: 'POST', body: commandBody(data) }),
    CommandResult,
  );
  const event = result.events[0];
  return `${kind} ${id} ${change}d${event ? ` (event ${event.eventId})` : ''}: ${EFFECT[kind][change]}\n`;
};

const addChangeCommands = (parent: Command, kind: Kind, who: string): void => {
  for (const change of ['deactivate', 'reactivate'] as const) {
    const command = parent
      .command(change)
      .description(
        change === 'deactivate'
          ? `Deactivate a ${kind}: ${EFFECT[kind].deactivate} (${who})`
          : `Reactivate a deactivated ${kind} (${who})`,
      )
      .argument(`<${kind}>`, kind === 'user' ? 'their email, name or id' : 'its name or id')
      .option('--org <id>', 'your org; with an id, the ledger is not asked whose it is (for managers)')
      .requiredOption('--reason <text>', `why, kept in the ${kind}'s history`);
    if (kind === 'register') command.option('--store <store>', 'the store it is in, when its name is not unique');
    command
      .addOption(ledgerUrlOption())
      .addOption(new Option('--token <token>', 'bearer token').env('POSSIER_TOKEN'))
      .action(async (text: string, options: ChangeOptions) => {
        process.stdout.write(await changeStatus(kind, change, text, options));
      });
  }
};

/** `possier user deactivate|reactivate <user>`: an owner withdraws (or restores) a person's access. */
export const userCommand = (): Command => {
  const user = new Command('user').description('Administer the people of your org');
  addChangeCommands(user, 'user', 'owners only');
  return user;
};

/**
 * `possier register deactivate|reactivate <register>`, beside the commands that run this machine
 * as a register: stopping a lost or stolen till is done from anywhere else, with a manager's token.
 */
export const addRegisterStatusCommands = (register: Command): Command => {
  addChangeCommands(register, 'register', "owners, and managers of the register's store or brand");
  return register;
};

type IssueOptions = Connection & { register?: string; user?: string; store?: string; org?: string; json?: boolean };

/**
 * `possier token issue --register <till> | --user <person>`: the ledger signs the token
 * (`POST /v1/tokens`), so an owner needs no signing secret, and the issuance is in the audit
 * trail. The token goes to stdout alone, to pipe into a till's set-up; it is not kept anywhere.
 */
export const tokenIssueCommand = (): Command =>
  new Command('issue')
    .description(
      'Have the ledger issue a token for a register (to pair a till) or a user, for its kind’s default lifetime (owners; no signing secret needed)',
    )
    .option('--register <register>', 'the register: its name or id')
    .option('--store <store>', 'the register’s store, when its name is not unique')
    .option('--user <user>', 'the user: their email, name or id')
    .option('--org <id>', 'your org; with an id, the ledger is not asked whose it is')
    .option('--json', 'print what the ledger answered (token, validity) as JSON')
    .addOption(ledgerUrlOption())
    .addOption(new Option('--token <token>', 'your bearer token').env('POSSIER_TOKEN'))
    .action(async (options: IssueOptions) => {
      if ((options.register === undefined) === (options.user === undefined))
        throw cliError('VALIDATION.INVALID', '--register', 'name either a --register or a --user');
      const kind: Kind = options.register === undefined ? 'user' : 'register';
      const { orgId, id } = await resolve(kind, (options.register ?? options.user) as string, options);
      const subject = kind === 'user' ? { kind, userId: id } : { kind, registerId: id };
      const issued = await readJson(
        await callApi(options, commandRoutes.issueToken.path, {
          method: 'POST',
          body: commandBody({ orgId, subject }),
        }),
        IssuedToken,
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify(issued, null, 2)}\n`);
        return;
      }
      process.stderr.write(
        `token for ${kind} ${id}, valid until ${issued.expiresAt}; it is shown only now (deactivate the ${kind} to withdraw it)\n`,
      );
      process.stdout.write(`${issued.token}\n`);
    });
