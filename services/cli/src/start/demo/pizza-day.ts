import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

/**
 * One day (1 January 2015) of a real pizza place's orders: the public "Pizza Place Sales" data set
 * (Maven Analytics), one row per order line. Prices are US cents; the demo menu reads them as
 * rupees at 20 paise per cent, which keeps them integers and plausible.
 */
const DAY_FILE = new URL('../../../demo/pizza-place-day.csv', import.meta.url);
export const PAISE_PER_CENT = 20;

type Row = {
  order_id: string;
  time: string;
  item_id: string;
  item_name: string;
  size: string;
  quantity: string;
  unit_price_minor: string;
};

export type MenuEntry = { key: string; name: string; size: string; unitPricePaise: number };
export type DayOrder = { time: string; lines: Array<{ key: string; quantity: number }> };

export const readPizzaDay = async (): Promise<{ menu: MenuEntry[]; orders: DayOrder[] }> => {
  const rows = parse(await readFile(DAY_FILE, 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
  const menu = new Map<string, MenuEntry>();
  const orders = new Map<string, DayOrder>();
  for (const row of rows) {
    const key = `${row.item_id}/${row.size}`;
    if (!menu.has(key)) {
      menu.set(key, {
        key,
        name: `${row.item_name} (${row.size})`,
        size: row.size,
        unitPricePaise: Number(row.unit_price_minor) * PAISE_PER_CENT,
      });
    }
    const order = orders.get(row.order_id) ?? { time: row.time, lines: [] };
    order.lines.push({ key, quantity: Number(row.quantity) });
    orders.set(row.order_id, order);
  }
  return { menu: [...menu.values()], orders: [...orders.values()] };
};
