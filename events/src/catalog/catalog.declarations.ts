import { declareCommand, type CommandAuthorization } from '../command-declaration.js';
import { domainError } from '../errors.js';
import {
  AssignTaxCategory,
  ChangeItemPrice,
  DeactivateItem,
  DefineItem,
  ReactivateItem,
  RenameItem,
  SetRecipe,
} from './item.commands.js';
import { itemDecider, itemNotDefined, type ItemState } from './item.decider.js';
import { itemStreamId } from './item.events.js';
import { ChangeTaxRate, DefineTaxCategory } from './tax-category.commands.js';
import { taxCategoryDecider } from './tax-category.decider.js';
import { taxCategoryStreamId } from './tax-category.events.js';

export const defineTaxCategory = declareCommand({
  type: 'DefineTaxCategory',
  route: { path: '/v1/tax-categories', summary: 'Define a GST tax category' },
  data: DefineTaxCategory.shape.data,
  stream: (data) => taxCategoryStreamId(data.taxCategoryId),
  decider: taxCategoryDecider,
  authorization: { action: 'catalog.manage', target: (data) => ({ orgId: data.orgId }) },
  command: ({ data }) => ({ type: 'DefineTaxCategory' as const, data }),
});

export const changeTaxRate = declareCommand({
  type: 'ChangeTaxRate',
  route: { path: '/v1/tax-categories/{taxCategoryId}/rate', summary: 'Change a tax category rate' },
  data: ChangeTaxRate.shape.data,
  stream: (data) => taxCategoryStreamId(data.taxCategoryId),
  decider: taxCategoryDecider,
  authorization: { action: 'catalog.manage', target: () => ({}) },
  command: ({ data }) => ({ type: 'ChangeTaxRate' as const, data }),
});

export const defineItem = declareCommand({
  type: 'DefineItem',
  route: { path: '/v1/items', summary: 'Define a catalog item or modifier' },
  data: DefineItem.shape.data,
  stream: (data) => itemStreamId(data.itemId),
  decider: itemDecider,
  authorization: { action: 'catalog.manage', target: (data) => ({ brandId: data.brandId }) },
  command: ({ data, scope }) =>
    scope.tenancy?.brands[data.brandId]
      ? { type: 'DefineItem' as const, data }
      : domainError('CATALOG.UNKNOWN_BRAND', 'data.brandId', 'no such brand in this org'),
});

type ItemData = { itemId: string; storeId?: string | undefined };

/** Every later item command acts in the item's brand (and a store price in its store). */
const onDefinedItem: CommandAuthorization<ItemData, ItemState> = {
  action: 'catalog.manage',
  target: (data, state) => {
    if (state.status === 'none') return itemNotDefined();
    return data.storeId === undefined ? { brandId: state.brandId } : { storeId: data.storeId };
  },
};

/** A store the command names must sell the item's brand. */
const inItemBrand = <Command>(
  state: ItemState,
  store: { brandId: string } | undefined,
  command: Command,
): Command | ReturnType<typeof domainError> =>
  state.status === 'defined' && store && store.brandId !== state.brandId
    ? domainError('CATALOG.STORE_OF_ANOTHER_BRAND', 'data.storeId', 'the store sells another brand’s menu')
    : command;

export const changeItemPrice = declareCommand({
  type: 'ChangeItemPrice',
  route: { path: '/v1/items/{itemId}/price', summary: "Change an item's brand or store price" },
  data: ChangeItemPrice.shape.data,
  stream: (data) => itemStreamId(data.itemId),
  decider: itemDecider,
  authorization: onDefinedItem,
  command: ({ data, state, scope }) => inItemBrand(state, scope.store, { type: 'ChangeItemPrice' as const, data }),
});

export const assignTaxCategory = declareCommand({
  type: 'AssignTaxCategory',
  route: { path: '/v1/items/{itemId}/tax-category', summary: 'Assign an item to a tax category' },
  data: AssignTaxCategory.shape.data,
  stream: (data) => itemStreamId(data.itemId),
  decider: itemDecider,
  authorization: onDefinedItem,
  command: ({ data, state, scope }) => inItemBrand(state, scope.store, { type: 'AssignTaxCategory' as const, data }),
});

export const setRecipe = declareCommand({
  type: 'SetRecipe',
  route: { path: '/v1/items/{itemId}/recipe', summary: "Set an item's recipe" },
  data: SetRecipe.shape.data,
  stream: (data) => itemStreamId(data.itemId),
  decider: itemDecider,
  authorization: onDefinedItem,
  command: ({ data, state, scope }) => inItemBrand(state, scope.store, { type: 'SetRecipe' as const, data }),
});

export const renameItem = declareCommand({
  type: 'RenameItem',
  route: { path: '/v1/items/{itemId}/name', summary: 'Rename an item' },
  data: RenameItem.shape.data,
  stream: (data) => itemStreamId(data.itemId),
  decider: itemDecider,
  authorization: onDefinedItem,
  command: ({ data, state, scope }) => inItemBrand(state, scope.store, { type: 'RenameItem' as const, data }),
});

export const deactivateItem = declareCommand({
  type: 'DeactivateItem',
  route: { path: '/v1/items/{itemId}/deactivate', summary: 'Take an item off sale' },
  data: DeactivateItem.shape.data,
  stream: (data) => itemStreamId(data.itemId),
  decider: itemDecider,
  authorization: onDefinedItem,
  command: ({ data, state, scope }) => inItemBrand(state, scope.store, { type: 'DeactivateItem' as const, data }),
});

export const reactivateItem = declareCommand({
  type: 'ReactivateItem',
  route: { path: '/v1/items/{itemId}/reactivate', summary: 'Put an item back on sale' },
  data: ReactivateItem.shape.data,
  stream: (data) => itemStreamId(data.itemId),
  decider: itemDecider,
  authorization: onDefinedItem,
  command: ({ data, state, scope }) => inItemBrand(state, scope.store, { type: 'ReactivateItem' as const, data }),
});
