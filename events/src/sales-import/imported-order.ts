import { z } from 'zod';
import type { CatalogView } from '../catalog/catalog-entry.js';
import { DomainError } from '../errors.js';
import { NonNegativePaise } from '../money.js';
import { orderDecider, type OrderStreamEvent } from '../order/order.decider.js';
import { TenderKind } from '../payment/tender.js';
import { IsoDate } from '../time.js';
import type { ImportMarker } from './import-marker.js';
import { instantOfLocalTime } from './local-time.js';

/** How an imported order was paid: what another point of sale's export can say, in full. */
export const ImportedTenderKind = TenderKind.extract(['cash', 'card', 'upi', 'wallet']);
export type ImportedTenderKind = z.infer<typeof ImportedTenderKind>;

/** One order of an import file as the importer sends it: its lines, each with the file line it came from. */
export const ImportedOrder = z.object({
  /** The other system's order (bill) number, unique in the file. */
  orderNumber: z.string().trim().min(1).max(40),
  /** The store's own calendar date and wall-clock time, as the other system printed them. */
  date: IsoDate,
  time: z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/, { message: 'must be a time of day HH:MM[:SS]' }),
  tender: ImportedTenderKind,
  lines: z
    .array(
      z.object({
        line: z.number().int().positive(),
        itemId: z.uuid(),
        quantity: z.number().int().positive({ message: 'must be greater than zero' }).max(9999),
        /** What one unit was charged then, before GST unless the import says prices include it. */
        unitPricePaise: NonNegativePaise,
      }),
    )
    .min(1)
    .max(200),
});
export type ImportedOrder = z.infer<typeof ImportedOrder>;

/** The ids of an imported order's parts, derived by the host from (org, import, order number). */
export type ImportedOrderIds = { orderId: string; lineIds: ReadonlyArray<string>; paymentId: string };

export type ImportedOrderInput = {
  order: ImportedOrder;
  ids: ImportedOrderIds;
  importId: string;
  store: { storeId: string; stateCode: string; timeZone: string };
  /** The brand's catalog as it is now, for each item's name, tax rate and HSN/SAC code. */
  catalog: CatalogView;
  pricesIncludeTax: boolean;
  /** The host's clock: a sale dated after it is refused. */
  now: string;
};

/** A refusal of an imported order, pointing at the file line and column it is about. */
export type ImportedOrderRefusal = { line: number; field: string; reason: string };

const LINE_FIELDS: Readonly<Record<string, string>> = { itemId: 'item', quantity: 'quantity' };

/** Where a decider's refusal path (`data.lines.1.quantity`) sits in the file; a line's figures are its price's. */
const refusalOf = (error: DomainError, order: ImportedOrder): ImportedOrderRefusal => {
  const match = /lines\.(\d+)(?:\.(\w+))?/.exec(error.path);
  const line = match ? order.lines[Number(match[1])] : undefined;
  const firstLine = (order.lines[0] as ImportedOrder['lines'][number]).line;
  if (line) return { line: line.line, field: LINE_FIELDS[match?.[2] ?? ''] ?? 'unit_price', reason: error.reason };
  return { line: firstLine, field: error.path.replace(/^data\./, ''), reason: error.reason };
};

/** Far above any bill, so the first pricing of an order never falls short of it. */
const PRICING_TENDER_PAISE = 10_000_000_000_000;

/**
 * Decides one imported order with the same order decider as a checkout: the server's catalog
 * gives each item its name and GST, the file gives the price charged then (not today's), and
 * the bill is paid exactly by the file's tender. Totals, GST and round-off are computed here,
 * never read from the file. Every event is marked as imported, with the file line it came from.
 * Answers the events and when the sale happened, or why the order cannot be imported.
 */
export const decideImportedOrder = (
  input: ImportedOrderInput,
): { occurredAt: string; events: OrderStreamEvent[] } | ImportedOrderRefusal => {
  const { order, ids, store } = input;
  const firstLine = (order.lines[0] as ImportedOrder['lines'][number]).line;
  const occurredAt = instantOfLocalTime(order.date, order.time, store.timeZone);
  if (occurredAt instanceof DomainError) return { line: firstLine, field: 'time', reason: occurredAt.reason };
  if (Date.parse(occurredAt) > Date.parse(input.now))
    return { line: firstLine, field: 'date', reason: `${order.date} ${order.time} is in the future` };

  const catalog: Record<string, CatalogView[string]> = {};
  for (const line of order.lines) {
    const entry = input.catalog[line.itemId];
    if (!entry || entry.kind !== 'item')
      return { line: line.line, field: 'item', reason: 'the brand’s catalog has no such item' };
    const priced = catalog[line.itemId];
    if (priced && priced.unitPricePaise !== line.unitPricePaise)
      return {
        line: line.line,
        field: 'unit_price',
        reason: `the order charges ${entry.name} at two prices; give each price its own order or item`,
      };
    // An item sold then may be off the menu now; what it cost then is the file's to say.
    catalog[line.itemId] = {
      ...entry,
      unitPricePaise: line.unitPricePaise,
      priceIncludesTax: input.pricesIncludeTax,
      active: true,
    };
  }

  const decide = (tenders: Array<{ kind: ImportedTenderKind; amountPaise: number }>) =>
    orderDecider.decide(
      {
        type: 'PlaceOrder',
        data: {
          orderId: ids.orderId,
          storeId: store.storeId,
          registerId: null,
          shiftId: null,
          orderNumber: order.orderNumber,
          channel: 'dine_in',
          lines: order.lines.map((line, index) => ({
            lineId: ids.lineIds[index] as string,
            itemId: line.itemId,
            quantity: line.quantity,
            modifierIds: [],
          })),
          tenders: tenders.map((tender) => ({ paymentId: ids.paymentId, tipPaise: 0, ...tender })),
        },
        context: { store: { storeId: store.storeId, stateCode: store.stateCode }, catalog },
      },
      orderDecider.initialState(),
    );
  const priced = decide([{ kind: 'cash', amountPaise: PRICING_TENDER_PAISE }]);
  if (priced instanceof DomainError) return refusalOf(priced, order);
  const placed = priced.find((event) => event.type === 'OrderPlaced');
  if (placed?.type !== 'OrderPlaced') throw new Error('a placed order without OrderPlaced');
  const payable = placed.data.totals.payablePaise;
  const decision = decide(payable > 0 ? [{ kind: order.tender, amountPaise: payable }] : []);
  if (decision instanceof DomainError) return refusalOf(decision, order);

  const marker: ImportMarker = { importId: input.importId, sourceLine: firstLine };
  const events = decision.map((event) => ({ ...event, data: { ...event.data, imported: marker } }) as OrderStreamEvent);
  return { occurredAt, events };
};
