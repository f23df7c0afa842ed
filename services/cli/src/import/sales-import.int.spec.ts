import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  ok,
  seedRestaurant,
  startLedger,
  startReadSide,
  type Ledger,
  type ReadSide,
  type Restaurant,
} from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/possier.js', import.meta.url));
/** The shared "Pizza Place Sales" data: a real restaurant's 2015, one row per order line (its README). */
const PIZZA_PLACE = fileURLToPath(new URL('../../../../../shared/data/pizza-place-2015.csv', import.meta.url));

type Run = { stdout: string; stderr: string; code: number };

let ledger: Ledger;
let readSide: ReadSide;
let shop: Restaurant;
let folder: string;
let header: string;
let rows: string[];

/** One CSV line's fields; a field in double quotes may hold commas. */
const fieldsOf = (line: string): string[] =>
  [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((match) =>
    match[1] !== undefined ? match[1].replaceAll('""', '"') : (match[2] ?? ''),
  );

type Row = { order: string; date: string; name: string; size: string; quantity: number; price: number };
const parsed = (line: string): Row => {
  const [order, date, , , name, , size, quantity, price] = fieldsOf(line) as string[];
  return {
    order: order as string,
    date: date as string,
    name: name as string,
    size: size as string,
    quantity: Number(quantity),
    price: Number(price),
  };
};

const possier = async (token: string, args: ReadonlyArray<string>): Promise<Run> => {
  const env = { ...process.env, POSSIER_URL: ledger.url, POSSIER_TOKEN: token };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
};

/** Writes the pizza place's rows for which `keep` holds to a file of its own, with the header. */
const pizzaFile = async (name: string, keep: (row: Row) => boolean): Promise<string> => {
  const path = join(folder, name);
  await writeFile(path, [header, ...rows.filter((line) => keep(parsed(line))), ''].join('\n'));
  return path;
};

/** The brand's menu as the pizza place names its items: "Name (Size)", 5 % GST on top. */
const definePizzaMenu = async (restaurant: Restaurant): Promise<void> => {
  const names = [...new Set(rows.map((line) => `${parsed(line).name} (${parsed(line).size})`))];
  for (const name of names)
    ok(
      await ledger.command('/v1/items', restaurant.ownerToken, {
        itemId: crypto.randomUUID(),
        brandId: restaurant.ids.brand,
        name,
        kind: 'item',
        taxCategoryId: restaurant.ids.food,
        // Today's price, which an import must not use: the file says what was charged then.
        unitPricePaise: 99_900,
        priceIncludesTax: false,
        at: '2026-11-24T13:05:00+05:30',
      }),
    );
};

const storedOrders = async (orgId: string, importId: string) => {
  const { rows: found } = await ledger.store.pool.query<{ orders: string; events: string; placed: string }>(
    `SELECT count(DISTINCT stream_id)::text AS orders, count(*)::text AS events,
            count(*) FILTER (WHERE type = 'OrderPlaced')::text AS placed
       FROM events WHERE org_id = $1 AND data->'imported'->>'importId' = $2`,
    [orgId, importId],
  );
  const row = found[0] as { orders: string; events: string; placed: string };
  return { orders: Number(row.orders), events: Number(row.events), placed: Number(row.placed) };
};

beforeAll(async () => {
  ledger = await startLedger();
  readSide = await startReadSide(ledger);
  shop = await seedRestaurant(ledger);
  folder = await mkdtemp(join(tmpdir(), 'possier-import-'));
  [header = '', ...rows] = (await readFile(PIZZA_PLACE, 'utf8')).trimEnd().split('\n');
  await definePizzaMenu(shop);
}, 120_000);

afterAll(async () => {
  await readSide?.stop();
  await ledger?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Half up, as GST is rounded to the paisa: a / b for positive integers. */
const halfUp = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b));

describe('possier import sales', () => {
  it('imports a month of the pizza place as it is, and the sales and items reports equal a recount of the file', async () => {
    const file = await pizzaFile('january.csv', (row) => row.date.startsWith('2015-01'));
    const january = rows.map(parsed).filter((row) => row.date.startsWith('2015-01'));
    const orderCount = new Set(january.map((row) => row.order)).size;

    const run = await possier(shop.ownerToken, ['import', 'sales', file, '--store', 'Bandra', '--batch-size', '250']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^imported ${orderCount} orders into Bandra \\(${orderCount} in the file, ${january.length} rows, `),
    );
    expect(run.stderr).toContain('note: columns read past (not part of the format): item_id, category');
    expect(run.stderr).toContain(`orders ${orderCount}/${orderCount} (`);

    // The recount: per order line, CGST = SGST = 2.5 % of the line rounded half up; the bill to the rupee.
    const byDate = new Map<string, { orders: Set<string>; taxable: number; tax: number; payable: number }>();
    const totals = new Map<string, number>();
    for (const row of january) {
      const day = byDate.get(row.date) ?? { orders: new Set(), taxable: 0, tax: 0, payable: 0 };
      const taxable = row.quantity * row.price;
      const tax = 2 * halfUp(taxable * 250, 10_000);
      day.orders.add(row.order);
      day.taxable += taxable;
      day.tax += tax;
      byDate.set(row.date, day);
      totals.set(`${row.date}/${row.order}`, (totals.get(`${row.date}/${row.order}`) ?? 0) + taxable + tax);
    }
    for (const [key, total] of totals) {
      const day = byDate.get(key.split('/')[0] as string) as { payable: number };
      day.payable += halfUp(total, 100) * 100;
    }

    await readSide.settle(120_000);
    const query = `storeId=${shop.ids.storeA}&from=2015-01-01&to=2015-01-31`;
    const sales = ok(await ledger.get(`/v1/reports/sales?${query}`, shop.ownerToken)).body as {
      rows: Array<{
        businessDate: string;
        orders: number;
        taxablePaise: number;
        taxPaise: number;
        payablePaise: number;
      }>;
    };
    expect(
      sales.rows.map((row) => ({
        date: row.businessDate,
        orders: row.orders,
        taxable: row.taxablePaise,
        tax: row.taxPaise,
        payable: row.payablePaise,
      })),
    ).toEqual(
      [...byDate]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, day]) => ({
          date,
          orders: day.orders.size,
          taxable: day.taxable,
          tax: day.tax,
          payable: day.payable,
        })),
    );

    const items = ok(await ledger.get(`/v1/reports/items?${query}&limit=500`, shop.ownerToken)).body as {
      rows: Array<{ name: string; quantitySold: number; taxablePaise: number }>;
    };
    const recounted = new Map<string, { quantity: number; taxable: number }>();
    for (const row of january) {
      const item = recounted.get(`${row.name} (${row.size})`) ?? { quantity: 0, taxable: 0 };
      item.quantity += row.quantity;
      item.taxable += row.quantity * row.price;
      recounted.set(`${row.name} (${row.size})`, item);
    }
    expect(
      Object.fromEntries(
        items.rows.map((row) => [row.name, { quantity: row.quantitySold, taxable: row.taxablePaise }]),
      ),
    ).toEqual(Object.fromEntries(recounted));

    // The audit trail says where an imported order came from, and records the import itself.
    const { rows: imports } = await ledger.store.pool.query<{ type: string; data: Record<string, unknown> }>(
      `SELECT type, data FROM events WHERE org_id = $1 AND stream_id LIKE 'sales_import-%' ORDER BY global_position`,
      [shop.ids.org],
    );
    expect(imports.map((event) => event.type)).toEqual([
      'SalesImportStarted',
      ...Array.from({ length: Math.ceil(orderCount / 250) }, () => 'SalesImportBatchRecorded'),
      'SalesImportCompleted',
    ]);
    const started = imports[0]?.data as { importId: string; fileName: string; fileSha256: string };
    expect(started).toMatchObject({
      fileName: 'january.csv',
      storeId: shop.ids.storeA,
      rows: january.length,
      orders: orderCount,
    });
    expect(started.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(imports.at(-1)?.data).toEqual({
      importId: started.importId,
      imported: orderCount,
      failed: 0,
      failedRows: 0,
    });
    const { rows: first } = await ledger.store.pool.query<{ data: { orderId: string } }>(
      `SELECT data FROM events WHERE org_id = $1 AND type = 'OrderPlaced' AND data->>'orderNumber' = '1'
         AND data->'imported'->>'importId' = $2`,
      [shop.ids.org, started.importId],
    );
    const orderId = (first[0] as { data: { orderId: string } }).data.orderId;
    const history = ok(await ledger.get(`/v1/audit/orders/${orderId}/history`, shop.ownerToken)).body as {
      events: Array<{ type: string; occurredAt: string; data: { imported?: unknown } }>;
    };
    expect(history.events.map((event) => [event.type, event.occurredAt, event.data.imported])).toEqual([
      ['OrderPlaced', '2015-01-01T11:38:36+05:30', { importId: started.importId, sourceLine: 2 }],
      ['PaymentTendered', '2015-01-01T11:38:36+05:30', { importId: started.importId, sourceLine: 2 }],
    ]);
    const table = await possier(shop.ownerToken, ['audit', 'history', '--order', orderId]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('Imported from');
    expect(table.stdout.match(new RegExp(`line 2 of import ${started.importId}`, 'g'))).toHaveLength(2);
    expect(await storedOrders(shop.ids.org, started.importId)).toMatchObject({
      orders: orderCount,
      placed: orderCount,
    });
  }, 600_000);

  it('stores each order exactly once when an import killed mid-way is run again', async () => {
    const file = await pizzaFile('february-week.csv', (row) => row.date >= '2015-02-01' && row.date <= '2015-02-07');
    const orderCount = new Set(
      rows
        .map(parsed)
        .filter((row) => row.date >= '2015-02-01' && row.date <= '2015-02-07')
        .map((row) => row.order),
    ).size;
    const child = spawn(
      process.execPath,
      [BIN, 'import', 'sales', file, '--store', 'Koramangala', '--batch-size', '10'],
      {
        env: { ...process.env, POSSIER_URL: ledger.url, POSSIER_TOKEN: shop.ownerToken },
      },
    );
    let stderr = '';
    const killed = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/orders (\d{3,})\//.test(stderr) && child.exitCode === null) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    await killed;
    expect(child.signalCode).toBe('SIGKILL');

    const again = await possier(shop.ownerToken, [
      'import',
      'sales',
      file,
      '--store',
      'Koramangala',
      '--batch-size',
      '10',
      '--json',
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/^resuming import [0-9a-f-]{36}: the ledger holds \d+ batches of it already$/m);
    const outcome = JSON.parse(again.stdout) as {
      importId: string;
      accepted: number;
      duplicates: number;
      imported: number;
    };
    expect(outcome.accepted).toBeLessThan(orderCount);
    expect(outcome.accepted + outcome.duplicates).toBe(orderCount);
    expect(outcome.imported).toBe(orderCount);
    // One OrderPlaced and one PaymentTendered per order (the menu has no recipes), nothing twice.
    expect(await storedOrders(shop.ids.org, outcome.importId)).toEqual({
      orders: orderCount,
      placed: orderCount,
      events: 2 * orderCount,
    });
  }, 300_000);

  it('names the line, column and reason of every bad row in a report, and imports the good orders', async () => {
    const file = join(folder, 'with-errors.csv');
    await writeFile(
      file,
      [
        header,
        '9001,2015-03-01,12:00:00,x,The Hawaiian Pizza,Classic,M,1,1325',
        '9002,2015-03-01,12:05:00,x,The Hawaiian Pizza,Classic,M,1,1325',
        '9002,2015-03-01,12:05:00,x,The Unicorn Pizza,Classic,M,1,1325',
        '9003,2015-13-01,12:10:00,x,The Hawaiian Pizza,Classic,M,1,1325',
        '9004,2015-03-01,12:15:00,x,The Hawaiian Pizza,Classic,M,0,1325',
        '9005,2099-03-01,12:20:00,x,The Hawaiian Pizza,Classic,M,1,1325',
        '9006,2015-03-01,12:25:00,x,The Hawaiian Pizza,Classic,M,1,13.25',
        '9007,2015-03-01,12:30:00,x,The Hawaiian Pizza,Classic,L,2,1650',
        '',
      ].join('\n'),
    );
    const before = await ledger.store.pool.query('SELECT count(*)::int AS n FROM events');
    const dry = await possier(shop.ownerToken, ['import', 'sales', file, '--store', 'Bandra', '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(
      /^would import 2 orders into Bandra .*5 orders \(6 rows\) not imported \(dry run: nothing was stored\)\n$/,
    );
    const after = await ledger.store.pool.query('SELECT count(*)::int AS n FROM events');
    expect(after.rows[0]).toEqual(before.rows[0]);

    const run = await possier(shop.ownerToken, ['import', 'sales', file, '--store', 'Bandra']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^imported 2 orders into Bandra .*; 5 orders \(6 rows\) not imported\n$/);
    const errors = [
      'error IMPORT.INVALID_ROW at line 4, item: the brand’s menu has no item named "The Unicorn Pizza (M)" or "The Unicorn Pizza"',
      'error IMPORT.INVALID_ROW at line 5, date: "2015-13-01" is not a calendar date YYYY-MM-DD',
      'error IMPORT.INVALID_ROW at line 6, quantity: must be greater than zero',
      'error IMPORT.INVALID_ROW at line 7, date: 2099-03-01 12:20:00 is in the future',
      'error IMPORT.INVALID_ROW at line 8, unit_price: "13.25" is not a whole number of paise (minor units: ₹12.50 is 1250)',
      `error IMPORT.NOT_IMPORTED at ${file}: 5 orders not imported; every error is in ${file}.errors.csv`,
    ];
    expect(run.stderr).toContain(errors.join('\n'));
    expect(await readFile(`${file}.errors.csv`, 'utf8')).toBe(
      [
        'line,order,field,reason',
        '4,9002,item,"the brand’s menu has no item named ""The Unicorn Pizza (M)"" or ""The Unicorn Pizza"""',
        '5,9003,date,"""2015-13-01"" is not a calendar date YYYY-MM-DD"',
        '6,9004,quantity,must be greater than zero',
        '7,9005,date,2099-03-01 12:20:00 is in the future',
        '8,9006,unit_price,"""13.25"" is not a whole number of paise (minor units: ₹12.50 is 1250)"',
        '',
      ].join('\n'),
    );
    const { rows: placed } = await ledger.store.pool.query<{ number: string }>(
      `SELECT data->>'orderNumber' AS number FROM events
        WHERE org_id = $1 AND type = 'OrderPlaced' AND data->>'orderNumber' LIKE '900_' ORDER BY 1`,
      [shop.ids.org],
    );
    expect(placed.map((row) => row.number)).toEqual(['9001', '9007']);
  }, 120_000);

  it('leaves sales imported into a sealed business date unsealed until the date is amended', async () => {
    const order = (number: string, time: string) =>
      `${number},2015-04-02,${time},x,The Hawaiian Pizza,Classic,M,1,1325`;
    const first = join(folder, 'april-2.csv');
    await writeFile(first, [header, order('9101', '12:00:00'), ''].join('\n'));
    expect((await possier(shop.ownerToken, ['import', 'sales', first, '--store', 'Bandra'])).code).toBe(0);
    ok(await ledger.command('/v1/audit/keys/rotate', shop.ownerToken, { orgId: shop.ids.org }));
    const day = `/v1/audit/stores/${shop.ids.storeA}/days/2015-04-02`;
    ok(await ledger.command(`${day}/close`, shop.ownerToken, { storeId: shop.ids.storeA, businessDate: '2015-04-02' }));

    const late = join(folder, 'april-2-late.csv');
    await writeFile(late, [header, order('9102', '13:00:00'), ''].join('\n'));
    expect((await possier(shop.ownerToken, ['import', 'sales', late, '--store', 'Bandra'])).code).toBe(0);
    const history = ok(await ledger.get(`${day}/history`, shop.ownerToken)).body as {
      unsealedEvents: number;
      seals: unknown[];
    };
    expect(history.seals).toHaveLength(1);
    expect(history.unsealedEvents).toBe(2);
    ok(await ledger.command(`${day}/amend`, shop.ownerToken, { storeId: shop.ids.storeA, businessDate: '2015-04-02' }));
    const amended = ok(await ledger.get(`${day}/history`, shop.ownerToken)).body as typeof history;
    expect(amended.seals).toHaveLength(2);
    expect(amended.unsealedEvents).toBe(0);
  }, 120_000);

  it('refuses a register token, and another org’s owner cannot add to or read this org’s import', async () => {
    const start = {
      storeId: shop.ids.storeA,
      fileName: 'sales.csv',
      fileSha256: 'a'.repeat(64),
      rows: 1,
      orders: 1,
    };
    const refused = await ledger.post('/v1/sales-imports', shop.r1Token, start);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    const cashier = await ledger.post('/v1/sales-imports', shop.cashierToken, start);
    expect(cashier.status).toBe(403);

    const ours = ok(await ledger.post('/v1/sales-imports', shop.ownerToken, start)).body as { importId: string };
    const other = await seedRestaurant(ledger);
    const theirs = ok(await ledger.post('/v1/sales-imports', other.ownerToken, { ...start, storeId: other.ids.storeA }))
      .body as { importId: string };
    expect(theirs.importId).not.toBe(ours.importId);
    const order = {
      orderNumber: '1',
      date: '2015-01-01',
      time: '11:00:00',
      tender: 'cash',
      lines: [{ line: 2, itemId: other.ids.pizza, quantity: 1, unitPricePaise: 100 }],
    };
    const intruding = await ledger.post(`/v1/sales-imports/${ours.importId}/batches`, other.ownerToken, {
      orders: [order],
    });
    expect(intruding.status).toBe(404);
    expect(intruding.body.error).toMatchObject({ code: 'IMPORT.NOT_FOUND' });
    // Into another org's store, by its id: not a store of this org.
    const elsewhere = await ledger.post('/v1/sales-imports', other.ownerToken, start);
    expect(elsewhere.status).toBeGreaterThanOrEqual(400);
    const own = ok(
      await ledger.post(`/v1/sales-imports/${theirs.importId}/batches`, other.ownerToken, { orders: [order] }),
    ).body as { verdicts: Array<{ verdict: string }> };
    expect(own.verdicts).toMatchObject([{ verdict: 'accepted' }]);
  }, 120_000);
});
