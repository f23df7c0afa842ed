import { assertNever, type Decider, type Decision } from '../decider.js';
import { DomainError, domainError } from '../errors.js';
import type { EventDefinition } from '../event-registry.js';
import { parseOrError } from '../validation.js';
import { StockItemCommand, type DefineStockItem, type StockUnit } from './stock-item.commands.js';
import { StockItemDefined, StockItemRenamed, type StockItemEvent } from './stock-item.events.js';

/** What a person calls a stock item and the unit its quantities count in. */
export type StockItemState =
  { status: 'none' } | { status: 'defined'; stockItemId: string; name: string; unit: StockUnit };

const defineStockItem = ({ data }: DefineStockItem, state: StockItemState): Decision<StockItemEvent> => {
  const { stockItemId, name, unit, at } = data;
  if (state.status === 'none') return [{ type: 'StockItemDefined', data: { stockItemId, name, unit, definedAt: at } }];
  if (unit !== state.unit) {
    return domainError(
      'STOCK.UNIT_CHANGED',
      'data.unit',
      `${state.name} counts in ${state.unit}; the quantities already recorded would change meaning`,
    );
  }
  // The same definition again is a retry; another name is a rename.
  if (name === state.name) return [];
  return [{ type: 'StockItemRenamed', data: { stockItemId, name, renamedAt: at } }];
};

const decide = (command: StockItemCommand, state: StockItemState): Decision<StockItemEvent> => {
  const parsed = parseOrError(StockItemCommand, command);
  if (parsed instanceof DomainError) return parsed;
  switch (parsed.type) {
    case 'DefineStockItem':
      return defineStockItem(parsed, state);
    default:
      return assertNever(parsed.type);
  }
};

const evolve = (state: StockItemState, event: StockItemEvent): StockItemState => {
  switch (event.type) {
    case 'StockItemDefined': {
      const { stockItemId, name, unit } = event.data;
      return { status: 'defined', stockItemId, name, unit };
    }
    case 'StockItemRenamed':
      return state.status === 'defined' ? { ...state, name: event.data.name } : state;
  }
};

const initialState = (): StockItemState => ({ status: 'none' });

export const stockItemDecider: Decider<StockItemCommand, StockItemEvent, StockItemState> = {
  decide,
  evolve,
  initialState,
};

export const stockItemEventDefinitions: EventDefinition[] = [
  { schema: StockItemDefined, schemaVersion: 1 },
  { schema: StockItemRenamed, schemaVersion: 1 },
];
