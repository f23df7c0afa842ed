import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationChecksumError, migrate, MIGRATIONS_DIR } from './migrate.js';
import { adminUrl, createTestDatabase, type TestDatabase } from './test-database.js';

const query = async <T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
};

/** The migration that gave rm_sales_by_hour the figures a sales row needs to add up. */
const SALES_FIGURES = '20261206025525_sales_figures_that_add_up';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('possier_migrate');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('brings an empty database to the current schema and records each migration as Prisma does', async () => {
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      database.url,
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toContain('20261124000000_event_store');
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
    }
    const tables = await query<{ tablename: string }>(
      database.url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(tables.map((table) => table.tablename)).toEqual(
      expect.arrayContaining(['events', 'projector_checkpoints', 'relay_checkpoints']),
    );
  });

  it('creates the checkpoint tables keyed by projection and by relay, with a required log position', async () => {
    const columns = await query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
      database.url,
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_name IN ('projector_checkpoints', 'relay_checkpoints') ORDER BY table_name, ordinal_position`,
    );
    expect(columns.map((c) => `${c.table_name}.${c.column_name} ${c.data_type} ${c.is_nullable}`)).toEqual([
      'projector_checkpoints.projection text NO',
      'projector_checkpoints.log_position text NO',
      'projector_checkpoints.updated_at timestamp with time zone NO',
      'relay_checkpoints.relay text NO',
      'relay_checkpoints.log_position text NO',
      'relay_checkpoints.updated_at timestamp with time zone NO',
    ]);
    const keys = await query<{ table_name: string; column_name: string }>(
      database.url,
      `SELECT k.table_name, k.column_name FROM information_schema.key_column_usage k
       JOIN information_schema.table_constraints c USING (constraint_name, table_name)
       WHERE c.constraint_type = 'PRIMARY KEY' AND k.table_name LIKE '%_checkpoints' ORDER BY k.table_name`,
    );
    expect(keys).toEqual([
      { table_name: 'projector_checkpoints', column_name: 'projection' },
      { table_name: 'relay_checkpoints', column_name: 'relay' },
    ]);
  });

  it('does nothing on a database that is up to date', async () => {
    const again = await migrate(database.url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied.length).toBeGreaterThan(0);
  });

  it('refuses to run when an applied migration was edited, and rolls back a failing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'possier-migrations-'));
    const scratch = await createTestDatabase('possier_migrate_scratch');
    try {
      await mkdir(join(dir, '001_first'));
      await writeFile(join(dir, '001_first', 'migration.sql'), 'CREATE TABLE first_table (id int);');
      expect((await migrate(scratch.url, { migrationsDir: dir })).applied).toEqual(['001_first']);

      await writeFile(join(dir, '001_first', 'migration.sql'), 'CREATE TABLE first_table (id bigint);');
      await expect(migrate(scratch.url, { migrationsDir: dir })).rejects.toBeInstanceOf(MigrationChecksumError);

      await writeFile(join(dir, '001_first', 'migration.sql'), 'CREATE TABLE first_table (id int);');
      await mkdir(join(dir, '002_broken'));
      await writeFile(
        join(dir, '002_broken', 'migration.sql'),
        'CREATE TABLE half_done (id int); SELECT no_such_function();',
      );
      await expect(migrate(scratch.url, { migrationsDir: dir })).rejects.toThrow('migration 002_broken failed');
      const tables = await query<{ tablename: string }>(
        scratch.url,
        "SELECT tablename FROM pg_tables WHERE tablename = 'half_done'",
      );
      expect(tables).toEqual([]);
    } finally {
      await scratch.drop();
    }
  });

  it('resets sales_by_hour when its new figures arrive, so the projector projects it again from the log', async () => {
    // A database as it stood before the migration, with rows and checkpoints projected then.
    const before = await mkdtemp(join(tmpdir(), 'possier-migrations-before-'));
    for (const folder of await readdir(MIGRATIONS_DIR, { withFileTypes: true })) {
      if (folder.name < SALES_FIGURES)
        await cp(join(MIGRATIONS_DIR, folder.name), join(before, folder.name), { recursive: true });
    }
    const name = `possier_migrate_sales_${process.pid}_${randomBytes(4).toString('hex')}`;
    await query(adminUrl(), `CREATE DATABASE ${name}`);
    const url = new URL(adminUrl());
    url.pathname = `/${name}`;
    try {
      await migrate(url.toString(), { migrationsDir: before });
      await query(
        url.toString(),
        `INSERT INTO rm_sales_by_hour (org_id, store_id, business_date, hour, orders_count, payable_paise)
         VALUES ('0193a000-0000-7000-8000-00000000000a', '0193a000-0000-7000-8000-00000000005a', '2026-11-24', 13, 1, 84800);
         INSERT INTO projector_checkpoints (projection, log_position)
         VALUES ('sales_by_hour', '0000000000000741-0000000000000012'), ('gst_summary', '0000000000000741-0000000000000012')`,
      );

      // It and whatever came after it.
      expect((await migrate(url.toString())).applied[0]).toBe(SALES_FIGURES);

      expect(await query(url.toString(), 'SELECT count(*)::int AS rows FROM rm_sales_by_hour')).toEqual([{ rows: 0 }]);
      expect(await query(url.toString(), 'SELECT projection FROM projector_checkpoints ORDER BY projection')).toEqual([
        { projection: 'gst_summary' },
      ]);
      const added = await query<{ column_name: string }>(
        url.toString(),
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'rm_sales_by_hour' AND column_name IN ('tax_included_paise', 'tips_paise', 'voided_tax_paise')
          ORDER BY column_name`,
      );
      expect(added.map((column) => column.column_name)).toEqual([
        'tax_included_paise',
        'tips_paise',
        'voided_tax_paise',
      ]);
    } finally {
      await query(adminUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  it('points at the migrations folder of the repository and an admin database by default', () => {
    expect(MIGRATIONS_DIR.endsWith(join('prisma', 'migrations'))).toBe(true);
    expect(adminUrl()).toMatch(/^postgres(ql)?:\/\//);
  });
});
