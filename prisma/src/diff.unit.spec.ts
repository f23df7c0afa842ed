import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createMigration,
  diffSchemas,
  lastSnapshot,
  MigrationDiffError,
  migrationFolderName,
  SCHEMA_PATH,
} from './diff.js';
import { MIGRATIONS_DIR } from './migrate.js';
import { offlineAdapterFactory } from './offline-adapter.js';
import { openSchemaEngine } from './schema-engine.js';

const header =
  'generator client {\n  provider = "prisma-client"\n  output = "./generated"\n}\n\n' +
  'datasource db {\n  provider = "postgresql"\n}\n';
const widgets = '\nmodel Widget {\n  id String @id\n  @@map("widgets")\n}\n';
const gadgets = '\nmodel Gadget {\n  id   String @id\n  size Int\n  @@map("gadgets")\n}\n';

describe('the migrations in the repository', () => {
  it('carry every change made to schema.prisma: the last snapshot describes the same tables', async () => {
    const { schema } = await lastSnapshot();
    const pending = await diffSchemas(schema, await readFile(SCHEMA_PATH, 'utf8'));
    expect(pending, 'schema.prisma changed: npm run migrate:diff -w @possier/prisma -- --name <name>').toBeNull();
  });

  it('keep the first migration byte for byte as the databases in the wild applied it', async () => {
    const sql = await readFile(join(MIGRATIONS_DIR, '20261124000000_event_store', 'migration.sql'));
    expect(createHash('sha256').update(sql).digest('hex')).toBe(
      'b32515b0106ee253bf4fa6b400dc5247e782bdb00884acc3fc40e478d444edd7',
    );
  });
});

describe('migrate:diff', () => {
  let dir: string;
  let schemaPath: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'possier-diff-'));
    await mkdir(join(dir, '20261101000000_init'));
    await writeFile(join(dir, '20261101000000_init', 'migration.sql'), 'CREATE TABLE widgets (id text PRIMARY KEY);');
    await writeFile(join(dir, '20261101000000_init', 'schema.prisma'), header + widgets);
    schemaPath = join(dir, 'schema.prisma');
  });

  it('writes only what changed since the last snapshot, with the new snapshot beside it', async () => {
    await writeFile(schemaPath, header + widgets + gadgets);
    const created = await createMigration({
      name: 'Add gadgets!',
      now: new Date('2026-11-24T10:20:30Z'),
      migrationsDir: dir,
      schemaPath,
    });

    expect(created?.folder).toBe('20261124102030_add_gadgets');
    const folder = join(dir, '20261124102030_add_gadgets');
    const sql = await readFile(join(folder, 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "gadgets"');
    expect(sql).not.toContain('"widgets"');
    expect(await readFile(join(folder, 'schema.prisma'), 'utf8')).toBe(header + widgets + gadgets);
  });

  it('writes nothing when schema.prisma matches the last snapshot, unless asked for a hand-written folder', async () => {
    await writeFile(schemaPath, header + widgets);
    const now = new Date('2026-11-24T10:20:30Z');
    expect(await createMigration({ name: 'nothing', now, migrationsDir: dir, schemaPath })).toBeNull();
    expect(await readdir(dir)).toEqual(['20261101000000_init', 'schema.prisma']);

    const created = await createMigration({ name: 'rls', now, allowEmpty: true, migrationsDir: dir, schemaPath });
    expect(created?.sql).toMatch(/^-- Hand-written SQL only/);
  });

  it('diffs from the newest snapshot, passing over folders of hand-written SQL', async () => {
    await mkdir(join(dir, '20261102000000_functions'));
    await writeFile(
      join(dir, '20261102000000_functions', 'migration.sql'),
      'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;',
    );
    expect((await lastSnapshot(dir)).folder).toBe('20261101000000_init');
  });

  it('refuses a folder that would not sort after the newest migration, since the runner applies them in name order', async () => {
    await writeFile(schemaPath, header + widgets + gadgets);
    await expect(
      createMigration({ name: 'late', now: new Date('2026-10-01T00:00:00Z'), migrationsDir: dir, schemaPath }),
    ).rejects.toBeInstanceOf(MigrationDiffError);
  });

  it('refuses a name with nothing to put in a folder name', () => {
    expect(() => migrationFolderName(new Date('2026-11-24T00:00:00Z'), '--')).toThrow(MigrationDiffError);
  });
});

describe('the offline schema engine', () => {
  it('refuses anything that needs a database instead of acting on an invented one', async () => {
    const engine = await openSchemaEngine(offlineAdapterFactory());
    try {
      await expect(
        engine.applyMigrations({
          migrationsList: {
            baseDir: MIGRATIONS_DIR,
            lockfile: { path: 'migration_lock.toml', content: null },
            shadowDbInitScript: '',
            migrationDirectories: [],
          },
          filters: { externalTables: [], externalEnums: [] },
        }),
      ).rejects.toThrow();
    } finally {
      engine.free();
    }
  });
});
