import { z } from 'zod';
import { CatalogEntry } from '../catalog/catalog-entry.js';
import { GstStateCode } from '../gst.js';
import { Tender } from '../payment/tender.js';
import { Discount, ServiceCharge } from '../pricing.js';
import { OrderChannel, OrderLineRequest } from './order.commands.js';

/** Where a kitchen ticket is sent; the bar pours while the kitchen cooks. */
export const Station = z.enum(['kitchen', 'bar', 'dessert', 'other']);
export type Station = z.infer<typeof Station>;

/** A table's name as the floor knows it (`T4`, `Patio 2`). */
const TableName = z.string().trim().min(1, { message: 'name the table' }).max(40);

const reasonOf = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `${what} needs a reason` })
    .max(200);

/** The store a tab's bill is priced in: its GST state decides intra- or inter-state supply. */
export const TabStoreContext = z.object({ store: z.object({ storeId: z.uuid(), stateCode: GstStateCode }) });
export type TabStoreContext = z.infer<typeof TabStoreContext>;

/**
 * A running order: opened on a table (dine-in) or under a name (a takeaway queue), filled over
 * the meal, billed and settled later, possibly on another till. Its id is the order's id: the
 * settled tab is the order, with the same facts as a quick-service checkout.
 */
export const OpenTab = z.object({
  type: z.literal('OpenTab'),
  data: z
    .object({
      orderId: z.uuid(),
      storeId: z.uuid(),
      registerId: z.uuid().nullable().default(null),
      shiftId: z.uuid().nullable().default(null),
      channel: OrderChannel.default('dine_in'),
      table: TableName.optional(),
      name: z.string().trim().min(1).max(80).optional(),
      covers: z.number().int({ message: 'must be a whole number' }).min(1).max(200).default(1),
    })
    .refine((data) => data.table !== undefined || data.name !== undefined, {
      message: 'a tab needs a table or a name',
      path: ['table'],
    }),
});
export type OpenTab = z.infer<typeof OpenTab>;

/** A line as it is fired: an order line, and the seat it is for when the bill may be split by seats. */
export const TabLineRequest = OrderLineRequest.extend({ seat: z.number().int().min(1).max(200).optional() });
export type TabLineRequest = z.infer<typeof TabLineRequest>;

/**
 * A round of lines sent to one station as one kitchen ticket (KOT). The context holds the catalog
 * entries of its items as sold now; the tab keeps the first price it saw of each item.
 */
export const FireRound = z.object({
  type: z.literal('FireRound'),
  data: z.object({
    orderId: z.uuid(),
    roundId: z.uuid(),
    station: Station.default('kitchen'),
    /** The store's printed ticket number, when the till keeps a sequence. */
    ticketNumber: z.string().min(1).max(40).optional(),
    lines: z.array(TabLineRequest).min(1, { message: 'a round needs at least one line' }).max(100),
  }),
  context: z.object({ catalog: z.record(z.string(), CatalogEntry) }),
});
export type FireRound = z.infer<typeof FireRound>;

/** Takes a fired line (or some of its quantity) off the tab, with a reason; before or after the bill. */
export const CancelTabLine = z.object({
  type: z.literal('CancelTabLine'),
  data: z.object({
    orderId: z.uuid(),
    lineId: z.uuid(),
    quantity: z.number().int({ message: 'must be a whole number' }).positive({ message: 'must be greater than zero' }),
    reason: reasonOf('a cancellation'),
  }),
});
export type CancelTabLine = z.infer<typeof CancelTabLine>;

/** The party moves to another table. */
export const MoveTab = z.object({
  type: z.literal('MoveTab'),
  data: z.object({ orderId: z.uuid(), table: TableName }),
});
export type MoveTab = z.infer<typeof MoveTab>;

/** The terms a bill is printed with; settlement keeps the last printed ones. */
export const BillTerms = z.object({
  orderDiscount: Discount.optional(),
  serviceCharge: ServiceCharge.optional(),
  /** The buyer's state for GST; defaults to the store's own. */
  placeOfSupply: GstStateCode.optional(),
  customerId: z.uuid().optional(),
});
export type BillTerms = z.infer<typeof BillTerms>;

/** Prints the bill: a numbered snapshot of what is owed, before anything is paid. */
export const PrintBill = z.object({
  type: z.literal('PrintBill'),
  data: BillTerms.extend({ orderId: z.uuid() }),
  context: TabStoreContext,
});
export type PrintBill = z.infer<typeof PrintBill>;

export const BillSplitRequest = z.discriminatedUnion('method', [
  /** The bill in n equal parts (the paise that do not divide go to the first parts). */
  z.object({ method: z.literal('equal'), parts: z.number().int().min(2).max(20) }),
  /** Each part names its lines; every line of the tab is in exactly one part. */
  z.object({
    method: z.literal('lines'),
    parts: z
      .array(z.object({ lineIds: z.array(z.uuid()).min(1, { message: 'a part needs at least one line' }) }))
      .min(2, { message: 'a split needs at least two parts' })
      .max(20),
  }),
  /** One part per seat, from the seats the lines were fired for. */
  z.object({ method: z.literal('seats') }),
]);
export type BillSplitRequest = z.infer<typeof BillSplitRequest>;

export const SplitBill = z.object({
  type: z.literal('SplitBill'),
  data: z.object({ orderId: z.uuid(), split: BillSplitRequest }),
  context: TabStoreContext,
});
export type SplitBill = z.infer<typeof SplitBill>;

/**
 * Pays the bill, or one part of a split bill. The part that completes it places the order: the
 * same OrderPlaced, tenders and depletion as a quick-service checkout, every part's tenders on it.
 */
export const SettleTab = z.object({
  type: z.literal('SettleTab'),
  data: z.object({
    orderId: z.uuid(),
    /** The part of a split bill this pays (1, 2, …); none when the bill is not split. */
    part: z.number().int().min(1).optional(),
    tenders: z.array(Tender).max(20),
    /** The register and drawer that settle, when not the ones that opened the tab. */
    registerId: z.uuid().optional(),
    shiftId: z.uuid().optional(),
    orderNumber: z.string().min(1).max(40).optional(),
  }),
  context: TabStoreContext.extend({
    customer: z.object({ customerId: z.uuid(), status: z.enum(['active', 'forgotten']) }).optional(),
  }),
});
export type SettleTab = z.infer<typeof SettleTab>;

/** Closes a tab with nothing left on it (every line cancelled, or nothing ever fired). */
export const CloseEmptyTab = z.object({
  type: z.literal('CloseEmptyTab'),
  data: z.object({ orderId: z.uuid(), reason: reasonOf('closing an empty tab') }),
});
export type CloseEmptyTab = z.infer<typeof CloseEmptyTab>;

export type TabCommand =
  OpenTab | FireRound | CancelTabLine | MoveTab | PrintBill | SplitBill | SettleTab | CloseEmptyTab;
export const TAB_COMMANDS = [
  OpenTab,
  FireRound,
  CancelTabLine,
  MoveTab,
  PrintBill,
  SplitBill,
  SettleTab,
  CloseEmptyTab,
] as const;
