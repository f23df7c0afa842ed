import { Role, sameName, type OrgView } from '@possier/events';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Connection } from '../api-client.js';
import { cliError } from '../cli-error.js';
import { newId } from '../command-body.js';
import type { View } from '../format/view.js';
import { renderList, withListOptions, type ListOptions } from './listing.js';
import { findNamed, readOrg, sendCommand } from './org-client.js';
import { withConnection } from './tenancy-commands.js';

type ScopeOptions = { role?: string; brand?: string; store?: string };

/** The node a role is granted over: a store or a brand by name or id, else the whole org. */
const scopeOf = (org: OrgView, options: ScopeOptions) => {
  if (options.brand !== undefined && options.store !== undefined)
    throw cliError('SETUP.SCOPE_TWICE', '--store', 'name a brand or a store, not both');
  if (options.store !== undefined)
    return {
      level: 'store',
      storeId: findNamed('store', org.stores, (s) => s.storeId, options.store, '--store').storeId,
    };
  if (options.brand !== undefined)
    return {
      level: 'brand',
      brandId: findNamed('brand', org.brands, (b) => b.brandId, options.brand, '--brand').brandId,
    };
  return { level: 'org' };
};

const roleOption = () => new Option('--role <role>', 'a role to grant').choices(Role.options);
const scopeOptions = (command: Command) =>
  command
    .option('--brand <brand>', 'grant it over this brand (name or id)')
    .option('--store <store>', 'grant it over this store (name or id); neither: over the whole org');

/** Where a role is held, as a person reads it. */
const describeRole = (org: OrgView, role: OrgView['users'][number]['roles'][number]): string => {
  const where =
    role.level === 'org'
      ? 'org'
      : role.level === 'brand'
        ? (org.brands.find((b) => b.brandId === role.scopeId)?.name ?? role.scopeId)
        : (org.stores.find((s) => s.storeId === role.scopeId)?.name ?? role.scopeId);
  return `${role.role} at ${where}`;
};

/** `possier user add|grant|list`, beside deactivate and reactivate. */
export const addUserSetupCommands = (user: Command): Command => {
  withConnection(
    scopeOptions(
      user
        .command('add')
        .description('Add a person to the org (owners), with a role when given')
        .requiredOption('--name <name>', 'their name')
        .requiredOption('--email <email>', 'their email, unique in the org')
        .addOption(roleOption())
        .option('--json', 'print the id as JSON'),
    ),
  ).action(async (options: Connection & ScopeOptions & { name: string; email: string; json?: boolean }) => {
    const org = await readOrg(options);
    // Checked before anything is sent, so a mistyped store adds nobody.
    const scope = options.role === undefined ? undefined : scopeOf(org, options);
    if (options.role === undefined && (options.brand !== undefined || options.store !== undefined))
      throw cliError('SETUP.ROLE_MISSING', '--role', 'a brand or store is where a role is held: give --role too');
    const userId = newId();
    await sendCommand(options, 'addUser', { orgId: org.orgId, userId, name: options.name, email: options.email });
    if (scope) await sendCommand(options, 'grantRole', { orgId: org.orgId, userId, role: options.role, scope });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ userId, name: options.name.trim(), email: options.email })}\n`);
      return;
    }
    const granted = scope ? `, ${options.role} at ${options.store ?? options.brand ?? 'org'}` : '';
    process.stdout.write(
      `user "${options.name.trim()}" <${options.email}> added${granted}, id ${userId}\n` +
        `their token: possier token mint --kind user --org ${org.orgId} --user ${userId}\n`,
    );
  });
  withConnection(
    scopeOptions(
      user
        .command('grant')
        .description('Grant a person a role over the org, a brand or a store (owners)')
        .argument('<user>', 'their email, name or id')
        .addOption(roleOption().makeOptionMandatory()),
    ),
  ).action(async (who: string, options: Connection & ScopeOptions & { role: string }) => {
    const org = await readOrg(options);
    const person =
      org.users.find((u) => sameName(u.email, who)) ?? findNamed('user', org.users, (u) => u.userId, who, 'user');
    const scope = scopeOf(org, options);
    await sendCommand(options, 'grantRole', { orgId: org.orgId, userId: person.userId, role: options.role, scope });
    process.stdout.write(`${person.name} is ${options.role} at ${options.store ?? options.brand ?? 'org'}\n`);
  });
  withConnection(
    withListOptions(user.command('list').description('List the people of the org and their roles (owners)')),
  ).action(async (options: Connection & ListOptions) => {
    const org = await readOrg(options);
    const view: View = {
      title: `People of ${org.name}`,
      columns: [
        { key: 'name', header: 'Name', kind: 'text' },
        { key: 'email', header: 'Email', kind: 'text' },
        { key: 'status', header: 'Status', kind: 'text' },
        { key: 'roles', header: 'Roles', kind: 'text' },
      ],
      fields: ['userId', 'name', 'email', 'status', 'roles'],
      rows: [...org.users]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((u) => ({ ...u, roles: u.roles.map((role) => describeRole(org, role)).join('; ') })),
    };
    process.stdout.write(renderList(view, options, org.users));
  });
  return user;
};
