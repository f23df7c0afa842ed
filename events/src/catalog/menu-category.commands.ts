import { z } from 'zod';
import { OffsetDateTime } from '../time.js';

/** Where a category stands on a brand's menu: lower first; equal places fall back to the name. */
export const MenuSortOrder = z.number().int().min(0).max(9_999);

/**
 * A menu category is a brand's heading on its menu and its receipts ("Pizzas", "Drinks"), with
 * its place among the others. Items are assigned to one, so a menu lists and a report sums by
 * category without reading item names.
 */
export const DefineMenuCategory = z.object({
  type: z.literal('DefineMenuCategory'),
  data: z.object({
    menuCategoryId: z.uuid(),
    brandId: z.uuid(),
    name: z.string().trim().min(1).max(100),
    sortOrder: MenuSortOrder,
    at: OffsetDateTime,
  }),
});
export type DefineMenuCategory = z.infer<typeof DefineMenuCategory>;

export const RenameMenuCategory = z.object({
  type: z.literal('RenameMenuCategory'),
  data: z.object({ menuCategoryId: z.uuid(), name: z.string().trim().min(1).max(100), at: OffsetDateTime }),
});
export type RenameMenuCategory = z.infer<typeof RenameMenuCategory>;

export const MoveMenuCategory = z.object({
  type: z.literal('MoveMenuCategory'),
  data: z.object({ menuCategoryId: z.uuid(), sortOrder: MenuSortOrder, at: OffsetDateTime }),
});
export type MoveMenuCategory = z.infer<typeof MoveMenuCategory>;

export const MenuCategoryCommand = z.discriminatedUnion('type', [
  DefineMenuCategory,
  RenameMenuCategory,
  MoveMenuCategory,
]);
export type MenuCategoryCommand = z.infer<typeof MenuCategoryCommand>;
