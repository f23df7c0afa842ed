import { z } from 'zod';
import { Uuid } from '../ids.js';
import { Paise } from '../money.js';
import { Count, PeriodFields, periodQuery, reportHeader } from './period.js';

export const ItemsQuery = periodQuery({
  /** How many top sellers to list. */
  limit: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(500, { message: 'must be at most 500' })
    .default(20),
  /** Rank by net quantity or by net taxable value; the other breaks ties. */
  sort: z.enum(['quantity', 'taxable'], { error: 'must be quantity or taxable' }).default('quantity'),
});
export type ItemsQuery = z.infer<typeof ItemsQuery>;

/**
 * An item's sales in the period, modifiers riding on their item's line. Net is sold less refunded
 * less voided, each counted on the day it happened. The name is the one the item sold under most
 * recently in the period.
 */
export const ItemRow = z.object({
  rank: z.number().int().positive(),
  itemId: Uuid,
  name: z.string(),
  quantitySold: Count,
  refundedQuantity: Count,
  voidedQuantity: Count,
  netQuantity: Count,
  taxablePaise: Paise,
  refundedTaxablePaise: Paise,
  voidedTaxablePaise: Paise,
  netTaxablePaise: Paise,
});
export type ItemRow = z.infer<typeof ItemRow>;

export const ItemsReport = z.object({
  ...reportHeader('items'),
  ...PeriodFields,
  sort: z.enum(['quantity', 'taxable']),
  limit: z.number().int().positive(),
  rows: z.array(ItemRow),
});
export type ItemsReport = z.infer<typeof ItemsReport>;

type ItemFigures = Omit<ItemRow, 'rank'>;

/** Code-point order, not the locale's: the same list on every machine. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The top `limit` items, best first: by net quantity then net taxable value (or the other way
 * round), then by name and id so equal items always list in the same order.
 */
export const rankItems = (items: ReadonlyArray<ItemFigures>, sort: ItemsQuery['sort'], limit: number): ItemRow[] => {
  const keys = (item: ItemFigures): [number, number] =>
    sort === 'quantity' ? [item.netQuantity, item.netTaxablePaise] : [item.netTaxablePaise, item.netQuantity];
  return [...items]
    .sort((a, b) => {
      const [a1, a2] = keys(a);
      const [b1, b2] = keys(b);
      return b1 - a1 || b2 - a2 || byText(a.name, b.name) || byText(a.itemId, b.itemId);
    })
    .slice(0, limit)
    .map((item, index) => ({ rank: index + 1, ...item }));
};
