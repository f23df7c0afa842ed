import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readModelTables } from '@possier/read-models';
import { describe, expect, it } from 'vitest';
import { readModelModels, withReadModels } from './read-model-models.js';

const schema = readFileSync(fileURLToPath(new URL('../schema.prisma', import.meta.url)), 'utf8');
const migrations = fileURLToPath(new URL('../migrations', import.meta.url));
const allSql = readdirSync(migrations, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => readFileSync(`${migrations}/${entry.name}/migration.sql`, 'utf8'))
  .join('\n');

describe('read-model tables in the schema', () => {
  it('schema.prisma carries exactly the models generated from the read-model declarations', () => {
    expect(withReadModels(schema)).toBe(schema);
    expect(schema).toContain(readModelModels());
  });

  it('every read-model table is created with row-level security forced and a tenant policy', () => {
    for (const table of readModelTables) {
      expect(allSql).toContain(`CREATE TABLE "${table.name}"`);
      expect(allSql).toContain(`ALTER TABLE "${table.name}" FORCE ROW LEVEL SECURITY;`);
      expect(allSql).toContain(`CREATE POLICY tenant_isolation ON "${table.name}"`);
    }
  });
});
