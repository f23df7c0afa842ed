import { parseArgs } from 'node:util';
import { createMigration } from './diff.js';

const usage = 'usage: npm run migrate:diff -w @possier/prisma -- --name <name> [--allow-empty]';

const { values } = parseArgs({
  options: { name: { type: 'string' }, 'allow-empty': { type: 'boolean', default: false } },
  strict: true,
});
if (!values.name) {
  console.error(`--name is required: it names the migration folder\n${usage}`);
  process.exit(2);
}

try {
  const created = await createMigration({ name: values.name, now: new Date(), allowEmpty: values['allow-empty'] });
  if (created === null) {
    console.log('schema.prisma matches the last migration: nothing to write (--allow-empty for hand-written SQL)');
  } else {
    console.log(`wrote prisma/migrations/${created.folder}/migration.sql and its schema.prisma snapshot:\n`);
    console.log(created.sql);
  }
} catch (error) {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
}
