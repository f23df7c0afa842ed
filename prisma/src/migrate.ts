import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** The key `prisma migrate deploy` locks on, so this runner and Prisma's never run at once. */
const MIGRATION_LOCK = 72707369;

export type MigrationResult = { applied: string[]; alreadyApplied: string[] };

export class MigrationChecksumError extends Error {
  override readonly name = 'MigrationChecksumError';
}

export type MigrateOptions = { migrationsDir?: string; onApplied?: (name: string) => void };

/** What the runner needs of a connection: pg's client, or one with its shape (PGlite's, embedded). */
export type MigrationConnection = Pick<pg.ClientBase, 'query'>;

/**
 * Applies every migration folder under `prisma/migrations` that the database has not seen, in
 * name order, each in its own transaction. It keeps the ledger Prisma keeps (`_prisma_migrations`,
 * same columns, SHA-256 checksums of `migration.sql`), so a database migrated here is one Prisma's
 * own engine recognises and vice versa. A migration edited after it was applied is refused: the
 * database and the repository would disagree about what the schema is.
 */
export const migrate = async (connectionString: string, options: MigrateOptions = {}): Promise<MigrationResult> => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await applyMigrations(client, options);
  } finally {
    await client.end();
  }
};

/** `migrate` over a connection the caller opened and will close. */
export const applyMigrations = async (
  client: MigrationConnection,
  { migrationsDir = MIGRATIONS_DIR, onApplied }: MigrateOptions = {},
): Promise<MigrationResult> => {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  await client.query(`
      CREATE TABLE IF NOT EXISTS _prisma_migrations (
        id                  varchar(36)  PRIMARY KEY NOT NULL,
        checksum            varchar(64)  NOT NULL,
        finished_at         timestamptz,
        migration_name      varchar(255) NOT NULL,
        logs                text,
        rolled_back_at      timestamptz,
        started_at          timestamptz  NOT NULL DEFAULT now(),
        applied_steps_count integer      NOT NULL DEFAULT 0
      )`);
  const { rows } = await client.query<{ migration_name: string; checksum: string }>(
    'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  for (const name of names) {
    const sql = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const appliedChecksum = done.get(name);
    if (appliedChecksum !== undefined) {
      if (appliedChecksum !== checksum) {
        throw new MigrationChecksumError(`migration ${name} was changed after it was applied`);
      }
      result.alreadyApplied.push(name);
      continue;
    }
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await client.query(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), checksum, name],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
    }
    result.applied.push(name);
    onApplied?.(name);
  }
  return result;
};
