import { StockUnit, Uuid } from '@possier/events';
import { Command, Option } from 'commander';
import type { Connection } from '../api-client.js';
import { cliError } from '../cli-error.js';
import { newId, offsetNow } from '../command-body.js';
import { readBrands, sendCommand } from './org-client.js';
import { withConnection } from './tenancy-commands.js';

/**
 * `possier stock-item define`: names an ingredient the org keeps in stock, so the stock report
 * reads "Pizza dough (g)". With `--id` it names (or renames) the id recipes and counts already
 * use; without, it mints a new one and prints it for the recipes to come.
 */
export const stockItemCommand = (): Command => {
  const stock = new Command('stock-item').description('Stock items (ingredients): their names and base units');
  withConnection(
    stock
      .command('define')
      .description('Name a stock item and the unit it counts in, or rename one (owners)')
      .requiredOption('--name <name>', 'what the kitchen calls it ("Pizza dough")')
      .addOption(
        new Option('--unit <unit>', 'the base unit every quantity of it counts in')
          .choices(StockUnit.options)
          .makeOptionMandatory(),
      )
      .option('--id <stockItemId>', 'the id recipes and counts already use (default: a new one)')
      .option('--json', 'print the id as JSON'),
  ).action(async (options: Connection & { name: string; unit: StockUnit; id?: string; json?: boolean }) => {
    if (options.id !== undefined && !Uuid.safeParse(options.id).success) {
      throw cliError('VALIDATION.INVALID', '--id', `"${options.id}" is not a stock item id (a UUID)`);
    }
    const { orgId } = await readBrands(options);
    const stockItemId = options.id ?? newId();
    const name = options.name.trim();
    const result = await sendCommand(options, 'defineStockItem', {
      stockItemId,
      orgId,
      name,
      unit: options.unit,
      at: offsetNow(),
    });
    const done: Record<string, string> = { StockItemDefined: 'defined', StockItemRenamed: 'renamed' };
    const what = done[result.events[0]?.type ?? ''] ?? 'already so named';
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ stockItemId, name, unit: options.unit })}\n`
        : `stock item "${name}" (${options.unit}) ${what}, id ${stockItemId}\n`,
    );
  });
  return stock;
};
