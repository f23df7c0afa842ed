import { migrate } from '@possier/prisma';
import { Command } from 'commander';
import { requireDatabaseUrl } from './database-url.js';

export const migrateCommand = (): Command =>
  new Command('migrate')
    .description('Apply the schema migrations the database has not seen (needs DATABASE_URL)')
    .option('--json', 'print what was applied as JSON')
    .action(async (options: { json?: boolean }) => {
      const url = requireDatabaseUrl('migrate');
      const result = await migrate(url, {
        onApplied: (name) => {
          if (!options.json) process.stdout.write(`applied ${name}\n`);
        },
      });
      process.stdout.write(
        options.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${result.applied.length} applied, ${result.alreadyApplied.length} already applied\n`,
      );
    });
