import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import {
  CatalogPullResponse,
  DomainError,
  envelopeEvents,
  eventRegistry,
  orderDecider,
  orderStreamId,
  ReplayResponse,
  type CatalogEntry,
  type EventEnvelope,
} from '@possier/events';
import { ok, uuidv7, type Ledger, type Restaurant } from '@possier/ledger/testing';

/**
 * The shared "Pizza Place Sales" data (/work/shared/data, README there): one real restaurant's
 * 2015, one row per order line. Prices are US cents, read as rupees at 20 paise per cent as the
 * demo does, so they stay integers and plausible.
 */
const PIZZA_PLACE = new URL('../../../shared/data/pizza-place-2015.csv', import.meta.url);
const PAISE_PER_CENT = 20;

export type PizzaSale = {
  orderNumber: string;
  date: string;
  time: string;
  lines: Array<{ key: string; quantity: number }>;
};
export type PizzaMenuEntry = { key: string; name: string; unitPricePaise: number };

/** One CSV line's fields; a field in double quotes may hold commas (`"The Pepperoni, Mushroom, …"`). */
const fieldsOf = (line: string): string[] =>
  [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((match) =>
    match[1] !== undefined ? match[1].replaceAll('""', '"') : (match[2] ?? ''),
  );

/** The pizza place's orders of one month (`2015-02`), in the order they were rung up, and the menu they use. */
export const readPizzaMonth = async (month: string): Promise<{ menu: PizzaMenuEntry[]; sales: PizzaSale[] }> => {
  const [, ...lines] = (await readFile(PIZZA_PLACE, 'utf8')).trimEnd().split('\n');
  const menu = new Map<string, PizzaMenuEntry>();
  const sales = new Map<string, PizzaSale>();
  for (const line of lines) {
    const [orderNumber, date, time, itemId, itemName, , size, quantity, unitPriceMinor] = fieldsOf(line) as string[];
    if (!date?.startsWith(month)) continue;
    const key = `${itemId}/${size}`;
    if (!menu.has(key)) {
      menu.set(key, { key, name: `${itemName} (${size})`, unitPricePaise: Number(unitPriceMinor) * PAISE_PER_CENT });
    }
    const sale = sales.get(orderNumber as string) ?? {
      orderNumber: orderNumber as string,
      date,
      time: time as string,
      lines: [],
    };
    sale.lines.push({ key, quantity: Number(quantity) });
    sales.set(orderNumber as string, sale);
  }
  return { menu: [...menu.values()], sales: [...sales.values()] };
};

/**
 * Puts the menu in the shop's brand (5 % GST on top, effective from `at`) and answers the
 * catalog as store A's register R1 pulls it: what a till sells from.
 */
export const definePizzaMenu = async (
  ledger: Ledger,
  shop: Restaurant,
  menu: ReadonlyArray<PizzaMenuEntry>,
  at: string,
): Promise<Map<string, CatalogEntry>> => {
  const itemIds = new Map<string, string>();
  for (const entry of menu) {
    const itemId = randomUUID();
    itemIds.set(entry.key, itemId);
    ok(
      await ledger.command('/v1/items', shop.ownerToken, {
        itemId,
        brandId: shop.ids.brand,
        name: entry.name,
        kind: 'item',
        taxCategoryId: shop.ids.food,
        unitPricePaise: entry.unitPricePaise,
        priceIncludesTax: false,
        at,
      }),
    );
  }
  // The pull reads the log below its oldest running transaction, which a writer elsewhere on the
  // server may hold back a moment: pull again until every item just defined is there.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const pulled = CatalogPullResponse.parse(
      ok(await ledger.get(`/v1/registers/${shop.ids.r1}/catalog`, shop.r1Token)).body,
    );
    const byId = new Map(pulled.entries.map((entry) => [entry.itemId, entry]));
    if ([...itemIds.values()].every((itemId) => byId.has(itemId))) {
      return new Map([...itemIds].map(([key, itemId]) => [key, byId.get(itemId) as CatalogEntry]));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the register never saw the whole menu in its catalog pull');
};

/**
 * A sale as register R1's outbox holds it: decided by the shared order decider against the pulled
 * catalog, paid in cash rounded up to the next ₹100, rung up at its time in Kolkata on `date`
 * (the data's own date unless another is given).
 */
export const pizzaSaleEvents = (
  shop: Restaurant,
  catalog: ReadonlyMap<string, CatalogEntry>,
  sale: PizzaSale,
  date = sale.date,
): EventEnvelope[] => {
  const orderId = uuidv7();
  const entries = sale.lines.map((line) => catalog.get(line.key) as CatalogEntry);
  const due = sale.lines.reduce(
    (sum, line, index) => sum + (entries[index] as CatalogEntry).unitPricePaise * line.quantity,
    0,
  );
  const decision = orderDecider.decide(
    {
      type: 'PlaceOrder',
      data: {
        orderId,
        storeId: shop.ids.storeA,
        registerId: shop.ids.r1,
        shiftId: null,
        channel: 'dine_in',
        lines: sale.lines.map((line, index) => ({
          lineId: randomUUID(),
          itemId: (entries[index] as CatalogEntry).itemId,
          quantity: line.quantity,
          modifierIds: [],
        })),
        // 5 % GST on top; rounding the tender up to ₹100 leaves change, which the decider records.
        tenders: [
          {
            paymentId: randomUUID(),
            kind: 'cash',
            amountPaise: Math.ceil((due * 1.06) / 10_000) * 10_000,
            tipPaise: 0,
          },
        ],
      },
      context: {
        store: { storeId: shop.ids.storeA, stateCode: '27' },
        catalog: Object.fromEntries(entries.map((entry) => [entry.itemId, entry])),
      },
    },
    orderDecider.initialState(),
  );
  if (decision instanceof DomainError) throw decision;
  const commandId = uuidv7();
  return envelopeEvents(decision, {
    streamId: orderStreamId(orderId),
    eventIds: decision.map(() => uuidv7()),
    schemaVersionOf: (type) => eventRegistry.currentVersion(type),
    metadata: {
      orgId: shop.ids.org,
      brandId: shop.ids.brand,
      storeId: shop.ids.storeA,
      registerId: shop.ids.r1,
      actorId: shop.ids.r1,
      occurredAt: `${date}T${sale.time}+05:30`,
      causationId: commandId,
      correlationId: commandId,
    },
  });
};

/**
 * Replays sales through R1's offline replay endpoint, as the till does when it reconnects, in
 * batches the contract takes (a sale's events never split); every event must be accepted.
 */
export const replayThroughTill = async (
  ledger: Ledger,
  shop: Restaurant,
  sales: ReadonlyArray<ReadonlyArray<EventEnvelope>>,
  batchSize = 500,
): Promise<void> => {
  const batches: EventEnvelope[][] = [[]];
  for (const events of sales) {
    if ((batches.at(-1) as EventEnvelope[]).length + events.length > batchSize) batches.push([]);
    (batches.at(-1) as EventEnvelope[]).push(...events);
  }
  for (const batch of batches.filter((events) => events.length > 0)) {
    const response = ok(
      await ledger.post(`/v1/registers/${shop.ids.r1}/replay`, shop.r1Token, {
        registerId: shop.ids.r1,
        batchId: uuidv7(),
        events: batch,
      }),
    );
    const { verdicts } = ReplayResponse.parse(response.body);
    const refused = verdicts.filter((verdict) => verdict.verdict !== 'accepted');
    if (refused.length > 0) throw new Error(`replay not accepted: ${JSON.stringify(refused.slice(0, 3))}`);
  }
};
