import { z } from 'zod';
import { CatalogEntry } from '../catalog/catalog-entry.js';
import type { EventDefinition } from '../event-registry.js';
import { NonNegativePaise } from '../money.js';
import { Tender } from '../payment/tender.js';
import { BillTotals, PricedLine } from '../pricing.js';
import { OrderChannel } from './order.commands.js';
import { BillTerms, Station, TabLineRequest } from './tab.commands.js';

export const TabOpened = z.object({
  type: z.literal('TabOpened'),
  data: z.object({
    orderId: z.uuid(),
    storeId: z.uuid(),
    registerId: z.uuid().nullable(),
    shiftId: z.uuid().nullable(),
    channel: OrderChannel,
    table: z.string().optional(),
    name: z.string().optional(),
    covers: z.number().int().min(1),
  }),
});
export type TabOpened = z.infer<typeof TabOpened>;

/**
 * A kitchen ticket: the round's lines, numbered on the tab, and the catalog entries of the items
 * the tab had not seen before — the price the guest is charged for them for the rest of the meal.
 */
export const RoundFired = z.object({
  type: z.literal('RoundFired'),
  data: z.object({
    orderId: z.uuid(),
    roundId: z.uuid(),
    round: z.number().int().min(1),
    station: Station,
    ticketNumber: z.string().optional(),
    lines: z.array(TabLineRequest).min(1),
    prices: z.array(CatalogEntry),
  }),
});
export type RoundFired = z.infer<typeof RoundFired>;

export const TabLineCancelled = z.object({
  type: z.literal('TabLineCancelled'),
  data: z.object({
    orderId: z.uuid(),
    lineId: z.uuid(),
    itemId: z.uuid(),
    /** The item's name and the gross value taken off (at the tab's price, modifiers included, before tax). */
    name: z.string(),
    quantity: z.number().int().positive(),
    grossPaise: NonNegativePaise,
    reason: z.string().min(1),
    /** The line was on a printed bill: the guest saw it charged. Reported apart. */
    afterBill: z.boolean(),
  }),
});
export type TabLineCancelled = z.infer<typeof TabLineCancelled>;

export const TabMoved = z.object({
  type: z.literal('TabMoved'),
  data: z.object({ orderId: z.uuid(), fromTable: z.string().optional(), toTable: z.string() }),
});
export type TabMoved = z.infer<typeof TabMoved>;

export const BillPrinted = z.object({
  type: z.literal('BillPrinted'),
  data: z.object({
    orderId: z.uuid(),
    billNumber: z.number().int().min(1),
    /** The bill printed again with nothing changed since bill `reprintOf`. */
    reprintOf: z.number().int().min(1).optional(),
    terms: BillTerms,
    lines: z.array(PricedLine).min(1),
    totals: BillTotals,
  }),
});
export type BillPrinted = z.infer<typeof BillPrinted>;

export const BillPart = z.object({
  /** Parts are numbered 1, 2, … in the order of the split. */
  part: z.number().int().min(1),
  payablePaise: NonNegativePaise,
  /** The lines this part pays for; empty for an equal share of the whole bill. */
  lineIds: z.array(z.uuid()),
  seat: z.number().int().optional(),
});
export type BillPart = z.infer<typeof BillPart>;

export const BillSplit = z.object({
  type: z.literal('BillSplit'),
  data: z.object({
    orderId: z.uuid(),
    method: z.enum(['equal', 'lines', 'seats']),
    parts: z.array(BillPart).min(2),
    payablePaise: NonNegativePaise,
  }),
});
export type BillSplit = z.infer<typeof BillSplit>;

/** One part of a split bill paid; the order is placed when the last part is. */
export const BillPartPaid = z.object({
  type: z.literal('BillPartPaid'),
  data: z.object({
    orderId: z.uuid(),
    part: z.number().int().min(1),
    payablePaise: NonNegativePaise,
    tenders: z.array(Tender),
    changePaise: NonNegativePaise,
  }),
});
export type BillPartPaid = z.infer<typeof BillPartPaid>;

/** After the sale a tab became: the tab is settled at what its order came to. */
export const TabSettled = z.object({
  type: z.literal('TabSettled'),
  data: z.object({ orderId: z.uuid(), payablePaise: NonNegativePaise }),
});
export type TabSettled = z.infer<typeof TabSettled>;

export const EmptyTabClosed = z.object({
  type: z.literal('EmptyTabClosed'),
  data: z.object({ orderId: z.uuid(), reason: z.string().min(1) }),
});
export type EmptyTabClosed = z.infer<typeof EmptyTabClosed>;

export type TabEvent =
  | TabOpened
  | RoundFired
  | TabLineCancelled
  | TabMoved
  | BillPrinted
  | BillSplit
  | BillPartPaid
  | TabSettled
  | EmptyTabClosed;

export const TAB_EVENT_TYPES: ReadonlySet<string> = new Set([
  'TabOpened',
  'RoundFired',
  'TabLineCancelled',
  'TabMoved',
  'BillPrinted',
  'BillSplit',
  'BillPartPaid',
  'TabSettled',
  'EmptyTabClosed',
]);

export const tabEventDefinitions: EventDefinition[] = [
  { schema: TabOpened, schemaVersion: 1 },
  { schema: RoundFired, schemaVersion: 1 },
  { schema: TabLineCancelled, schemaVersion: 1 },
  { schema: TabMoved, schemaVersion: 1 },
  { schema: BillPrinted, schemaVersion: 1 },
  { schema: BillSplit, schemaVersion: 1 },
  { schema: BillPartPaid, schemaVersion: 1 },
  { schema: TabSettled, schemaVersion: 1 },
  { schema: EmptyTabClosed, schemaVersion: 1 },
];
