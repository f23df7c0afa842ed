import { ImportedTenderKind, IsoDate, sameName, type ImportedOrder } from '@possier/events';
import { CsvError, parse } from 'csv-parse/sync';

/** What is wrong with a row: its line in the file, the column, and why. */
export type SalesRowError = { line: number; field: string; reason: string };

type Column = 'order' | 'date' | 'time' | 'item' | 'size' | 'quantity' | 'unit_price' | 'tender';

/**
 * Header spellings, compared without case, spaces or punctuation: this file's own names, and the
 * shared pizza-place export's (`order_id`, `item_name`, `unit_price_minor`). Other columns (an
 * item code, a menu category) are read past.
 */
const HEADERS: Readonly<Record<string, Column>> = {
  order: 'order',
  orderid: 'order',
  ordernumber: 'order',
  orderno: 'order',
  bill: 'order',
  billnumber: 'order',
  date: 'date',
  time: 'time',
  item: 'item',
  itemname: 'item',
  size: 'size',
  quantity: 'quantity',
  qty: 'quantity',
  unitprice: 'unit_price',
  unitpriceminor: 'unit_price',
  unitpricepaise: 'unit_price',
  price: 'unit_price',
  tender: 'tender',
  payment: 'tender',
};
const REQUIRED: ReadonlyArray<Column> = ['order', 'date', 'time', 'item', 'quantity', 'unit_price'];

/** The column names this file format documents, for messages. */
export const SALES_COLUMNS = 'order, date, time, item, size, quantity, unit_price, tender';

const headerKey = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');

export type MenuItem = { itemId: string; name: string };

/** One order of the file, as sent, or every reason it cannot be. */
export type SalesFileOrder = {
  orderNumber: string;
  /** The file lines of its rows, in file order. */
  lines: number[];
  order: ImportedOrder | undefined;
  errors: SalesRowError[];
};

export type SalesFile = {
  /** Every order, in the order its first row appears in the file. */
  orders: SalesFileOrder[];
  rows: number;
  /** Errors about the file as a whole (no header, a missing column); then nothing is imported. */
  fileErrors: SalesRowError[];
  /** Header cells read past (not columns of this format). */
  ignoredColumns: string[];
};

/**
 * The item a row names: the catalog's item of exactly that name (any case, surrounding space
 * ignored, as `--item` matches an exact name), or with a size, the item named "Name (Size)".
 */
const matchItem = (menu: ReadonlyArray<MenuItem>, name: string, size: string): MenuItem | undefined => {
  const named = (wanted: string) => menu.find((item) => sameName(item.name, wanted));
  return size === '' ? named(name) : (named(`${name} (${size})`) ?? named(name));
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/**
 * Reads a file of past sales, one row per order line, and checks every row: the order number,
 * the store-local date and time, the item by its name on the brand's menu (with its size, when
 * the file has a size column and the menu names items "Name (Size)"), a whole quantity above
 * zero, the unit price charged then in whole paise, and the tender (cash when the row leaves it
 * empty). Rows are grouped into orders by number; an order with any bad row is left out whole,
 * with every reason it has. Pure: the menu comes in, nothing is sent.
 */
export const readSalesCsv = (
  text: string,
  menu: ReadonlyArray<MenuItem>,
  defaultTender: ImportedTenderKind,
): SalesFile => {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, each record comes with where it was read (its types do not say so).
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 0;
    return {
      orders: [],
      rows: 0,
      ignoredColumns: [],
      fileErrors: [{ line, field: '', reason: `not readable as CSV: ${error.message}` }],
    };
  }
  const [header, ...body] = records;
  if (!header)
    return {
      orders: [],
      rows: 0,
      ignoredColumns: [],
      fileErrors: [{ line: 1, field: '', reason: 'the file is empty; it needs a header row' }],
    };
  const columns = header.record.map((cell) => HEADERS[headerKey(cell)]);
  const ignoredColumns = header.record.filter((_, index) => columns[index] === undefined);
  const fileErrors: SalesRowError[] = REQUIRED.filter((column) => !columns.includes(column)).map((column) => ({
    line: header.info.lines,
    field: column,
    reason: `the header has no such column; the columns are ${SALES_COLUMNS}`,
  }));
  if (fileErrors.length > 0) return { orders: [], rows: body.length, ignoredColumns, fileErrors };

  const orders = new Map<string, SalesFileOrder & { date: string; time: string; tender: string }>();
  const orphans: SalesFileOrder[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    const errors: SalesRowError[] = [];
    const fail = (field: Column, reason: string) => errors.push({ line, field, reason });
    const cell = (column: Column): string => {
      const index = columns.indexOf(column);
      return index < 0 ? '' : (record[index] ?? '');
    };

    const orderNumber = cell('order');
    if (orderNumber === '') fail('order', 'must not be empty');
    else if (orderNumber.length > 40) fail('order', 'is longer than 40 characters');

    const date = cell('date');
    if (!IsoDate.safeParse(date).success) fail('date', `"${date}" is not a calendar date YYYY-MM-DD`);
    const time = cell('time');
    if (!TIME.test(time)) fail('time', `"${time}" is not a time of day HH:MM or HH:MM:SS`);

    const name = cell('item');
    const size = cell('size');
    const item = name === '' ? undefined : matchItem(menu, name, size);
    if (name === '') fail('item', 'must not be empty');
    else if (!item)
      fail(
        'item',
        `the brand’s menu has no item named "${size === '' ? name : `${name} (${size})`}"${size === '' ? '' : ` or "${name}"`}`,
      );

    const quantityText = cell('quantity');
    const quantity = /^\d+$/.test(quantityText) ? Number(quantityText) : Number.NaN;
    if (!Number.isInteger(quantity)) fail('quantity', `"${quantityText}" is not a whole number`);
    else if (quantity <= 0) fail('quantity', 'must be greater than zero');
    else if (quantity > 9999) fail('quantity', 'must be at most 9999');

    const priceText = cell('unit_price');
    const unitPricePaise = /^\d+$/.test(priceText) ? Number(priceText) : Number.NaN;
    if (!Number.isSafeInteger(unitPricePaise))
      fail('unit_price', `"${priceText}" is not a whole number of paise (minor units: ₹12.50 is 1250)`);

    const tenderText = cell('tender').toLowerCase();
    const tender = tenderText === '' ? defaultTender : tenderText;
    if (!ImportedTenderKind.safeParse(tender).success)
      fail('tender', `"${tenderText}" is not a tender an import takes: ${ImportedTenderKind.options.join(', ')}`);

    if (orderNumber === '' || orderNumber.length > 40) {
      orphans.push({ orderNumber, lines: [line], order: undefined, errors });
      continue;
    }
    let order = orders.get(orderNumber);
    if (!order) {
      order = { orderNumber, lines: [], order: undefined, errors: [], date, time, tender };
      orders.set(orderNumber, order);
    } else {
      const first = order.lines[0] as number;
      if (date !== order.date) fail('date', `order ${orderNumber} is dated ${order.date} on line ${first}`);
      if (time !== order.time) fail('time', `order ${orderNumber} is at ${order.time} on line ${first}`);
      if (tender !== order.tender) fail('tender', `order ${orderNumber} is paid by ${order.tender} on line ${first}`);
    }
    order.lines.push(line);
    order.errors.push(...errors);
    if (errors.length === 0 && order.errors.length === 0) {
      const lines = order.order?.lines ?? [];
      lines.push({ line, itemId: (item as MenuItem).itemId, quantity, unitPricePaise });
      order.order = {
        orderNumber,
        date,
        time: time.length === 5 ? `${time}:00` : time,
        tender: tender as ImportedTenderKind,
        lines,
      };
    } else order.order = undefined;
  }
  const all = [...orders.values()].map(({ orderNumber, lines, order, errors }) => ({
    orderNumber,
    lines,
    errors,
    order: order && order.lines.length > 200 ? undefined : order,
  }));
  for (const order of all)
    if (order.order === undefined && order.errors.length === 0)
      order.errors.push({ line: order.lines[0] as number, field: 'order', reason: 'an order has at most 200 lines' });
  if (body.length === 0)
    fileErrors.push({ line: header.info.lines, field: '', reason: 'the file has a header but no rows' });
  return { orders: [...all, ...orphans], rows: body.length, ignoredColumns, fileErrors };
};
