import { z } from 'zod';
import type { CatalogView } from '../catalog/catalog-entry.js';
import type { EventDefinition } from '../event-registry.js';
import { fieldPath } from '../errors.js';
import { formatRupees } from '../money.js';
import type { OrderPlaced } from './order.events.js';

/**
 * What changed while a register was offline, found when its sale is replayed: the price or tax
 * rate it sold at is no longer the catalog's, the item was deactivated (or is unknown to the
 * server), the sale took a stock item below zero, or it redeemed loyalty points another register
 * had already spent (`loyalty_shortfall`), the till's clock was off and the sale was placed by
 * corrected time (`clock_skew`), or it falls outside the offline window (`outside_offline_window`,
 * see clock-policy.ts), or a void or refund met reversals already stored from elsewhere
 * (`already_reversed`: only what was left is reversed). The sale stands either way — it happened —
 * and the conflict is recorded beside it for a manager.
 */
export const OfflineConflict = z.object({
  kind: z.enum([
    'price_changed',
    'item_inactive',
    'stock_negative',
    'loyalty_shortfall',
    'clock_skew',
    'outside_offline_window',
    'already_reversed',
    'other',
  ]),
  /** The field of the replayed event the conflict is about (`data.lines.0.unitPricePaise`). */
  path: z.string(),
  detail: z.string(),
  itemId: z.uuid().optional(),
  stockItemId: z.uuid().optional(),
  /** What the register recorded and what the server holds now, for a price or a rate. */
  recorded: z.number().int().optional(),
  current: z.number().int().optional(),
  /** Stock on hand, in base units, once the sale's depletion is counted. */
  onHandAfter: z.number().int().optional(),
});
export type OfflineConflict = z.infer<typeof OfflineConflict>;

/**
 * The conflicts of one replayed sale, appended to the order's stream after the sale, caused by
 * its `OrderPlaced`. Reports read them; the order's state ignores them.
 */
export const OfflineConflictRecorded = z.object({
  type: z.literal('OfflineConflictRecorded'),
  data: z.object({
    orderId: z.uuid(),
    storeId: z.uuid(),
    registerId: z.uuid().nullable(),
    /** The replayed event the conflicts were found in. */
    placedEventId: z.uuid(),
    conflicts: z.array(OfflineConflict).min(1),
  }),
});
export type OfflineConflictRecorded = z.infer<typeof OfflineConflictRecorded>;

export const offlineConflictEventDefinitions: EventDefinition[] = [
  { schema: OfflineConflictRecorded, schemaVersion: 1 },
];

/**
 * Compares a sale decided offline with the catalog as the server holds it now. Each line's item
 * and modifiers must still be sellable at the price and rate the register charged; any
 * difference is a conflict, never a reason to refuse the sale.
 */
export const catalogConflictsOf = (
  placed: OrderPlaced['data'],
  current: CatalogView,
  path = 'data',
): OfflineConflict[] => {
  const conflicts: OfflineConflict[] = [];
  placed.lines.forEach((line, index) => {
    const linePath = fieldPath(path, 'lines', index);
    const entry = current[line.itemId];
    if (!entry || !entry.active) {
      conflicts.push({
        kind: 'item_inactive',
        path: fieldPath(linePath, 'itemId'),
        detail: entry ? `${line.name} is no longer sold` : `${line.name} is not in the catalog`,
        itemId: line.itemId,
      });
      return;
    }
    if (entry.unitPricePaise !== line.unitPricePaise || entry.priceIncludesTax !== line.priceIncludesTax) {
      conflicts.push({
        kind: 'price_changed',
        path: fieldPath(linePath, 'unitPricePaise'),
        detail: `${line.name} was sold at ${formatRupees(line.unitPricePaise)}; the price is now ${formatRupees(entry.unitPricePaise)}${
          entry.priceIncludesTax === line.priceIncludesTax ? '' : ` (tax ${entry.priceIncludesTax ? 'in' : 'ex'}cluded)`
        }`,
        itemId: line.itemId,
        recorded: line.unitPricePaise,
        current: entry.unitPricePaise,
      });
    }
    if (entry.taxRateBasisPoints !== line.taxRateBasisPoints) {
      conflicts.push({
        kind: 'price_changed',
        path: fieldPath(linePath, 'taxRateBasisPoints'),
        detail: `${line.name} was taxed at ${line.taxRateBasisPoints} basis points; the rate is now ${entry.taxRateBasisPoints}`,
        itemId: line.itemId,
        recorded: line.taxRateBasisPoints,
        current: entry.taxRateBasisPoints,
      });
    }
    line.modifiers.forEach((modifier, modifierIndex) => {
      const modifierPath = fieldPath(linePath, 'modifiers', modifierIndex);
      const modifierEntry = current[modifier.itemId];
      if (!modifierEntry || !modifierEntry.active) {
        conflicts.push({
          kind: 'item_inactive',
          path: fieldPath(modifierPath, 'itemId'),
          detail: `${modifier.name} is no longer sold`,
          itemId: modifier.itemId,
        });
      } else if (modifierEntry.unitPricePaise !== modifier.unitPricePaise) {
        conflicts.push({
          kind: 'price_changed',
          path: fieldPath(modifierPath, 'unitPricePaise'),
          detail: `${modifier.name} was sold at ${formatRupees(modifier.unitPricePaise)}; the price is now ${formatRupees(modifierEntry.unitPricePaise)}`,
          itemId: modifier.itemId,
          recorded: modifier.unitPricePaise,
          current: modifierEntry.unitPricePaise,
        });
      }
    });
  });
  return conflicts;
};

/**
 * A depletion that leaves less than nothing on hand: the store sold what its records say it did
 * not have (two registers offline selling the last portions, or a receipt not yet entered).
 */
export const stockConflictOf = (
  depletion: { stockItemId: string; quantity: number },
  onHandAfter: number,
  path: string,
): OfflineConflict | undefined =>
  onHandAfter < 0
    ? {
        kind: 'stock_negative',
        path,
        detail: `selling ${depletion.quantity} units left ${onHandAfter} on hand`,
        stockItemId: depletion.stockItemId,
        onHandAfter,
      }
    : undefined;
