import { defineConfig } from 'prisma/config';

/**
 * Read by the `prisma` CLI, which this package uses only for `prisma generate`. Migrations are
 * not run by the CLI (see README.md): `npm run migrate:diff` writes them and `npm run migrate`
 * applies them.
 */
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
});
