import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DomainError, orderDecider, orderStreamId, type CatalogEntry, type EventEnvelope } from '@possier/events';
import { parse } from 'csv-parse/sync';
import { BENCH_ORG, newEventId } from './payload.js';

const PIZZA_PLACE = new URL('../../../shared/data/pizza-place-2015.csv', import.meta.url);
const STORE = randomUUID();
const REGISTER = randomUUID();

export type OrderCommit = { streamId: string; events: EventEnvelope[] };

type Sale = {
  order_id: string;
  date: string;
  time: string;
  item_id: string;
  item_name: string;
  size: string;
  quantity: string;
  unit_price_minor: string;
};

/** The pizza place's menu as a catalog: one entry per pizza and size, 5 % GST on top. */
const catalogOf = (sales: ReadonlyArray<Sale>): Record<string, CatalogEntry> => {
  const entries = new Map<string, CatalogEntry>();
  for (const sale of sales) {
    const key = `${sale.item_id}/${sale.size}`;
    if (entries.has(key)) continue;
    entries.set(key, {
      itemId: randomUUID(),
      name: `${sale.item_name} (${sale.size})`,
      hsnSac: '996331',
      unitPricePaise: Number(sale.unit_price_minor),
      priceIncludesTax: false,
      taxRateBasisPoints: 500,
      kind: 'item',
      active: true,
      recipe: [],
    });
  }
  return Object.fromEntries([...entries].map(([key, entry]) => [key, entry]));
};

/**
 * The pizza place's orders through the real order decider, without end (the year is replayed
 * again with new order ids when it runs out). Each order is paid in cash,
 * rounded up to the next ₹100, so the decider also records the change given.
 */
function* ordersOf(sales: ReadonlyArray<Sale>, catalog: Record<string, CatalogEntry>): Generator<OrderCommit, never> {
  const byOrder = new Map<string, Sale[]>();
  for (const sale of sales) byOrder.set(sale.order_id, [...(byOrder.get(sale.order_id) ?? []), sale]);
  const context = {
    store: { storeId: STORE, stateCode: '27' },
    catalog: Object.fromEntries(Object.values(catalog).map((e) => [e.itemId, e])),
  };
  for (;;) {
    for (const lines of byOrder.values()) {
      const first = lines[0] as Sale;
      const orderId = randomUUID();
      const due = lines.reduce((sum, sale) => sum + Number(sale.unit_price_minor) * Number(sale.quantity), 0);
      const decision = orderDecider.decide(
        {
          type: 'PlaceOrder',
          data: {
            orderId,
            storeId: STORE,
            registerId: REGISTER,
            shiftId: null,
            channel: 'dine_in',
            lines: lines.map((sale) => ({
              lineId: randomUUID(),
              itemId: (catalog[`${sale.item_id}/${sale.size}`] as CatalogEntry).itemId,
              quantity: Number(sale.quantity),
              modifierIds: [],
            })),
            tenders: [
              { paymentId: randomUUID(), kind: 'cash', amountPaise: Math.ceil((due * 1.06) / 10_000) * 10_000 },
            ],
          },
          context,
        } as never,
        orderDecider.initialState(),
      );
      if (decision instanceof DomainError) throw decision;
      const occurredAt = `2026-${first.date.slice(5)}T${first.time}+05:30`;
      const streamId = orderStreamId(orderId);
      yield {
        streamId,
        events: decision.map((event): EventEnvelope => ({
          eventId: newEventId(),
          type: event.type,
          schemaVersion: 1,
          streamId,
          orgId: BENCH_ORG,
          brandId: null,
          storeId: STORE,
          registerId: REGISTER,
          actorId: REGISTER,
          occurredAt,
          causationId: null,
          correlationId: orderId,
          data: event.data,
        })),
      };
    }
  }
}

/** An endless supply of the pizza place's orders as commits (one order stream each), decided by the real order decider. */
export const pizzaOrders = async (): Promise<Generator<OrderCommit, never>> => {
  const sales = parse(await readFile(PIZZA_PLACE, 'utf8'), { columns: true, skip_empty_lines: true }) as Sale[];
  return ordersOf(sales, catalogOf(sales));
};
