import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  CatalogListing,
  menuCommands,
  parseGstPercent,
  planMenu,
  readMenuCsv,
  type MenuChange,
  type MenuCommand,
  type MenuPlan,
} from '@possier/events';
import { Command } from 'commander';
import { callApi, readJson, type Connection } from '../api-client.js';
import { CliError, cliError } from '../cli-error.js';
import { newId, offsetNow } from '../command-body.js';
import { renderTable } from '../format/table.js';
import type { View } from '../format/view.js';
import { renderList, withListOptions, type ListOptions } from './listing.js';
import { assertNewName, chooseBrand, readBrands, sendCommand } from './org-client.js';
import { withConnection } from './tenancy-commands.js';

/** The org's tax categories and the items of one brand (or of every brand the caller manages). */
const readCatalog = async (connection: Connection, brandId?: string): Promise<CatalogListing> =>
  readJson(
    await callApi(connection, '/v1/catalog', brandId === undefined ? {} : { query: { brandId } }),
    CatalogListing,
  );

/** `--brand` by name or id; may be left out when the caller can name only one brand. */
const resolveBrand = async (connection: Connection, text: string | undefined) => {
  const { orgId, brands } = await readBrands(connection);
  return { orgId, brand: chooseBrand(brands, text) };
};

/** A GST rate as a person writes it (5, 18, 12.5, 5%) to basis points. */
const parsePercent = (text: string): number => {
  const rate = parseGstPercent(text);
  if (rate === null)
    throw cliError('VALIDATION.INVALID', '--rate', `"${text}" is not a GST rate in percent, like 5 or 18`);
  return rate;
};

/** `possier tax-category create|list`. */
export const taxCategoryCommand = (): Command => {
  const tax = new Command('tax-category').description('GST tax categories: a slab and a default HSN/SAC code');
  withConnection(
    tax
      .command('create')
      .description('Create a tax category (owners)')
      .requiredOption('--name <name>', 'its name, unique in the org, as the menu file names it ("Food 5%")')
      .requiredOption('--rate <percent>', 'the GST rate in percent: 5, 18, 12.5')
      .requiredOption('--hsn-sac <code>', 'the default HSN or SAC code of its items (996331: restaurant service)')
      .option('--json', 'print the id as JSON'),
  ).action(async (options: Connection & { name: string; rate: string; hsnSac: string; json?: boolean }) => {
    const rateBasisPoints = parsePercent(options.rate);
    const { orgId } = await readBrands(options);
    const catalog = await readCatalog(options);
    assertNewName(
      'tax category',
      'the org',
      catalog.taxCategories.map((category) => category.name),
      options.name,
    );
    const taxCategoryId = newId();
    await sendCommand(options, 'defineTaxCategory', {
      taxCategoryId,
      orgId,
      name: options.name,
      rateBasisPoints,
      hsnSac: options.hsnSac,
      at: offsetNow(),
    });
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ taxCategoryId, name: options.name.trim(), rateBasisPoints, hsnSac: options.hsnSac })}\n`
        : `tax category "${options.name.trim()}" created, id ${taxCategoryId}\n`,
    );
  });
  withConnection(withListOptions(tax.command('list').description('List the tax categories'))).action(
    async (options: Connection & ListOptions) => {
      const catalog = await readCatalog(options);
      const view: View = {
        title: 'Tax categories',
        columns: [
          { key: 'name', header: 'Tax category', kind: 'text' },
          { key: 'rateBasisPoints', header: 'GST', kind: 'rate' },
          { key: 'hsnSac', header: 'HSN/SAC', kind: 'text' },
        ],
        fields: ['taxCategoryId', 'name', 'rateBasisPoints', 'hsnSac'],
        rows: [...catalog.taxCategories].sort((a, b) => a.name.localeCompare(b.name)),
      };
      process.stdout.write(renderList(view, options));
    },
  );
  return tax;
};

const sha256 = (bytes: Uint8Array): Uint8Array => createHash('sha256').update(bytes).digest();

type ImportOptions = Connection & { brand?: string; dryRun?: boolean; pricesIncludeTax?: boolean; json?: boolean };

const ACTION_WORDS = { add: 'add', price: 'new price', tax: 'new tax category' } as const;

const changeView = (plan: MenuPlan, catalog: CatalogListing, title: string): View => {
  const categoryName = new Map(catalog.taxCategories.map((category) => [category.taxCategoryId, category.name]));
  const was = (change: MenuChange): string =>
    change.action === 'tax'
      ? `${categoryName.get(change.item.taxCategoryId) ?? ''}${change.item.hsnSac ? ` ${change.item.hsnSac}` : ''}`
      : '';
  return {
    title,
    columns: [
      { key: 'line', header: 'Line', kind: 'count' },
      { key: 'name', header: 'Item', kind: 'text' },
      { key: 'change', header: 'Change', kind: 'text' },
      { key: 'pricePaise', header: 'Price', kind: 'paise' },
      { key: 'wasPricePaise', header: 'Was', kind: 'paise' },
      { key: 'taxCategory', header: 'Tax category', kind: 'text' },
      { key: 'hsnSac', header: 'HSN/SAC', kind: 'text' },
      { key: 'wasTax', header: 'Was', kind: 'text' },
    ],
    fields: [],
    rows: plan.changes.map((change) => ({
      line: change.row.line,
      name: change.row.name,
      change: ACTION_WORDS[change.action],
      pricePaise: change.action === 'tax' ? null : change.row.pricePaise,
      wasPricePaise: change.action === 'price' ? change.item.unitPricePaise : null,
      taxCategory: change.action === 'price' ? '' : change.row.taxCategory.name,
      hsnSac: change.action === 'price' ? '' : (change.row.hsnSac ?? change.row.taxCategory.hsnSac),
      wasTax: was(change),
    })),
  };
};

type Counts = { add: number; price: number; tax: number; unchanged: number };

/**
 * Sends one change of the plan as the commands it takes (`menuCommands`, as the dashboard does),
 * and counts what changed. A new item already there — defined a moment ago and not yet listed —
 * gets its price and tax category sent instead, which the ledger takes as no-ops when they hold.
 */
const send = async (
  connection: Connection,
  ids: { orgId: string; brandId: string },
  change: MenuChange,
  priceIncludesTax: boolean,
  counts: Counts,
): Promise<void> => {
  const { commands, ifDefined } = menuCommands(change, { ...ids, sha256 }, priceIncludesTax, offsetNow());
  const changed = async ({ name, data }: MenuCommand) => (await sendCommand(connection, name, data)).events.length > 0;
  const [command] = commands as [MenuCommand];
  if (change.action !== 'add') {
    counts[change.action] += (await changed(command)) ? 1 : 0;
    return;
  }
  try {
    await changed(command);
    counts.add += 1;
  } catch (error) {
    if (!(error instanceof CliError && error.details[0]?.code === 'CATALOG.ITEM_ALREADY_DEFINED')) throw error;
    const [priced, taxed] = [await changed(ifDefined[0] as MenuCommand), await changed(ifDefined[1] as MenuCommand)];
    counts.price += priced ? 1 : 0;
    counts.tax += taxed ? 1 : 0;
    counts.unchanged += priced || taxed ? 0 : 1;
  }
};

/** `sent 40/120` on stderr as a long import goes: in place on a terminal, every 50 otherwise. */
const progress = (done: number, total: number): void => {
  if (total < 20) return;
  if (process.stderr.isTTY) process.stderr.write(`\rsent ${done}/${total}${done === total ? '\n' : ''}`);
  else if (done % 50 === 0 || done === total) process.stderr.write(`sent ${done}/${total}\n`);
};

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const summary = (counts: Counts, untouched: number, dryRun: boolean): string =>
  `${dryRun ? 'would add' : 'added'} ${plural(counts.add, 'item', 'items')}, ` +
  `${dryRun ? 'would change' : 'changed'} ${plural(counts.price, 'price', 'prices')} ` +
  `and ${plural(counts.tax, 'tax category', 'tax categories')}; ${counts.unchanged} already as the file says; ` +
  `${plural(untouched, 'item', 'items')} of the menu not in the file left as they are` +
  `${dryRun ? ' (dry run: nothing was sent)' : ''}`;

const importMenu = async (file: string, options: ImportOptions): Promise<void> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw cliError('MENU.UNREADABLE', file, (error as Error).message);
  }
  const { orgId, brand } = await resolveBrand(options, options.brand);
  const catalog = await readCatalog(options, brand.brandId);
  const { rows, errors } = readMenuCsv(text, catalog.taxCategories);
  if (errors.length > 0) {
    const lines = new Set(errors.map((error) => error.line));
    throw new CliError([
      ...errors.map(({ line, field, reason }) => ({
        code: 'MENU.INVALID_ROW',
        path: `line ${line}${field ? `, ${field}` : ''}`,
        reason,
      })),
      {
        code: 'MENU.NOT_IMPORTED',
        path: file,
        reason: `nothing was imported: ${errors.length} error${errors.length === 1 ? '' : 's'} on ${lines.size} line${lines.size === 1 ? '' : 's'}; fix them and import again`,
      },
    ]);
  }
  const priceIncludesTax = options.pricesIncludeTax ?? false;
  const plan = planMenu(
    rows,
    catalog.items.filter((item) => item.brandId === brand.brandId),
    catalog.taxCategories,
    priceIncludesTax,
  );
  if (rows.some((row) => row.category !== ''))
    process.stderr.write(
      'note: the category column is checked but not stored: the ledger’s items have no menu section yet\n',
    );
  const dryRun = options.dryRun ?? false;
  const planned = (action: MenuChange['action']) => plan.changes.filter((change) => change.action === action).length;
  const counts: Counts = dryRun
    ? { add: planned('add'), price: planned('price'), tax: planned('tax'), unchanged: plan.unchanged }
    : { add: 0, price: 0, tax: 0, unchanged: plan.unchanged };
  let sent = 0;
  if (!dryRun) {
    for (const change of plan.changes) {
      try {
        await send(options, { orgId, brandId: brand.brandId }, change, priceIncludesTax, counts);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        throw new CliError([
          ...error.details.map((detail) => ({ ...detail, path: `line ${change.row.line}: ${detail.path}` })),
          {
            code: 'MENU.STOPPED',
            path: file,
            reason: `stopped at line ${change.row.line} after ${sent} of ${plan.changes.length} changes; import the file again to send the rest`,
          },
        ]);
      }
      sent += 1;
      progress(sent, plan.changes.length);
    }
  }
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          brandId: brand.brandId,
          dryRun,
          changes: plan.changes.map((change) => ({
            line: change.row.line,
            action: change.action,
            name: change.row.name,
            itemId: change.action === 'add' ? null : change.item.itemId,
            unitPricePaise: change.row.pricePaise,
            taxCategoryId: change.row.taxCategory.taxCategoryId,
            hsnSac: change.row.hsnSac ?? null,
          })),
          counts,
          untouched: plan.untouched,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const title = `Menu of ${brand.name}: ${dryRun ? 'what an import would change' : 'what changed'}`;
  process.stdout.write(
    `${plan.changes.length > 0 ? `${renderTable(changeView(plan, catalog, title))}\n\n` : ''}${summary(counts, plan.untouched, dryRun)}\n`,
  );
};

/** `possier menu import|list`. */
export const menuCommand = (): Command => {
  const menu = new Command('menu').description('A brand’s menu: import it from CSV, list it');
  withConnection(
    menu
      .command('import')
      .description(
        'Import a menu from CSV (columns: name, category, price, tax category, HSN/SAC). The whole file is checked first: one bad row and nothing is sent. Items are matched by name, so importing again changes only what differs.',
      )
      .argument('<csv>', 'the menu file')
      .option('--brand <brand>', 'the brand (name or id); may be left out when there is one')
      .option('--prices-include-tax', 'the prices include GST (default: GST is added on top)')
      .option('--dry-run', 'check the file and print what would change, sending nothing')
      .option('--json', 'print the changes as JSON'),
  ).action(importMenu);
  withConnection(
    withListOptions(
      menu
        .command('list')
        .description('List the menu: items, brand prices, tax categories')
        .option('--brand <brand>', 'the brand (name or id); may be left out when there is one'),
    ),
  ).action(async (options: Connection & ListOptions & { brand?: string }) => {
    const { brand } = await resolveBrand(options, options.brand);
    const catalog = await readCatalog(options, brand.brandId);
    const category = new Map(catalog.taxCategories.map((tax) => [tax.taxCategoryId, tax]));
    const view: View = {
      title: `Menu of ${brand.name}`,
      columns: [
        { key: 'name', header: 'Item', kind: 'text' },
        { key: 'unitPricePaise', header: 'Price', kind: 'paise' },
        { key: 'taxCategory', header: 'Tax category', kind: 'text' },
        { key: 'rateBasisPoints', header: 'GST', kind: 'rate' },
        { key: 'code', header: 'HSN/SAC', kind: 'text' },
        { key: 'active', header: 'On sale', kind: 'flag' },
      ],
      fields: [
        'itemId',
        'name',
        'kind',
        'unitPricePaise',
        'priceIncludesTax',
        'taxCategoryId',
        'taxCategory',
        'code',
        'active',
      ],
      rows: catalog.items
        .filter((item) => item.brandId === brand.brandId)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((item) => {
          const tax = category.get(item.taxCategoryId);
          return {
            ...item,
            taxCategory: tax?.name ?? '',
            rateBasisPoints: tax?.rateBasisPoints ?? null,
            code: item.hsnSac ?? tax?.hsnSac ?? '',
          };
        }),
    };
    process.stdout.write(renderList(view, options));
  });
  return menu;
};
