import {
  defaultClockPolicy,
  describeTillClock,
  formatRupees,
  DomainError,
  mintUuidV7,
  parseRupees,
  type CatalogEntry,
} from '@possier/events';
import cliProgress from 'cli-progress';
import { Command, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { LedgerRefusedError, LedgerUnreachableError } from '../ledger-client.js';
import { openRegister, type LastVerdicts, type RegisterAgent, type RegisterStatus } from '../register-agent.js';
import { SaleRefusedError } from '../register.js';
import { ledgerUrlOption } from './ledger-url.js';
import { tillCommands } from './till-commands.js';

/** A refusal the person at the till must read: printed without a stack, exit code 1. */
export class RegisterCliError extends Error {
  override readonly name = 'RegisterCliError';
}

const dataOption = () =>
  new Option('--data <dir>', 'where the register keeps its database')
    .env('POSSIER_REGISTER_DIR')
    .default('.possier/register');

const newId = () => mintUuidV7({ msecs: Date.now(), random: randomBytes(16) });

const withRegister = async <T>(
  dir: string,
  work: (register: RegisterAgent) => Promise<T> | T,
  logger?: Logger,
): Promise<T> => {
  let register: RegisterAgent;
  try {
    register = openRegister({ dataDir: dir, ...(logger ? { logger } : {}) });
  } catch (error) {
    throw new RegisterCliError((error as Error).message);
  }
  try {
    return await work(register);
  } catch (error) {
    if (error instanceof SaleRefusedError || error instanceof LedgerRefusedError)
      throw new RegisterCliError(error.message);
    throw error;
  } finally {
    register.close();
  }
};

const age = (since: string | null, now: Date): string => {
  if (!since) return '-';
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(since)) / 1000));
  if (seconds < 90) return `${seconds}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
};

/** What the cashier needs to know of the till's clock: whether the ledger is correcting it. */
const clockLine = (skewMs: number): string =>
  Math.abs(skewMs) > defaultClockPolicy.tillToleranceMs
    ? `${describeTillClock(skewMs)}: the ledger places this till's sales by corrected time; set the clock right`
    : describeTillClock(skewMs);

/** The last sync's conflicts and rejections, one line each, for the cashier and the manager. */
export const renderVerdicts = (verdicts: LastVerdicts): string[] => [
  ...verdicts.conflicts.map((found) => `  conflict  ${found.kind}: ${found.detail} (event ${found.eventId})`),
  ...verdicts.rejected.map(
    (refused) => `  rejected  ${refused.type} ${refused.code}: ${refused.reason} (event ${refused.eventId})`,
  ),
];

/** "Till 1 at Koramangala (Pizza Place)": names as last pulled, an id only where no name is known yet. */
const whereLine = ({ registerId, storeId, names }: RegisterStatus): string => {
  const register = names.register ?? `register ${registerId}`;
  const store = names.store ?? `store ${storeId}`;
  const owner = [names.brand, names.org].filter((name) => name !== undefined);
  return `${register} at ${store}${owner.length > 0 ? ` (${owner.join(', ')})` : ''}`;
};

export const renderStatus = (status: RegisterStatus, now = new Date()): string =>
  [
    `register      ${whereLine(status)}`,
    `connection    ${status.online === null ? 'not tried yet' : status.online ? 'online' : 'OFFLINE'}`,
    `queued        ${status.queuedEvents} events${status.queuedEvents > 0 ? `, oldest ${age(status.oldestQueuedAt, now)} old` : ''}`,
    `last sync     ${status.lastSyncAt ?? 'never'}${status.lastSyncAt ? ` (${age(status.lastSyncAt, now)} ago)` : ''}`,
    ...(status.clockSkewMs === null ? [] : [`clock         ${clockLine(status.clockSkewMs)}`]),
    `menu          ${status.catalogItems} items cached`,
    `for a manager ${status.conflicts} conflicts, ${status.rejectedEvents} rejected events`,
    ...(status.online === false && status.lastError ? [`last error    ${status.lastError}`] : []),
  ].join('\n');

/**
 * `item[:quantity]`: the item by id, by its exact name (any case), or by the start of its name when
 * only one item's name starts so. An exact name wins over longer names it begins ("Spaghetti" is
 * not "Spaghetti & Meatballs"); names may hold colons, the quantity is after the last one.
 */
export const resolveLine = (menu: ReadonlyArray<CatalogEntry>, spec: string) => {
  const colon = spec.lastIndexOf(':');
  const quantified = colon > 0 && /^[-+\d.]+$/.test(spec.slice(colon + 1));
  const name = quantified ? spec.slice(0, colon) : spec;
  const quantity = Number(quantified ? spec.slice(colon + 1) : '1');
  if (!Number.isInteger(quantity) || quantity <= 0)
    throw new RegisterCliError(`--item ${spec}: the quantity must be a whole number above zero`);
  const items = menu.filter((entry) => entry.kind === 'item');
  const wanted = name.trim().toLowerCase();
  const byId = items.filter((entry) => entry.itemId === name);
  const exact = items.filter((entry) => entry.name.toLowerCase() === wanted);
  const matches =
    byId.length > 0
      ? byId
      : exact.length > 0
        ? exact
        : items.filter((entry) => entry.name.toLowerCase().startsWith(wanted));
  if (matches.length !== 1) {
    throw new RegisterCliError(
      `--item ${spec}: ${matches.length === 0 ? 'nothing on the menu matches' : `matches ${matches.map((entry) => entry.name).join(', ')}; give more of the name`}`,
    );
  }
  return { lineId: newId(), itemId: (matches[0] as CatalogEntry).itemId, quantity, modifierIds: [] };
};

const menuOf = (register: RegisterAgent): CatalogEntry[] =>
  (register.db.prepare('SELECT entry FROM catalog').all() as Array<{ entry: string }>).map(
    (row) => JSON.parse(row.entry) as CatalogEntry,
  );

/** Pushes what is queued; offline is reported, not thrown: the sales are safe in the outbox. */
const trySync = async (register: RegisterAgent, progress: boolean): Promise<string> => {
  const queued = register.status().queuedEvents;
  const bar =
    progress && queued > 0
      ? new cliProgress.SingleBar({ format: 'sync [{bar}] {value}/{total} events' }, cliProgress.Presets.shades_classic)
      : undefined;
  bar?.start(queued, 0);
  try {
    const summary = await register.sync((step) => bar?.update(step.pushed));
    bar?.stop();
    const line = `synced: ${summary.accepted} accepted, ${summary.duplicate} already stored, ${summary.rejected} rejected, ${summary.conflicts} conflicts; ${register.status().queuedEvents} queued`;
    return summary.batches > 0 ? [line, ...renderVerdicts(register.lastVerdicts())].join('\n') : line;
  } catch (error) {
    bar?.stop();
    if (!(error instanceof LedgerUnreachableError)) throw error;
    return `offline: ${register.status().queuedEvents} events kept in the outbox; they are sent when the ledger is reachable`;
  }
};

export const registerCommand = (): Command => {
  const command = new Command('register').description(
    'Run this machine as a register: sell online or offline, sync with the ledger',
  );

  command
    .command('init')
    .description('Set up the register with the ledger’s URL and its register token, and pull the menu')
    .addOption(ledgerUrlOption())
    // The flag's name before every command took --url; kept for scripts that still pass it.
    .addOption(new Option('--ledger <url>').hideHelp())
    .addOption(
      new Option('--token <token>', 'the register’s token').env('POSSIER_REGISTER_TOKEN').makeOptionMandatory(),
    )
    .addOption(dataOption())
    .action(async (options: { url: string; ledger?: string; token: string; data: string }) => {
      let register: RegisterAgent;
      try {
        register = openRegister({
          dataDir: options.data,
          ledgerUrl: options.ledger ?? options.url,
          token: options.token,
        });
      } catch (error) {
        throw new RegisterCliError((error as Error).message);
      }
      try {
        process.stdout.write(`${await trySync(register, false)}\n${renderStatus(register.status())}\n`);
      } finally {
        register.close();
      }
    });

  command
    .command('menu')
    .description('List the menu as cached on this register')
    .addOption(dataOption())
    .action((options: { data: string }) =>
      withRegister(options.data, (register) => {
        for (const entry of menuOf(register).sort((a, b) => a.name.localeCompare(b.name))) {
          process.stdout.write(
            `${entry.name.padEnd(28)} ${formatRupees(entry.unitPricePaise).padStart(12)} ${entry.priceIncludesTax ? 'incl.' : '+'} GST ${entry.taxRateBasisPoints / 100}%${entry.active ? '' : '  (not sold)'}\n`,
          );
        }
      }),
    );

  command
    .command('sell')
    .description('Check out an order: written to the outbox first, then sent if the ledger is reachable')
    .requiredOption(
      '--item <items...>',
      'items by name, start of a name, or id, each with a quantity after a colon ("The Hawaiian Pizza (M):2" cola)',
    )
    .option('--cash <rupees>', 'cash handed over')
    .option('--card <rupees>', 'paid by card')
    .option('--upi <rupees>', 'paid by UPI')
    .option('--customer-phone <phone>', "the customer's phone, found in the cache of the org's customers")
    .addOption(new Option('--channel <channel>').choices(['dine_in', 'takeaway', 'delivery']).default('dine_in'))
    .addOption(dataOption())
    .action(
      (options: {
        item: string[];
        cash?: string;
        card?: string;
        upi?: string;
        customerPhone?: string;
        channel: 'dine_in';
        data: string;
      }) =>
        withRegister(options.data, async (register) => {
          const menu = menuOf(register);
          const customer =
            options.customerPhone === undefined ? undefined : register.till.findCustomer(options.customerPhone);
          if (options.customerPhone !== undefined && customer === undefined)
            throw new RegisterCliError(
              `--customer-phone: no customer with this phone in the register's cache (sync once online to refresh it)`,
            );
          const tenders = (['card', 'upi', 'cash'] as const).flatMap((kind) => {
            const text = options[kind];
            if (text === undefined) return [];
            const amountPaise = parseRupees(text, `--${kind}`);
            if (amountPaise instanceof DomainError)
              throw new RegisterCliError(`${amountPaise.path}: ${amountPaise.reason}`);
            return [{ paymentId: newId(), kind, amountPaise }];
          });
          const shiftId = register.till.currentShift() ?? null;
          const sale = register.till.checkout({
            orderId: newId(),
            shiftId,
            channel: options.channel,
            lines: options.item.map((spec) => resolveLine(menu, spec)),
            tenders,
            ...(customer === undefined ? {} : { customerId: customer.customerId }),
          });
          const { totals, changePaise } = sale.placed;
          if (customer) process.stdout.write(`customer ${customer.displayName} (${customer.phone})\n`);
          process.stdout.write(
            `order ${sale.placed.orderId}: payable ${formatRupees(totals.payablePaise)} (GST ${formatRupees(totals.taxPaise)}), change ${formatRupees(changePaise)}\n`,
          );
          process.stdout.write(`${await trySync(register, false)}\n`);
        }),
    );

  for (const till of tillCommands({
    dataOption,
    withRegister: (dir, work) => withRegister(dir, work),
    trySync: (register) => trySync(register, false),
    refuse: (message) => new RegisterCliError(message),
  }))
    command.addCommand(till);

  command
    .command('sync')
    .description('Pull menu changes and push every queued event, with a progress bar')
    .addOption(dataOption())
    .action((options: { data: string }) =>
      withRegister(options.data, async (register) => {
        const line = await trySync(register, process.stderr.isTTY || process.stdout.isTTY);
        process.stdout.write(`${line}\n`);
        if (line.startsWith('offline')) process.exitCode = 2;
      }),
    );

  command
    .command('status')
    .description('Online or offline, queued events and their age, the last sync and what it found')
    .option('--json', 'as JSON')
    .addOption(dataOption())
    .action((options: { json?: boolean; data: string }) =>
      withRegister(options.data, async (register) => {
        await register.probe();
        const status = register.status();
        const verdicts = register.lastVerdicts();
        const lines = renderVerdicts(verdicts);
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ ...status, lastVerdicts: verdicts }, null, 2)}\n`
            : `${renderStatus(status)}${lines.length > 0 ? `\nlast sync found\n${lines.join('\n')}` : ''}\n`,
        );
      }),
    );

  command
    .command('run')
    .description('Keep syncing in the foreground, backing off with jitter while the ledger is unreachable')
    .option('--interval <seconds>', 'between syncs when all is sent', '5')
    .addOption(dataOption())
    .action((options: { interval: string; data: string }) =>
      withRegister(
        options.data,
        async (register) => {
          const stop = new AbortController();
          process.once('SIGINT', () => stop.abort());
          process.once('SIGTERM', () => stop.abort());
          await register.runSyncLoop({ signal: stop.signal, intervalMs: Number(options.interval) * 1000 });
        },
        pino({ name: 'possier-register' }),
      ),
    );

  return command;
};
