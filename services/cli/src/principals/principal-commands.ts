import { CommandResult, commandRoutes } from '@possier/events';
import { Command, Option } from 'commander';
import { callApi, readJson, type Connection } from '../api-client.js';
import { commandBody } from '../command-body.js';
import { ledgerUrlOption } from '@possier/register/ledger-url';

type Kind = 'user' | 'register';
type Change = 'deactivate' | 'reactivate';
type ChangeOptions = Connection & { org: string; reason: string };

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
const changeStatus = async (kind: Kind, change: Change, id: string, options: ChangeOptions): Promise<string> => {
  const idField = kind === 'user' ? 'userId' : 'registerId';
  const data = { orgId: options.org, [idField]: id, reason: options.reason };
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
    parent
      .command(change)
      .description(
        change === 'deactivate'
          ? `Deactivate a ${kind}: ${EFFECT[kind].deactivate} (${who})`
          : `Reactivate a deactivated ${kind} (${who})`,
      )
      .argument(`<${kind}Id>`, `the ${kind}`)
      .requiredOption('--org <id>', 'your org')
      .requiredOption('--reason <text>', `why, kept in the ${kind}'s history`)
      .addOption(ledgerUrlOption())
      .addOption(new Option('--token <token>', 'bearer token').env('POSSIER_TOKEN'))
      .action(async (id: string, options: ChangeOptions) => {
        process.stdout.write(await changeStatus(kind, change, id, options));
      });
  }
};

/** `possier user deactivate|reactivate <userId>`: an owner withdraws (or restores) a person's access. */
export const userCommand = (): Command => {
  const user = new Command('user').description('Administer the people of your org');
  addChangeCommands(user, 'user', 'owners only');
  return user;
};

/**
 * `possier register deactivate|reactivate <registerId>`, beside the commands that run this machine
 * as a register: stopping a lost or stolen till is done from anywhere else, with a manager's token.
 */
export const addRegisterStatusCommands = (register: Command): Command => {
  addChangeCommands(register, 'register', "owners, and managers of the register's store or brand");
  return register;
};
