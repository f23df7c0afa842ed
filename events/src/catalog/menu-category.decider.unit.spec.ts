import { describe, expect, it } from 'vitest';
import { spec } from '../testing/decider-spec.js';
import { AT, BRAND, id, LATER } from '../testing/fixtures.js';
import type { DefineMenuCategory, MoveMenuCategory, RenameMenuCategory } from './menu-category.commands.js';
import { menuCategoryDecider } from './menu-category.decider.js';
import { menuCategoryStreamId, type MenuCategoryDefined } from './menu-category.events.js';

const PIZZAS = id(0x7d1);

const define: DefineMenuCategory = {
  type: 'DefineMenuCategory',
  data: { menuCategoryId: PIZZAS, brandId: BRAND, name: 'Pizzas', sortOrder: 10, at: AT },
};

const defined: MenuCategoryDefined = {
  type: 'MenuCategoryDefined',
  data: { menuCategoryId: PIZZAS, brandId: BRAND, name: 'Pizzas', sortOrder: 10, definedAt: AT },
};

const rename = (name: string): RenameMenuCategory => ({
  type: 'RenameMenuCategory',
  data: { menuCategoryId: PIZZAS, name, at: LATER },
});
const move = (sortOrder: number): MoveMenuCategory => ({
  type: 'MoveMenuCategory',
  data: { menuCategoryId: PIZZAS, sortOrder, at: LATER },
});

const menuCategory = spec(menuCategoryDecider);

describe('menu category stream id', () => {
  it('keeps the category before the first hyphen, as the envelope reads it', () => {
    expect(menuCategoryStreamId(PIZZAS)).toBe(`menu_category-${PIZZAS}`);
  });
});

describe('menu category: none', () => {
  const given = menuCategory.given([]);

  it('is defined in its brand with its place on the menu, the name trimmed', () => {
    given.when(define).then([defined]);
    given.when({ ...define, data: { ...define.data, name: '  Pizzas ' } }).then([defined]);
  });

  it('cannot be renamed or moved before it is defined', () => {
    given.when(rename('Pizza')).thenFails('CATALOG.MENU_CATEGORY_NOT_DEFINED', 'data.menuCategoryId');
    given.when(move(20)).thenFails('CATALOG.MENU_CATEGORY_NOT_DEFINED', 'data.menuCategoryId');
  });

  it('refuses a place that is not a whole number from 0 to 9999, and an empty name', () => {
    given
      .when({ ...define, data: { ...define.data, sortOrder: -1 } })
      .thenFails('VALIDATION.INVALID', 'data.sortOrder');
    given
      .when({ ...define, data: { ...define.data, sortOrder: 1.5 } })
      .thenFails('VALIDATION.INVALID', 'data.sortOrder');
    given
      .when({ ...define, data: { ...define.data, sortOrder: 10_000 } })
      .thenFails('VALIDATION.INVALID', 'data.sortOrder');
    given.when({ ...define, data: { ...define.data, name: '   ' } }).thenFails('VALIDATION.INVALID', 'data.name');
  });
});

describe('menu category: defined', () => {
  const given = menuCategory.given([defined]);

  it('is not defined twice', () => {
    given.when(define).thenFails('CATALOG.MENU_CATEGORY_ALREADY_DEFINED', 'data.menuCategoryId');
  });

  it('is renamed, and a rename to its own name records nothing', () => {
    given.when(rename('Wood-fired pizzas')).then([
      {
        type: 'MenuCategoryRenamed',
        data: { menuCategoryId: PIZZAS, name: 'Wood-fired pizzas', renamedAt: LATER },
      },
    ]);
    given.when(rename('Pizzas')).then([]);
  });

  it('moves to another place on the menu, naming the place it left; a move to its own place records nothing', () => {
    given.when(move(30)).then([
      {
        type: 'MenuCategoryMoved',
        data: { menuCategoryId: PIZZAS, previousSortOrder: 10, sortOrder: 30, movedAt: LATER },
      },
    ]);
    given.when(move(10)).then([]);
  });

  it('moves from where the last move left it', () => {
    menuCategory
      .given([
        defined,
        {
          type: 'MenuCategoryMoved',
          data: { menuCategoryId: PIZZAS, previousSortOrder: 10, sortOrder: 30, movedAt: LATER },
        },
      ])
      .when(move(5))
      .then([
        {
          type: 'MenuCategoryMoved',
          data: { menuCategoryId: PIZZAS, previousSortOrder: 30, sortOrder: 5, movedAt: LATER },
        },
      ]);
  });
});
