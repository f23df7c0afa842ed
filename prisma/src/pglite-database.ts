import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { applyMigrations, type MigrateOptions, type MigrationResult } from './migrate.js';

/**
 * pg's text parsers for every type it knows, handed to PGlite so rows read the same over either
 * database: int8 and numeric stay strings (int8 may pass 2^53), timestamps become Dates, json is
 * parsed.
 */
export const pgCompatibleParsers = (): Record<number, (text: string) => unknown> => {
  // pg keys its parsers by an enum of builtins; any oid is valid and unknown ones get the raw text.
  const getParser = pg.types.getTypeParser as (oid: number, format: 'text') => (text: string) => unknown;
  const unknownType = getParser(0, 'text');
  const parsers: Record<number, (text: string) => unknown> = {};
  for (let oid = 1; oid < 5000; oid += 1) {
    const parser = getParser(oid, 'text');
    if (parser !== unknownType) parsers[oid] = parser;
  }
  return parsers;
};

/** The migration runner over PGlite: a migration (no parameters) runs as one multi-statement script. */
const migrationConnection = (db: PGlite) => ({
  query: async (text: string, params?: unknown[]) =>
    params === undefined ? ((await db.exec(text)).at(-1) ?? { rows: [] }) : db.query(text, params),
});

export type PgliteDatabase = { db: PGlite; migrations: MigrationResult };

/**
 * Opens (creating it if needed) the embedded database in `dataDir`, or in memory without one, and
 * applies the same migrations as PostgreSQL's. PGlite allows one process per data directory.
 */
export const openPgliteDatabase = async (
  dataDir: string | undefined,
  options: MigrateOptions = {},
): Promise<PgliteDatabase> => {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create({ ...(dataDir === undefined ? {} : { dataDir }), parsers: pgCompatibleParsers() });
  try {
    const migrations = await applyMigrations(migrationConnection(db) as never, options);
    return { db, migrations };
  } catch (error) {
    await db.close();
    throw error;
  }
};
