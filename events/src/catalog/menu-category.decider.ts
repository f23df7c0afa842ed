import { assertNever, type Decider, type Decision } from '../decider.js';
import { domainError, isDomainError } from '../errors.js';
import { parseOrError } from '../validation.js';
import {
  MenuCategoryCommand,
  type DefineMenuCategory,
  type MoveMenuCategory,
  type RenameMenuCategory,
} from './menu-category.commands.js';
import type { MenuCategoryEvent } from './menu-category.events.js';

export type MenuCategoryState =
  { status: 'none' } | { status: 'defined'; menuCategoryId: string; brandId: string; name: string; sortOrder: number };

export const menuCategoryNotDefined = () =>
  domainError('CATALOG.MENU_CATEGORY_NOT_DEFINED', 'data.menuCategoryId', 'no such menu category; define it first');

const defineMenuCategory = ({ data }: DefineMenuCategory, state: MenuCategoryState): Decision<MenuCategoryEvent> => {
  if (state.status !== 'none') {
    return domainError(
      'CATALOG.MENU_CATEGORY_ALREADY_DEFINED',
      'data.menuCategoryId',
      'this menu category is already defined',
    );
  }
  const { menuCategoryId, brandId, name, sortOrder, at } = data;
  return [{ type: 'MenuCategoryDefined', data: { menuCategoryId, brandId, name, sortOrder, definedAt: at } }];
};

const renameMenuCategory = ({ data }: RenameMenuCategory, state: MenuCategoryState): Decision<MenuCategoryEvent> => {
  if (state.status !== 'defined') return menuCategoryNotDefined();
  // A repeated rename (a retried import) changes nothing on the menu, so it records nothing.
  if (data.name === state.name) return [];
  return [
    {
      type: 'MenuCategoryRenamed',
      data: { menuCategoryId: state.menuCategoryId, name: data.name, renamedAt: data.at },
    },
  ];
};

const moveMenuCategory = ({ data }: MoveMenuCategory, state: MenuCategoryState): Decision<MenuCategoryEvent> => {
  if (state.status !== 'defined') return menuCategoryNotDefined();
  if (data.sortOrder === state.sortOrder) return [];
  return [
    {
      type: 'MenuCategoryMoved',
      data: {
        menuCategoryId: state.menuCategoryId,
        previousSortOrder: state.sortOrder,
        sortOrder: data.sortOrder,
        movedAt: data.at,
      },
    },
  ];
};

const decide = (command: MenuCategoryCommand, state: MenuCategoryState): Decision<MenuCategoryEvent> => {
  const parsed = parseOrError(MenuCategoryCommand, command);
  if (isDomainError(parsed)) return parsed;
  switch (parsed.type) {
    case 'DefineMenuCategory':
      return defineMenuCategory(parsed, state);
    case 'RenameMenuCategory':
      return renameMenuCategory(parsed, state);
    case 'MoveMenuCategory':
      return moveMenuCategory(parsed, state);
    default:
      return assertNever(parsed);
  }
};

const evolve = (state: MenuCategoryState, event: MenuCategoryEvent): MenuCategoryState => {
  switch (event.type) {
    case 'MenuCategoryDefined': {
      const { menuCategoryId, brandId, name, sortOrder } = event.data;
      return { status: 'defined', menuCategoryId, brandId, name, sortOrder };
    }
    case 'MenuCategoryRenamed':
      return state.status === 'defined' ? { ...state, name: event.data.name } : state;
    case 'MenuCategoryMoved':
      return state.status === 'defined' ? { ...state, sortOrder: event.data.sortOrder } : state;
    default:
      return assertNever(event);
  }
};

const initialState = (): MenuCategoryState => ({ status: 'none' });

/** One `menu_category-<id>` stream: a brand's menu heading and its place on the menu. */
export const menuCategoryDecider: Decider<MenuCategoryCommand, MenuCategoryEvent, MenuCategoryState> = {
  decide,
  evolve,
  initialState,
};
