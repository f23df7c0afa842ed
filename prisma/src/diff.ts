import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiffTarget } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { MIGRATIONS_DIR } from './migrate.js';
import { offlineAdapterFactory } from './offline-adapter.js';
import { openSchemaEngine } from './schema-engine.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.prisma', import.meta.url));

/**
 * The copy of schema.prisma kept in a migration folder: the schema as of that migration. The
 * next migration is the diff from the newest snapshot to schema.prisma, so no database is needed.
 */
export const SNAPSHOT_FILE = 'schema.prisma';

export class MigrationDiffError extends Error {
  override readonly name = 'MigrationDiffError';
}

const datamodel = (content: string): DiffTarget => ({
  tag: 'schemaDatamodel',
  files: [{ path: 'schema.prisma', content }],
});

/**
 * The SQL that takes a database described by `from` (a Prisma schema, or `null` for an empty
 * database) to one described by `to`, or `null` when they describe the same tables. Runs the
 * WebAssembly schema engine with no database.
 */
export const diffSchemas = async (from: string | null, to: string): Promise<string | null> => {
  const engine = await openSchemaEngine(offlineAdapterFactory());
  try {
    const result = await engine.diff({
      from: from === null ? { tag: 'empty' } : datamodel(from),
      to: datamodel(to),
      script: true,
      exitCode: true, // 2 when there is something to do, 0 when not
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 2 ? (result.stdout ?? '') : null;
  } finally {
    engine.free();
  }
};

const migrationFolders = async (migrationsDir: string): Promise<string[]> =>
  (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * The schema as of the newest migration that carries a snapshot. A folder of hand-written SQL
 * only (no snapshot) changes nothing Prisma models, so it is passed over.
 */
export const lastSnapshot = async (migrationsDir = MIGRATIONS_DIR): Promise<{ folder: string; schema: string }> => {
  for (const folder of (await migrationFolders(migrationsDir)).reverse()) {
    const path = join(migrationsDir, folder, SNAPSHOT_FILE);
    if (await exists(path)) return { folder, schema: await readFile(path, 'utf8') };
  }
  throw new MigrationDiffError(`no migration folder in ${migrationsDir} has a ${SNAPSHOT_FILE} snapshot`);
};

/** `20261124190312_add_checkpoints`: Prisma's folder name, a UTC timestamp to the second. */
export const migrationFolderName = (now: Date, name: string): string => {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') throw new MigrationDiffError(`migration name ${JSON.stringify(name)} has no letters or digits`);
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}_${slug}`;
};

export type CreatedMigration = { folder: string; sql: string };

/**
 * Writes `<timestamp>_<name>/migration.sql` (the diff from the last snapshot to schema.prisma)
 * and `<timestamp>_<name>/schema.prisma` (the new snapshot). Returns `null` and writes nothing
 * when schema.prisma has not changed, unless `allowEmpty` asks for a folder to hold hand-written
 * SQL. The folder must sort after every existing one, or the runner would apply it out of order.
 */
export const createMigration = async ({
  name,
  now,
  allowEmpty = false,
  migrationsDir = MIGRATIONS_DIR,
  schemaPath = SCHEMA_PATH,
}: {
  name: string;
  now: Date;
  allowEmpty?: boolean;
  migrationsDir?: string;
  schemaPath?: string;
}): Promise<CreatedMigration | null> => {
  const folder = migrationFolderName(now, name);
  const newest = (await migrationFolders(migrationsDir)).at(-1);
  if (newest !== undefined && folder <= newest) {
    throw new MigrationDiffError(`${folder} would not sort after the newest migration, ${newest}`);
  }
  const previous = await lastSnapshot(migrationsDir);
  const schema = await readFile(schemaPath, 'utf8');
  const sql = await diffSchemas(previous.schema, schema);
  if (sql === null && !allowEmpty) return null;

  const body = sql ?? '-- Hand-written SQL only: schema.prisma did not change.\n';
  await mkdir(join(migrationsDir, folder));
  await writeFile(join(migrationsDir, folder, 'migration.sql'), body);
  await writeFile(join(migrationsDir, folder, SNAPSHOT_FILE), schema);
  return { folder, sql: body };
};
