import type { StockDepleted } from './stock-depleted.js';
import type { StockAdjusted } from './stock.events.js';

/** How one event moves a store's stock of one item: a count sets it, everything else shifts it. */
export type StockMovement =
  | { stockItemId: string; storeId: string; kind: 'set'; quantity: number }
  | { stockItemId: string; storeId: string; kind: 'shift'; quantity: number };

/** The one rule for stock on hand, used by the stock report's projection and by the ledger alike. */
export const stockMovementOf = (event: StockDepleted | StockAdjusted): StockMovement => {
  const { stockItemId, storeId } = event.data;
  if (event.type === 'StockDepleted') return { stockItemId, storeId, kind: 'shift', quantity: -event.data.quantity };
  const { data } = event;
  return data.reason === 'count'
    ? { stockItemId, storeId, kind: 'set', quantity: data.countedQuantity }
    : { stockItemId, storeId, kind: 'shift', quantity: data.quantityDelta };
};

/** On hand after a run of movements of one stock item, in log order, from `start`. */
export const onHandAfter = (movements: ReadonlyArray<StockMovement>, start = 0): number =>
  movements.reduce(
    (onHand, movement) => (movement.kind === 'set' ? movement.quantity : onHand + movement.quantity),
    start,
  );
