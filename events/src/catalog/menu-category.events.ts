import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { OffsetDateTime } from '../time.js';
import { MenuSortOrder } from './menu-category.commands.js';

/** The stream of one menu category; `menu_category`, since a stream's category ends at its first hyphen. */
export const menuCategoryStreamId = (menuCategoryId: string): string => `menu_category-${menuCategoryId}`;

export const MenuCategoryDefined = z.object({
  type: z.literal('MenuCategoryDefined'),
  data: z.object({
    menuCategoryId: z.uuid(),
    brandId: z.uuid(),
    name: z.string().min(1),
    sortOrder: MenuSortOrder,
    definedAt: OffsetDateTime,
  }),
});
export type MenuCategoryDefined = z.infer<typeof MenuCategoryDefined>;

export const MenuCategoryRenamed = z.object({
  type: z.literal('MenuCategoryRenamed'),
  data: z.object({ menuCategoryId: z.uuid(), name: z.string().min(1), renamedAt: OffsetDateTime }),
});
export type MenuCategoryRenamed = z.infer<typeof MenuCategoryRenamed>;

export const MenuCategoryMoved = z.object({
  type: z.literal('MenuCategoryMoved'),
  data: z.object({
    menuCategoryId: z.uuid(),
    /** Recorded so a menu's history reads without folding the stream. */
    previousSortOrder: MenuSortOrder,
    sortOrder: MenuSortOrder,
    movedAt: OffsetDateTime,
  }),
});
export type MenuCategoryMoved = z.infer<typeof MenuCategoryMoved>;

export type MenuCategoryEvent = MenuCategoryDefined | MenuCategoryRenamed | MenuCategoryMoved;

export const menuCategoryEventDefinitions: EventDefinition[] = [
  { schema: MenuCategoryDefined, schemaVersion: 1 },
  { schema: MenuCategoryRenamed, schemaVersion: 1 },
  { schema: MenuCategoryMoved, schemaVersion: 1 },
];
