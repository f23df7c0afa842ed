import { assertNever, type Decider, type Decision } from '../decider.js';
import { DomainError, domainError } from '../errors.js';
import type { EventDefinition } from '../event-registry.js';
import { parseOrError } from '../validation.js';
import { StockDepleted } from './stock-depleted.js';
import { StockCommand, type AdjustStock } from './stock.commands.js';
import { StockAdjusted, type StockEvent } from './stock.events.js';

/**
 * One stream per stock item per store. The stream never knows stock on hand: sales deplete it on
 * the order streams. It knows what was adjusted by hand, which is enough to keep adjustments
 * idempotent and transfers recorded once.
 */
export type StockState =
  | { status: 'untracked' }
  | {
      status: 'tracked';
      storeId: string;
      stockItemId: string;
      /** The last physical count, or null while the item has never been counted. */
      lastCount: { countedQuantity: number; countedAt: string } | null;
      /** Sum of the deltas since the last count (since the first adjustment when never counted). */
      deltaSinceCount: number;
      adjustmentIds: ReadonlyArray<string>;
      transferIdsIn: ReadonlyArray<string>;
      transferIdsOut: ReadonlyArray<string>;
    };

export const stockStreamId = (storeId: string, stockItemId: string): string => `stock-${storeId}-${stockItemId}`;

type Adjustment = AdjustStock['data'];

const checkQuantity = (data: Adjustment): DomainError | undefined => {
  if (data.reason === 'count') {
    if (!Number.isSafeInteger(data.countedQuantity) || data.countedQuantity < 0) {
      return domainError(
        'STOCK.INVALID_QUANTITY',
        'data.countedQuantity',
        'must be a whole number of base units, zero or more',
      );
    }
    return undefined;
  }
  if (!Number.isSafeInteger(data.quantity) || data.quantity <= 0) {
    return domainError(
      'STOCK.INVALID_QUANTITY',
      'data.quantity',
      'must be a whole number of base units greater than zero',
    );
  }
  return undefined;
};

/** The event for a valid adjustment; the sign of the delta follows the reason, never the caller. */
const adjustedEvent = (data: Adjustment): StockAdjusted => {
  const { stockItemId, storeId, adjustmentId, occurredAt } = data;
  const target = { stockItemId, storeId, adjustmentId, occurredAt };
  switch (data.reason) {
    case 'count':
      return { type: 'StockAdjusted', data: { ...target, reason: 'count', countedQuantity: data.countedQuantity } };
    case 'waste':
      return {
        type: 'StockAdjusted',
        data: { ...target, reason: 'waste', quantityDelta: -data.quantity, note: data.note },
      };
    case 'receipt':
      return {
        type: 'StockAdjusted',
        data: {
          ...target,
          reason: 'receipt',
          quantityDelta: data.quantity,
          ...(data.supplierReference !== undefined && { supplierReference: data.supplierReference }),
        },
      };
    case 'transfer_out':
    case 'transfer_in': {
      const { reason, counterpartStoreId, transferId } = data;
      const quantityDelta = reason === 'transfer_out' ? -data.quantity : data.quantity;
      return { type: 'StockAdjusted', data: { ...target, reason, quantityDelta, counterpartStoreId, transferId } };
    }
  }
};

const adjustStock = ({ data }: AdjustStock, state: StockState): Decision<StockEvent> => {
  const invalid = checkQuantity(data);
  if (invalid) return invalid;
  if ((data.reason === 'transfer_in' || data.reason === 'transfer_out') && data.counterpartStoreId === data.storeId) {
    return domainError(
      'STOCK.TRANSFER_TO_SAME_STORE',
      'data.counterpartStoreId',
      'a transfer must go to or come from another store',
    );
  }
  if (state.status === 'untracked') return [adjustedEvent(data)];

  // Checked before the retry rule: an adjustment id seen on this stream says nothing about another.
  if (data.storeId !== state.storeId) {
    return domainError('STOCK.WRONG_STREAM', 'data.storeId', `this stream holds the stock of store ${state.storeId}`);
  }
  if (data.stockItemId !== state.stockItemId) {
    return domainError('STOCK.WRONG_STREAM', 'data.stockItemId', `this stream holds stock item ${state.stockItemId}`);
  }
  if (state.adjustmentIds.includes(data.adjustmentId)) return [];

  if (data.reason === 'transfer_in' || data.reason === 'transfer_out') {
    const seen = data.reason === 'transfer_in' ? state.transferIdsIn : state.transferIdsOut;
    if (seen.includes(data.transferId)) {
      return domainError(
        'STOCK.TRANSFER_ALREADY_RECORDED',
        'data.transferId',
        `transfer ${data.transferId} is already recorded as ${data.reason} under another adjustment`,
      );
    }
  }
  const event = adjustedEvent(data);
  // The running sum must stay exact for evolve, which cannot refuse anything.
  if (event.data.reason !== 'count' && !Number.isSafeInteger(state.deltaSinceCount + event.data.quantityDelta)) {
    return domainError(
      'STOCK.QUANTITY_OUT_OF_RANGE',
      'data.quantity',
      'the adjustments since the last count would exceed a safe integer',
    );
  }
  return [event];
};

const decide = (command: StockCommand, state: StockState): Decision<StockEvent> => {
  const parsed = parseOrError(StockCommand, command);
  if (parsed instanceof DomainError) return parsed;
  switch (parsed.type) {
    case 'AdjustStock':
      return adjustStock(parsed, state);
    default:
      return assertNever(parsed.type);
  }
};

const evolve = (state: StockState, { data }: StockEvent): StockState => {
  const tracked =
    state.status === 'tracked'
      ? state
      : {
          status: 'tracked' as const,
          storeId: data.storeId,
          stockItemId: data.stockItemId,
          lastCount: null,
          deltaSinceCount: 0,
          adjustmentIds: [],
          transferIdsIn: [],
          transferIdsOut: [],
        };
  const adjustmentIds = [...tracked.adjustmentIds, data.adjustmentId];
  switch (data.reason) {
    case 'count':
      return {
        ...tracked,
        adjustmentIds,
        lastCount: { countedQuantity: data.countedQuantity, countedAt: data.occurredAt },
        deltaSinceCount: 0,
      };
    case 'waste':
    case 'receipt':
      return { ...tracked, adjustmentIds, deltaSinceCount: tracked.deltaSinceCount + data.quantityDelta };
    case 'transfer_in':
      return {
        ...tracked,
        adjustmentIds,
        deltaSinceCount: tracked.deltaSinceCount + data.quantityDelta,
        transferIdsIn: [...tracked.transferIdsIn, data.transferId],
      };
    case 'transfer_out':
      return {
        ...tracked,
        adjustmentIds,
        deltaSinceCount: tracked.deltaSinceCount + data.quantityDelta,
        transferIdsOut: [...tracked.transferIdsOut, data.transferId],
      };
  }
};

const initialState = (): StockState => ({ status: 'untracked' });

export const stockDecider: Decider<StockCommand, StockEvent, StockState> = { decide, evolve, initialState };

/** `StockDepleted` is appended on order streams, but its type is defined here with the stock facts. */
export const stockEventDefinitions: EventDefinition[] = [
  { schema: StockAdjusted, schemaVersion: 1 },
  { schema: StockDepleted, schemaVersion: 1 },
];
