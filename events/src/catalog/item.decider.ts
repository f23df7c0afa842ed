import { assertNever, type Decider, type Decision } from '../decider.js';
import { domainError, fieldPath, isDomainError } from '../errors.js';
import type { Paise } from '../money.js';
import { parseOrError } from '../validation.js';
import type { RecipeComponent } from './catalog-entry.js';
import {
  ItemCommand,
  type AssignTaxCategory,
  type ChangeItemPrice,
  type DeactivateItem,
  type DefineItem,
  type ItemKind,
  type ReactivateItem,
  type RenameItem,
  type SetRecipe,
} from './item.commands.js';
import type { ItemEvent } from './item.events.js';

export type ItemPrice = { unitPricePaise: Paise; priceIncludesTax: boolean };

export type ItemState =
  | { status: 'none' }
  | {
      status: 'defined';
      itemId: string;
      brandId: string;
      name: string;
      kind: ItemKind;
      taxCategoryId: string;
      /** The item's own HSN/SAC; null means its tax category's code applies. */
      hsnSac: string | null;
      /** The brand price, charged by every store without an override. */
      price: ItemPrice;
      /** Store-specific overrides by store id. */
      storePrices: Readonly<Record<string, ItemPrice>>;
      recipe: RecipeComponent[];
      /** An inactive item cannot be sold but stays editable, so a menu can be readied for relaunch. */
      active: boolean;
    };

export type DefinedItem = Extract<ItemState, { status: 'defined' }>;

/** The refusal of a command on an item that was never defined. */
export const itemNotDefined = () =>
  domainError('CATALOG.ITEM_NOT_DEFINED', 'data.itemId', 'no such item; define it first');

const defineItem = ({ data }: DefineItem, state: ItemState): Decision<ItemEvent> => {
  if (state.status !== 'none') {
    return domainError('CATALOG.ITEM_ALREADY_DEFINED', 'data.itemId', 'this item is already defined');
  }
  return [
    {
      type: 'ItemDefined',
      data: {
        itemId: data.itemId,
        brandId: data.brandId,
        name: data.name,
        kind: data.kind,
        taxCategoryId: data.taxCategoryId,
        hsnSac: data.hsnSac ?? null,
        unitPricePaise: data.unitPricePaise,
        priceIncludesTax: data.priceIncludesTax,
        definedAt: data.at,
      },
    },
  ];
};

/**
 * A store price equal to the brand price is still recorded when the store had no override: it
 * pins that store's price against later brand changes. Only a change to the very price already
 * in force for the same target is a no-op.
 */
const changeItemPrice = ({ data }: ChangeItemPrice, state: ItemState): Decision<ItemEvent> => {
  if (state.status !== 'defined') return itemNotDefined();
  const current = data.storeId === undefined ? state.price : state.storePrices[data.storeId];
  if (
    current !== undefined &&
    current.unitPricePaise === data.unitPricePaise &&
    current.priceIncludesTax === data.priceIncludesTax
  ) {
    return [];
  }
  return [
    {
      type: 'ItemPriceChanged',
      data: {
        itemId: state.itemId,
        storeId: data.storeId ?? null,
        unitPricePaise: data.unitPricePaise,
        priceIncludesTax: data.priceIncludesTax,
        effectiveFrom: data.effectiveFrom,
      },
    },
  ];
};

const assignTaxCategory = ({ data }: AssignTaxCategory, state: ItemState): Decision<ItemEvent> => {
  if (state.status !== 'defined') return itemNotDefined();
  const hsnSac = data.hsnSac ?? null;
  if (data.taxCategoryId === state.taxCategoryId && hsnSac === state.hsnSac) return [];
  return [
    {
      type: 'ItemTaxCategoryAssigned',
      data: { itemId: state.itemId, taxCategoryId: data.taxCategoryId, hsnSac, assignedAt: data.at },
    },
  ];
};

const sameRecipe = (a: ReadonlyArray<RecipeComponent>, b: ReadonlyArray<RecipeComponent>): boolean =>
  a.length === b.length &&
  a.every(
    (component, index) => component.stockItemId === b[index]?.stockItemId && component.quantity === b[index]?.quantity,
  );

const setRecipe = ({ data }: SetRecipe, state: ItemState): Decision<ItemEvent> => {
  if (state.status !== 'defined') return itemNotDefined();
  // Two lines for one stock item would deplete it twice under two quantities; the cook means one sum.
  const seen = new Set<string>();
  for (const [index, component] of data.components.entries()) {
    if (seen.has(component.stockItemId)) {
      return domainError(
        'CATALOG.DUPLICATE_RECIPE_COMPONENT',
        fieldPath('data', 'components', index, 'stockItemId'),
        'this stock item is already in the recipe; give its total quantity once',
      );
    }
    seen.add(component.stockItemId);
  }
  if (sameRecipe(data.components, state.recipe)) return [];
  return [{ type: 'RecipeSet', data: { itemId: state.itemId, components: data.components, setAt: data.at } }];
};

const deactivateItem = ({ data }: DeactivateItem, state: ItemState): Decision<ItemEvent> => {
  if (state.status !== 'defined') return itemNotDefined();
  if (!state.active)
    return domainError('CATALOG.ITEM_ALREADY_INACTIVE', 'data.itemId', 'this item is already inactive');
  return [{ type: 'ItemDeactivated', data: { itemId: state.itemId, reason: data.reason, deactivatedAt: data.at } }];
};

const reactivateItem = ({ data }: ReactivateItem, state: ItemState): Decision<ItemEvent> => {
  if (state.status !== 'defined') return itemNotDefined();
  if (state.active) return domainError('CATALOG.ITEM_ALREADY_ACTIVE', 'data.itemId', 'this item is already active');
  return [{ type: 'ItemReactivated', data: { itemId: state.itemId, reactivatedAt: data.at } }];
};

const renameItem = ({ data }: RenameItem, state: ItemState): Decision<ItemEvent> => {
  if (state.status !== 'defined') return itemNotDefined();
  if (data.name === state.name) return [];
  return [{ type: 'ItemRenamed', data: { itemId: state.itemId, name: data.name, renamedAt: data.at } }];
};

const decide = (command: ItemCommand, state: ItemState): Decision<ItemEvent> => {
  const parsed = parseOrError(ItemCommand, command);
  if (isDomainError(parsed)) return parsed;
  switch (parsed.type) {
    case 'DefineItem':
      return defineItem(parsed, state);
    case 'ChangeItemPrice':
      return changeItemPrice(parsed, state);
    case 'AssignTaxCategory':
      return assignTaxCategory(parsed, state);
    case 'SetRecipe':
      return setRecipe(parsed, state);
    case 'DeactivateItem':
      return deactivateItem(parsed, state);
    case 'ReactivateItem':
      return reactivateItem(parsed, state);
    case 'RenameItem':
      return renameItem(parsed, state);
    default:
      return assertNever(parsed);
  }
};

const evolveDefined = (state: DefinedItem, event: Exclude<ItemEvent, { type: 'ItemDefined' }>): DefinedItem => {
  switch (event.type) {
    case 'ItemPriceChanged': {
      const price = { unitPricePaise: event.data.unitPricePaise, priceIncludesTax: event.data.priceIncludesTax };
      return event.data.storeId === null
        ? { ...state, price }
        : { ...state, storePrices: { ...state.storePrices, [event.data.storeId]: price } };
    }
    case 'ItemTaxCategoryAssigned':
      return { ...state, taxCategoryId: event.data.taxCategoryId, hsnSac: event.data.hsnSac };
    case 'RecipeSet':
      return { ...state, recipe: event.data.components };
    case 'ItemDeactivated':
      return { ...state, active: false };
    case 'ItemReactivated':
      return { ...state, active: true };
    case 'ItemRenamed':
      return { ...state, name: event.data.name };
    default:
      return assertNever(event);
  }
};

const evolve = (state: ItemState, event: ItemEvent): ItemState => {
  if (event.type === 'ItemDefined') {
    const { data } = event;
    return {
      status: 'defined',
      itemId: data.itemId,
      brandId: data.brandId,
      name: data.name,
      kind: data.kind,
      taxCategoryId: data.taxCategoryId,
      hsnSac: data.hsnSac,
      price: { unitPricePaise: data.unitPricePaise, priceIncludesTax: data.priceIncludesTax },
      storePrices: {},
      recipe: [],
      active: true,
    };
  }
  return state.status === 'defined' ? evolveDefined(state, event) : state;
};

const initialState = (): ItemState => ({ status: 'none' });

export const itemDecider: Decider<ItemCommand, ItemEvent, ItemState> = {
  decide,
  evolve,
  initialState,
};
