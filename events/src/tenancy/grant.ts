import { z } from 'zod';
import { Uuid } from '../ids.js';

export const Role = z.enum(['owner', 'brand_manager', 'store_manager', 'cashier', 'accountant', 'analyst']);
export type Role = z.infer<typeof Role>;

/**
 * A node of the org → brand → store tree that a grant holds over. A register is not a scope: people
 * are trusted per store; a register device is its own principal (see authorization.ts).
 */
export const Scope = z.discriminatedUnion('level', [
  z.object({ level: z.literal('org') }),
  z.object({ level: z.literal('brand'), brandId: Uuid }),
  z.object({ level: z.literal('store'), storeId: Uuid }),
]);
export type Scope = z.infer<typeof Scope>;
export type ScopeLevel = Scope['level'];

export const Grant = z.object({ userId: Uuid, role: Role, scope: Scope });
export type Grant = z.infer<typeof Grant>;

/**
 * The levels each role may be granted at. An owner answers for the whole org (and is the one who
 * can administer tenancy), so only at org level. A brand manager runs a brand's menu, so a brand or
 * all of them. Store staff, accountants and analysts may be scoped as narrowly as one store (a
 * franchisee's accountant, a store's own analyst) or as widely as the org (a relief cashier).
 */
export const ROLE_LEVELS: Readonly<Record<Role, ReadonlyArray<ScopeLevel>>> = {
  owner: ['org'],
  brand_manager: ['org', 'brand'],
  store_manager: ['org', 'brand', 'store'],
  cashier: ['org', 'brand', 'store'],
  accountant: ['org', 'brand', 'store'],
  analyst: ['org', 'brand', 'store'],
};

export const sameScope = (a: Scope, b: Scope): boolean => {
  switch (a.level) {
    case 'org':
      return b.level === 'org';
    case 'brand':
      return b.level === 'brand' && b.brandId === a.brandId;
    case 'store':
      return b.level === 'store' && b.storeId === a.storeId;
  }
};

export const sameGrant = (a: Grant, b: Grant): boolean =>
  a.userId === b.userId && a.role === b.role && sameScope(a.scope, b.scope);

export const describeScope = (scope: Scope): string => {
  switch (scope.level) {
    case 'org':
      return 'the org';
    case 'brand':
      return `brand ${scope.brandId}`;
    case 'store':
      return `store ${scope.storeId}`;
  }
};
