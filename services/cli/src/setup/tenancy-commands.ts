import { ledgerUrlOption } from '@possier/register/ledger-url';
import { Command, Option } from 'commander';
import type { Connection } from '../api-client.js';
import { newId } from '../command-body.js';
import type { View } from '../format/view.js';
import { renderList, withListOptions, type ListOptions } from './listing.js';
import { assertNewName, chooseBrand, findNamed, readOrg, sendCommand } from './org-client.js';

/** `--url` and `--token`, as on every command that talks to the ledger. */
export const withConnection = (command: Command, token = 'bearer token'): Command =>
  command.addOption(ledgerUrlOption()).addOption(new Option('--token <token>', token).env('POSSIER_TOKEN'));

type Created = { kind: string; name: string; id: string; extra?: Record<string, string> };

/** A created thing's name and id, once: a line for a person, or JSON for a script. */
const printCreated = (created: Created, json: boolean | undefined, then?: string): void => {
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ [`${created.kind}Id`]: created.id, name: created.name, ...created.extra })}\n`,
    );
    return;
  }
  process.stdout.write(`${created.kind} "${created.name}" created, id ${created.id}\n${then ? `${then}\n` : ''}`);
};

const byName = <Row extends { name: string }>(rows: ReadonlyArray<Row>): Row[] =>
  [...rows].sort((a, b) => a.name.localeCompare(b.name));

/** `possier org create`: a new org and its owner, with an operator's token. */
export const orgCommand = (): Command => {
  const org = new Command('org').description('Create an organisation (operator token)');
  withConnection(
    org
      .command('create')
      .description('Create an org with its first owner; then mint the owner a token')
      .requiredOption('--name <name>', "the org's name, e.g. the restaurant group")
      .requiredOption('--owner-name <name>', "the owner's name")
      .requiredOption('--owner-email <email>', "the owner's email")
      .option('--json', 'print the ids as JSON'),
    'an operator token',
  ).action(async (options: Connection & { name: string; ownerName: string; ownerEmail: string; json?: boolean }) => {
    const orgId = newId();
    const ownerUserId = newId();
    await sendCommand(options, 'createOrganization', {
      orgId,
      name: options.name,
      ownerUserId,
      ownerName: options.ownerName,
      ownerEmail: options.ownerEmail,
    });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ orgId, name: options.name.trim(), ownerUserId })}\n`);
      return;
    }
    process.stdout.write(
      [
        `org "${options.name.trim()}" created, id ${orgId}`,
        `owner "${options.ownerName.trim()}" <${options.ownerEmail}>, user id ${ownerUserId}`,
        `the owner's token: possier token mint --kind user --org ${orgId} --user ${ownerUserId}`,
        '',
      ].join('\n'),
    );
  });
  return org;
};

/** `possier brand create|list`. */
export const brandCommand = (): Command => {
  const brand = new Command('brand').description("The org's brands (owners)");
  withConnection(
    brand
      .command('create')
      .description('Create a brand')
      .requiredOption('--name <name>', "the brand's name, unique in the org")
      .option('--json', 'print the id as JSON'),
  ).action(async (options: Connection & { name: string; json?: boolean }) => {
    const org = await readOrg(options);
    assertNewName(
      'brand',
      `org "${org.name}"`,
      org.brands.map((b) => b.name),
      options.name,
    );
    const brandId = newId();
    await sendCommand(options, 'createBrand', { orgId: org.orgId, brandId, name: options.name });
    printCreated({ kind: 'brand', name: options.name.trim(), id: brandId }, options.json);
  });
  withConnection(
    withListOptions(brand.command('list').description('List the brands, with how many stores each has')),
  ).action(async (options: Connection & ListOptions) => {
    const org = await readOrg(options);
    const view: View = {
      title: `Brands of ${org.name}`,
      columns: [
        { key: 'name', header: 'Brand', kind: 'text' },
        { key: 'stores', header: 'Stores', kind: 'count' },
      ],
      fields: ['brandId', 'name', 'stores'],
      rows: byName(org.brands).map((b) => ({
        ...b,
        stores: org.stores.filter((store) => store.brandId === b.brandId).length,
      })),
    };
    process.stdout.write(renderList(view, options));
  });
  return brand;
};

type StoreCreateOptions = Connection & {
  brand?: string;
  name: string;
  state: string;
  timeZone: string;
  gstin?: string;
  json?: boolean;
};

/** `possier store create|list`. */
export const storeCommand = (): Command => {
  const store = new Command('store').description("The org's stores (owners)");
  withConnection(
    store
      .command('create')
      .description('Create a store of a brand, with its GST state and time zone')
      .option('--brand <brand>', "the brand's name or id (may be left out when the org has one brand)")
      .requiredOption('--name <name>', "the store's name, unique in the org")
      .requiredOption('--state <code>', 'its GST state code, two digits: 27 Maharashtra, 29 Karnataka, 07 Delhi')
      .option('--time-zone <zone>', 'the IANA zone its business days are in', 'Asia/Kolkata')
      .option('--gstin <gstin>', "the store's GSTIN in that state")
      .option('--json', 'print the id as JSON'),
  ).action(async (options: StoreCreateOptions) => {
    const org = await readOrg(options);
    const brand = chooseBrand(org.brands, options.brand);
    assertNewName(
      'store',
      `org "${org.name}"`,
      org.stores.map((s) => s.name),
      options.name,
    );
    const storeId = newId();
    await sendCommand(options, 'createStore', {
      orgId: org.orgId,
      storeId,
      brandId: brand.brandId,
      name: options.name,
      timeZone: options.timeZone,
      stateCode: options.state,
      ...(options.gstin === undefined ? {} : { gstin: options.gstin }),
    });
    printCreated({ kind: 'store', name: options.name.trim(), id: storeId }, options.json);
  });
  withConnection(
    withListOptions(
      store.command('list').description('List the stores').option('--brand <brand>', "only this brand's (name or id)"),
    ),
  ).action(async (options: Connection & ListOptions & { brand?: string }) => {
    const org = await readOrg(options);
    const brand =
      options.brand === undefined
        ? undefined
        : findNamed('brand', org.brands, (b) => b.brandId, options.brand, '--brand');
    const brandName = new Map(org.brands.map((b) => [b.brandId, b.name]));
    const view: View = {
      title: `Stores of ${brand ? brand.name : org.name}`,
      columns: [
        { key: 'name', header: 'Store', kind: 'text' },
        { key: 'brand', header: 'Brand', kind: 'text' },
        { key: 'stateCode', header: 'GST state', kind: 'text' },
        { key: 'gstin', header: 'GSTIN', kind: 'text' },
        { key: 'timeZone', header: 'Time zone', kind: 'text' },
        { key: 'registers', header: 'Registers', kind: 'count' },
      ],
      fields: ['storeId', 'name', 'brandId', 'brand', 'stateCode', 'gstin', 'timeZone', 'registers'],
      rows: byName(org.stores)
        .filter((s) => brand === undefined || s.brandId === brand.brandId)
        .map((s) => ({
          ...s,
          brand: brandName.get(s.brandId) ?? '',
          registers: org.registers.filter((register) => register.storeId === s.storeId).length,
        })),
    };
    process.stdout.write(renderList(view, options));
  });
  return store;
};

/** `possier register create|list`, beside the commands that run this machine as a register. */
export const addRegisterSetupCommands = (register: Command): Command => {
  withConnection(
    register
      .command('create')
      .description('Create a register in a store (owners); prints how to mint its token')
      .requiredOption('--store <store>', "the store's name or id")
      .requiredOption('--name <name>', "the register's name, unique in its store")
      .option('--json', 'print the ids as JSON'),
  ).action(async (options: Connection & { store: string; name: string; json?: boolean }) => {
    const org = await readOrg(options);
    const store = findNamed('store', org.stores, (s) => s.storeId, options.store, '--store');
    const names = org.registers.filter((r) => r.storeId === store.storeId).map((r) => r.name);
    assertNewName('register', `store "${store.name}"`, names, options.name);
    const registerId = newId();
    await sendCommand(options, 'createRegister', {
      orgId: org.orgId,
      registerId,
      storeId: store.storeId,
      name: options.name,
    });
    printCreated(
      {
        kind: 'register',
        name: options.name.trim(),
        id: registerId,
        extra: { orgId: org.orgId, brandId: store.brandId, storeId: store.storeId },
      },
      options.json,
      `its token: possier token mint --kind register --org ${org.orgId} --brand ${store.brandId} --store ${store.storeId} --register ${registerId}`,
    );
  });
  withConnection(
    withListOptions(
      register
        .command('list')
        .description('List the registers (owners)')
        .option('--store <store>', "only this store's (name or id)"),
    ),
  ).action(async (options: Connection & ListOptions & { store?: string }) => {
    const org = await readOrg(options);
    const store =
      options.store === undefined
        ? undefined
        : findNamed('store', org.stores, (s) => s.storeId, options.store, '--store');
    const storeName = new Map(org.stores.map((s) => [s.storeId, s.name]));
    const view: View = {
      title: `Registers of ${store ? store.name : org.name}`,
      columns: [
        { key: 'name', header: 'Register', kind: 'text' },
        { key: 'store', header: 'Store', kind: 'text' },
        { key: 'status', header: 'Status', kind: 'text' },
      ],
      fields: ['registerId', 'name', 'storeId', 'store', 'status'],
      rows: [...org.registers]
        .filter((r) => store === undefined || r.storeId === store.storeId)
        .map((r) => ({ ...r, store: storeName.get(r.storeId) ?? '' }))
        .sort((a, b) => a.store.localeCompare(b.store) || a.name.localeCompare(b.name)),
    };
    process.stdout.write(renderList(view, options));
  });
  return register;
};
