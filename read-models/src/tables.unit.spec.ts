import { describe, expect, it } from 'vitest';
import {
  readModelTables,
  rmBrands,
  rmItems,
  rmOrgs,
  rmRecipeComponents,
  rmLoyaltyAccounts,
  rmLoyaltyDays,
  rmLoyaltyRules,
  rmRoleGrants,
  rmStockItems,
  rmTaxCategories,
  rmUsers,
} from './tables.js';

describe('the read-model table declarations', () => {
  it.each(readModelTables.map((table) => [table.name, table] as const))('%s keeps the conventions', (name, table) => {
    expect(name).toMatch(/^rm_[a-z_]+$/);
    // Row-level security keys on org_id: it leads every key.
    expect(table.key[0]).toBe('org_id');
    expect(table.columns.org_id).toEqual({ type: 'uuid', nullable: false });
    for (const column of table.key) {
      expect(table.columns[column], column).toBeDefined();
      expect(table.columns[column]?.nullable, column).toBe(false);
    }
    for (const [column, shape] of Object.entries(table.columns)) {
      if (column.endsWith('_paise')) expect(shape.type, column).toBe('bigint');
      if (column.endsWith('_id')) expect(shape.type, column).toBe('uuid');
      if (column === 'store_id') expect(shape.nullable).toBe(false);
      if (shape.default !== undefined && shape.default !== null) expect(shape.nullable, column).toBe(false);
      if (shape.nullable) expect(shape.default, column).toBeNull();
    }
  });

  it('names each table once', () => {
    const names = readModelTables.map((table) => table.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every table a store_id unless it describes the org or a brand as a whole: every report is per store', () => {
    const orgOrBrandWide = new Set(
      [
        rmOrgs,
        rmBrands,
        rmUsers,
        rmRoleGrants,
        rmTaxCategories,
        rmItems,
        rmRecipeComponents,
        rmLoyaltyAccounts,
        rmLoyaltyDays,
        rmLoyaltyRules,
        rmStockItems,
      ].map((table) => table.name),
    );
    for (const table of readModelTables) {
      if (!orgOrBrandWide.has(table.name)) expect(table.columns.store_id, table.name).toBeDefined();
    }
  });
});
