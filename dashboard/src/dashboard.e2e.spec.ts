import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeTillClock, formatRupees, type OpsStatus, type ReportName } from '@possier/events';
import { startReportFixture, uuidv7, type ReportFixture } from '@possier/ledger/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './testing/chromium';
import { settledState, shownFigure, shownRows, type ShownRow } from './testing/page-figures';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
/** Screenshots for a reader of the run (git-ignored). */
const ARTIFACTS = join(PACKAGE, 'artifacts');
const PERIOD = { from: '2026-11-24', to: '2026-11-25' };
const PANELS = [
  'sales-day',
  'sales-hour',
  'top-sellers',
  'payment-mix',
  'gst',
  'stock',
  'conflicts',
  'shifts',
  'receivables',
];

/** The page's money and counts, computed here independently of the page's own code. */
const rupees = (paise: number | null): string => (paise === null ? '' : formatRupees(paise));
/** `₹1,23,456.78` or `−₹60.00` as a page shows it → paise. */
const paiseShown = (text: string): number => {
  const match = /^(−?)₹([\d,]+)\.(\d\d)$/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  const paise = Number(match[2]?.replaceAll(',', '')) * 100 + Number(match[3]);
  return match[1] ? -paise : paise;
};
const count = (value: number | null): string => (value === null ? '' : new Intl.NumberFormat('en-IN').format(value));

let fixture: ReportFixture;

/** Till 1 replays a stock count from its outbox and says 7 events are still queued behind it. */
const reportOutbox = async ({ ledger, shop }: ReportFixture) => {
  const { ids } = shop;
  const commandId = uuidv7();
  const at = '2026-11-24T12:00:00+05:30';
  const response = await ledger.post(`/v1/registers/${ids.r1}/replay`, shop.r1Token, {
    registerId: ids.r1,
    batchId: uuidv7(),
    outbox: { queuedEvents: 7, oldestQueuedAt: at },
    // A till whose clock is behind the ledger's (which runs on the system clock here).
    registerClock: at,
    events: [
      {
        eventId: uuidv7(),
        type: 'StockAdjusted',
        schemaVersion: 1,
        streamId: `stock-${ids.storeA}-${ids.dough}`,
        orgId: ids.org,
        brandId: ids.brand,
        storeId: ids.storeA,
        registerId: ids.r1,
        actorId: ids.r1,
        occurredAt: at,
        causationId: commandId,
        correlationId: commandId,
        data: {
          reason: 'count',
          stockItemId: ids.dough,
          storeId: ids.storeA,
          adjustmentId: uuidv7(),
          occurredAt: at,
          countedQuantity: 5_000,
        },
      },
    ],
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
};
let browser: { context: BrowserContext; close(): Promise<void> };
let pageDirectory: string;

beforeAll(async () => {
  // The page as `npm run build` makes it, from the sources as they are now, served by the ledger.
  pageDirectory = await mkdtemp(join(tmpdir(), 'possier-dashboard-'));
  await build({ root: PACKAGE, logLevel: 'warn', build: { outDir: pageDirectory, emptyOutDir: true } });
  fixture = await startReportFixture({ dashboardDir: pageDirectory });
  await reportOutbox(fixture);
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  if (pageDirectory) await rm(pageDirectory, { recursive: true, force: true });
});

/** A fresh tab (so no token is kept from another test), signed in with `token`. */
const signIn = async (token: string, search = `?from=${PERIOD.from}&to=${PERIOD.to}`): Promise<Page> => {
  const page = await browser.context.newPage();
  await page.goto(`${fixture.ledger.url}/dashboard/${search}`);
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
};

const settleAll = async (page: Page, panels: ReadonlyArray<string>): Promise<Record<string, string>> =>
  Object.fromEntries(await Promise.all(panels.map(async (id) => [id, await settledState(page, id)] as const)));

const report = <Name extends ReportName>(name: Name, token: string, query: Record<string, string> = PERIOD) =>
  fixture.served(name, token, query);

const byRow = (rows: ReadonlyArray<ShownRow>): Map<string, ShownRow> => new Map(rows.map((row) => [row.row, row]));

/** Asserts the page's rows are exactly the API's, in order, each listed field printed as `expected` says. */
const expectRows = <Row>(
  shown: ReadonlyArray<ShownRow>,
  api: ReadonlyArray<Row>,
  key: (row: Row) => string,
  expected: (row: Row) => Record<string, string>,
): void => {
  const body = shown.filter((row) => row.row !== 'totals');
  expect(body.map((row) => row.row)).toEqual(api.map(key));
  for (const row of api) expect(byRow(body).get(key(row))?.cells).toMatchObject(expected(row));
};

const totalsOf = (shown: ReadonlyArray<ShownRow>): Record<string, string> | undefined =>
  shown.find((row) => row.row === 'totals')?.cells;

describe('the dashboard in a browser', () => {
  it('shows an owner every report of the org with the figures the reports API answers for the same token', async () => {
    const token = fixture.shop.ownerToken;
    const page = await signIn(token);
    expect(await settleAll(page, [...PANELS, 'operations'])).toEqual(
      Object.fromEntries([...PANELS, 'operations'].map((id) => [id, 'ready'])),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'owner.png'), fullPage: true });

    const salesByDay = await report('sales', token, { ...PERIOD, by: 'day' });
    expect(salesByDay.storeIds).toHaveLength(2);
    expect(await shownFigure(page, 'sales-day', 'payablePaise')).toBe(rupees(salesByDay.totals.payablePaise));
    expect(await shownFigure(page, 'sales-day', 'netPaise')).toBe(rupees(salesByDay.totals.netPaise));
    expect(await shownFigure(page, 'sales-day', 'taxPaise')).toBe(rupees(salesByDay.totals.taxPaise));
    expect(await shownFigure(page, 'sales-day', 'orders')).toBe(count(salesByDay.totals.orders));
    const dayRows = await shownRows(page, 'sales-day', 'sales-by-day');
    expectRows(
      dayRows,
      salesByDay.rows,
      (row) => row.businessDate,
      (row) => ({
        orders: count(row.orders),
        grossPaise: rupees(row.grossPaise),
        taxablePaise: rupees(row.taxablePaise),
        taxPaise: rupees(row.taxPaise),
        payablePaise: rupees(row.payablePaise),
        voidedPaise: rupees(row.voidedPaise),
        refundedPaise: rupees(row.refundedPaise),
        netPaise: rupees(row.netPaise),
      }),
    );
    expect(totalsOf(dayRows)).toMatchObject({ netPaise: rupees(salesByDay.totals.netPaise) });
    // What the reader checks on screen: every row and the totals add up, cell by cell.
    for (const { cells } of dayRows) {
      const shown = (field: string) => paiseShown(cells[field] ?? '');
      expect(
        shown('grossPaise') - shown('discountPaise') + shown('serviceChargePaise') - shown('taxIncludedPaise'),
      ).toBe(shown('taxablePaise'));
      expect(shown('taxablePaise') + shown('taxPaise') + shown('roundOffPaise')).toBe(shown('payablePaise'));
      expect(shown('payablePaise') + shown('tipsPaise')).toBe(shown('collectedPaise'));
      expect(shown('payablePaise') - shown('voidedPaise') - shown('refundedPaise')).toBe(shown('netPaise'));
    }
    // Two series (payable and net), a bar per business date for each; the chart library draws no bar for zero.
    expect(await page.getByTestId('panel-sales-day').locator('.recharts-bar-rectangle').count()).toBe(
      salesByDay.rows.flatMap((row) => [row.payablePaise, row.netPaise]).filter((paise) => paise !== 0).length,
    );

    const salesByHour = await report('sales', token, { ...PERIOD, by: 'hour' });
    expectRows(
      await shownRows(page, 'sales-hour', 'sales-by-hour'),
      salesByHour.rows,
      (row) => `${row.businessDate} ${row.hour}`,
      (row) => ({
        hour: `${String(row.hour).padStart(2, '0')}:00`,
        orders: count(row.orders),
        netPaise: rupees(row.netPaise),
      }),
    );
    expect(await page.getByTestId('panel-sales-hour').locator('.recharts-bar-rectangle').count()).toBe(
      salesByHour.rows.filter((row) => row.netPaise !== 0).length,
    );

    const items = await report('items', token, { ...PERIOD, limit: '10', sort: 'quantity' });
    expect(items.rows.length).toBeGreaterThan(0);
    expectRows(
      await shownRows(page, 'top-sellers', 'items'),
      items.rows,
      (row) => row.itemId,
      (row) => ({
        rank: count(row.rank),
        name: row.name,
        netQuantity: count(row.netQuantity),
        netTaxablePaise: rupees(row.netTaxablePaise),
      }),
    );

    const payments = await report('payments', token);
    const paymentRows = await shownRows(page, 'payment-mix', 'payments');
    expectRows(
      paymentRows,
      payments.rows,
      (row) => row.tenderKind,
      (row) => ({
        appliedPaise: rupees(row.appliedPaise),
        refundedPaise: rupees(row.refundedPaise),
        voidedPaise: rupees(row.voidedPaise),
        netPaise: rupees(row.netPaise),
      }),
    );
    expect(totalsOf(paymentRows)).toMatchObject({
      appliedPaise: rupees(payments.totals.appliedPaise),
      netPaise: rupees(payments.totals.netPaise),
    });

    const gst = await report('gst', token);
    const gstRows = await shownRows(page, 'gst', 'gst');
    expectRows(
      gstRows,
      gst.rows,
      (row) => `${row.segment} ${row.supply} ${row.rateBasisPoints} ${row.hsnSac}`,
      (row) => ({
        hsnSac: row.hsnSac,
        taxablePaise: rupees(row.taxablePaise),
        cgstPaise: rupees(row.cgstPaise),
        sgstPaise: rupees(row.sgstPaise),
        igstPaise: rupees(row.igstPaise),
        taxPaise: rupees(row.taxPaise),
      }),
    );
    expect(gst.totals.igstPaise).toBeGreaterThan(0);
    expect(totalsOf(gstRows)).toMatchObject({
      taxablePaise: rupees(gst.totals.taxablePaise),
      cgstPaise: rupees(gst.totals.cgstPaise),
      sgstPaise: rupees(gst.totals.sgstPaise),
      igstPaise: rupees(gst.totals.igstPaise),
      taxPaise: rupees(gst.totals.taxPaise),
    });
    const reconciliationRows = await shownRows(page, 'gst', 'gst-reconciliation');
    expectRows(
      reconciliationRows,
      gst.reconciliation,
      (row) => row.line,
      (row) => ({ taxablePaise: rupees(row.taxablePaise), taxPaise: rupees(row.taxPaise) }),
    );
    // On screen, the lines add up to the GST totals.
    const reconciled = reconciliationRows.filter((row) => row.row !== 'totals');
    for (const field of ['taxablePaise', 'taxPaise']) {
      expect(reconciled.reduce((sum, row) => sum + paiseShown(row.cells[field] ?? ''), 0)).toBe(
        paiseShown(totalsOf(reconciliationRows)?.[field] ?? ''),
      );
    }
    expect(totalsOf(reconciliationRows)).toMatchObject({ taxablePaise: rupees(gst.totals.taxablePaise) });

    const stock = await report('stock', token, {});
    expect(stock.negativeItems).toBeGreaterThan(0);
    const stockRows = await shownRows(page, 'stock', 'on-hand');
    expectRows(
      stockRows,
      stock.rows,
      (row) => `${row.storeId} ${row.stockItemId}`,
      (row) => ({
        onHand: count(row.onHand),
        negative: row.negative ? 'negative' : '',
      }),
    );
    for (const row of stock.rows)
      expect(byRow(stockRows).get(`${row.storeId} ${row.stockItemId}`)?.className).toBe(row.negative ? 'negative' : '');
    expect(await shownFigure(page, 'stock', 'negativeItems')).toContain(`${stock.negativeItems} negative`);
    // Each stock item's movements over the page's dates, named, from opening to closing.
    const moved = await report('stock', token);
    expect(moved.movements.length).toBeGreaterThan(0);
    // The panel settles on the balance; the period's table arrives with its own request.
    await page.locator('table[data-table="movements"]').waitFor();
    expectRows(
      await shownRows(page, 'stock', 'movements'),
      moved.movements,
      (row) => `${row.storeId} ${row.stockItemId}`,
      (row) => ({
        stockItemId: row.stockItemName === null ? row.stockItemId : `${row.stockItemName} (${row.unit})`,
        openingOnHand: count(row.openingOnHand),
        sold: count(row.sold),
        countVariance: count(row.countVariance),
        closingOnHand: count(row.closingOnHand),
      }),
    );
    // Offline sales judged to have taken stock below zero, as the API lists them (none in this scenario).
    expectRows(
      await shownRows(page, 'stock', 'conflicts'),
      stock.conflicts,
      (row) => `${row.orderId} ${row.stockItemId}`,
      (row) => ({
        onHandAfter: count(row.onHandAfter),
        detail: row.detail,
      }),
    );

    // Every conflict of the tills' replayed events, as the API lists them.
    const conflicts = await report('conflicts', token, {});
    expectRows(
      await shownRows(page, 'conflicts', 'conflicts'),
      conflicts.rows,
      (row) => `${row.eventId} ${row.path} ${row.detail}`,
      (row) => ({ orderId: row.orderId, detail: row.detail }),
    );

    const shifts = await report('shifts', token);
    const shiftRows = await shownRows(page, 'shifts', 'shifts');
    expectRows(
      shiftRows,
      shifts.rows,
      (row) => row.shiftId,
      (row) => ({
        kind: row.kind,
        floatPaise: rupees(row.floatPaise),
        expectedCashPaise: rupees(row.expectedCashPaise),
        countedCashPaise: rupees(row.countedCashPaise),
        variancePaise: rupees(row.variancePaise),
      }),
    );
    const short = shifts.rows.find((row) => row.variancePaise !== null && row.variancePaise < 0);
    expect(short).toBeDefined();
    expect(byRow(shiftRows).get(short?.shiftId ?? '')?.className).toBe('short');

    const receivables = await report('receivables', token);
    expect(await shownFigure(page, 'receivables', 'outstandingPaise')).toBe(rupees(receivables.outstandingPaise));
    const agingRows = await shownRows(page, 'receivables', 'aging');
    expectRows(
      agingRows,
      receivables.aging,
      (row) => row.bucket,
      (row) => ({
        invoices: count(row.invoices),
        outstandingPaise: rupees(row.outstandingPaise),
      }),
    );
    expect(totalsOf(agingRows)).toMatchObject({ outstandingPaise: rupees(receivables.outstandingPaise) });
    expectRows(
      await shownRows(page, 'receivables', 'invoices'),
      receivables.rows,
      (row) => row.invoiceId,
      (row) => ({
        invoiceNumber: row.invoiceNumber,
        daysPastDue: count(row.daysPastDue),
        outstandingPaise: rupees(row.outstandingPaise),
      }),
    );

    const ops = await fixture.ledger.get('/v1/ops/status', token);
    expect(ops.status).toBe(200);
    const status = ops.body as OpsStatus;
    expectRows(
      await shownRows(page, 'operations', 'checkpoints'),
      status.checkpoints,
      (row) => `${row.kind} ${row.name}`,
      (row) => ({
        name: row.name,
        behind: row.caughtUp ? 'caught up' : expect.stringContaining('event'),
      }),
    );
    // What till 1 said of its outbox when it last replayed, as the ledger serves it.
    expect(status.registers).toEqual([
      expect.objectContaining({
        registerId: fixture.shop.ids.r1,
        storeId: fixture.shop.ids.storeA,
        queuedEvents: 7,
        clockSkewMs: expect.any(Number),
      }),
    ]);
    expectRows(
      await shownRows(page, 'operations', 'registers'),
      status.registers ?? [],
      (row) => row.registerId,
      (row) => ({
        queuedEvents: count(row.queuedEvents),
        clockSkewMs: row.clockSkewMs === null ? '' : describeTillClock(row.clockSkewMs),
      }),
    );
    await page.close();
  });

  it('narrows the reports to the store chosen in the filters, and keeps the choice in the address', async () => {
    const token = fixture.shop.ownerToken;
    const page = await signIn(token);
    await settleAll(page, PANELS);
    await page.getByLabel('Store').selectOption({ label: 'Koramangala' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((url) => url.searchParams.get('store') === fixture.shop.ids.storeB);
    await settleAll(page, PANELS);

    const storeB = await report('sales', token, { ...PERIOD, by: 'day', storeId: fixture.shop.ids.storeB });
    expect(storeB.storeIds).toEqual([fixture.shop.ids.storeB]);
    expect(await shownFigure(page, 'sales-day', 'payablePaise')).toBe(rupees(storeB.totals.payablePaise));
    expect(await shownFigure(page, 'sales-day', 'orders')).toBe(count(storeB.totals.orders));
    const stock = await report('stock', token, { storeId: fixture.shop.ids.storeB });
    expect((await shownRows(page, 'stock', 'on-hand')).map((row) => row.row)).toEqual(
      stock.rows.map((row) => `${row.storeId} ${row.stockItemId}`),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'owner-store-b.png'), fullPage: true });
    await page.close();
  });

  it('offers a store analyst only their store and shows what the API serves that token; operations are refused', async () => {
    const token = fixture.analystA;
    const page = await signIn(token);
    const states = await settleAll(page, [...PANELS, 'operations']);
    expect(states).toMatchObject({ 'sales-day': 'ready', stock: 'ready', operations: 'refused' });
    await page.screenshot({ path: join(ARTIFACTS, 'analyst-store-a.png'), fullPage: true });

    const stores = await page.getByLabel('Store').locator('option').allInnerTexts();
    expect(stores).toEqual(['All stores', 'Bandra']);
    const sales = await report('sales', token, { ...PERIOD, by: 'day' });
    expect(sales.storeIds).toEqual([fixture.shop.ids.storeA]);
    expect(await shownFigure(page, 'sales-day', 'payablePaise')).toBe(rupees(sales.totals.payablePaise));
    const owners = await report('sales', fixture.shop.ownerToken, { ...PERIOD, by: 'day' });
    expect(sales.totals.payablePaise).not.toBe(owners.totals.payablePaise);

    const refused = await fixture.ledger.get('/v1/ops/status', token);
    expect(refused.status).toBe(403);
    expect(await page.getByTestId('panel-operations').innerText()).toContain(refused.body.error.reason);
    await page.close();
  });

  it('shows an operator the operations panel and, for the reports, the API’s refusal', async () => {
    const token = await fixture.ledger.token({ kind: 'operator', operatorId: 'night-shift' });
    const page = await signIn(token);
    const states = await settleAll(page, [...PANELS, 'operations']);
    expect(states).toEqual({ ...Object.fromEntries(PANELS.map((id) => [id, 'refused'])), operations: 'ready' });
    const scope = await fixture.ledger.get('/v1/scope', token);
    expect(scope.status).toBe(403);
    expect(await page.getByTestId('scope-refused').innerText()).toContain(scope.body.error.reason);
    await page.screenshot({ path: join(ARTIFACTS, 'operator.png'), fullPage: true });
    await page.close();
  });

  it('shows a token with no role the API’s refusal in every report, and sends a bad token back to sign in', async () => {
    const page = await signIn(fixture.nobody);
    const states = await settleAll(page, PANELS);
    expect(Object.values(states).every((state) => state === 'refused')).toBe(true);
    const refusal = await fixture.report('sales', fixture.nobody, { ...PERIOD, by: 'day' });
    expect(refusal.status).toBe(403);
    expect(await page.getByTestId('panel-sales-day').innerText()).toContain(refusal.body.error.reason);
    await page.screenshot({ path: join(ARTIFACTS, 'no-role.png'), fullPage: true });
    await page.close();

    const rejected = await signIn('not-a-token');
    await expect
      .poll(() => rejected.getByRole('alert').innerText())
      .toContain('The ledger refused the token: the bearer token is not valid');
    await rejected.close();
  });

  it('lets an owner set up a store, a register and its menu, pair the till with a token shown once, and withdraw it', async () => {
    const { ledger, shop } = fixture;
    const catalogItem = async (name: string) => {
      const listed = await ledger.get('/v1/catalog', shop.ownerToken);
      return (listed.body.items as Array<{ itemId: string; name: string; unitPricePaise: number }>).find(
        (item) => item.name === name,
      );
    };
    const page = await signIn(shop.ownerToken);
    await page.getByTestId('switch-view').click();
    await page.getByTestId('setup-tree').waitFor();

    const storeForm = page.getByTestId('form-store');
    await storeForm.getByLabel('Brand').selectOption({ label: 'Pizza Lane' });
    await storeForm.getByLabel('Name').fill('Indiranagar');
    await storeForm.getByLabel('GST state code').fill('29');
    await storeForm.getByRole('button', { name: 'Create store' }).click();
    await expect.poll(() => storeForm.getByTestId('note-store').innerText()).toBe('Store "Indiranagar" created.');
    await page.getByTestId('store-Indiranagar').waitFor();

    const registerForm = page.getByTestId('form-register');
    await registerForm.getByLabel('Store').selectOption({ label: 'Indiranagar' });
    await registerForm.getByLabel('Name').fill('Counter 1');
    await registerForm.getByRole('button', { name: 'Create register' }).click();
    const till = page.getByTestId('register-Counter 1');
    await till.waitFor();
    const org = await ledger.get('/v1/org', shop.ownerToken);
    const store = (
      org.body.stores as Array<{ storeId: string; name: string; stateCode: string; timeZone: string }>
    ).find((candidate) => candidate.name === 'Indiranagar');
    expect(store).toMatchObject({ stateCode: '29', timeZone: 'Asia/Kolkata' });
    const register = (org.body.registers as Array<{ registerId: string; storeId: string; name: string }>).find(
      (candidate) => candidate.name === 'Counter 1',
    );
    expect(register?.storeId).toBe(store?.storeId);

    // One bad row: the error names its line, and nothing is sent.
    const menu = page.getByTestId('setup-menu');
    const header = 'name,category,price,tax category,hsn/sac';
    const file = (text: string) => ({ name: 'menu.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await menu
      .getByTestId('menu-file')
      .setInputFiles(
        file(`${header}\nGarlic Bread,Sides,200,Restaurant service,\nMasala Chai,Drinks,forty,Restaurant service,\n`),
      );
    await expect.poll(() => menu.getByTestId('menu-csv').inputValue()).toContain('Garlic Bread');
    await menu.getByTestId('menu-check').click();
    expect(await menu.getByTestId('menu-error').allInnerTexts()).toEqual([
      'Line 3, price: "forty" is not an amount in rupees like 450 or 450.50',
    ]);
    expect(await menu.getByTestId('menu-apply').isDisabled()).toBe(true);
    expect(await catalogItem('Garlic Bread')).toBeUndefined();
    await page.screenshot({ path: join(ARTIFACTS, 'setup-menu-refused.png'), fullPage: true });

    await menu
      .getByTestId('menu-file')
      .setInputFiles(
        file(`${header}\nGarlic Bread,Sides,200,Restaurant service,\nMasala Chai,Drinks,40,Restaurant service,\n`),
      );
    await expect.poll(() => menu.getByTestId('menu-csv').inputValue()).toContain('Masala Chai,Drinks,40,');
    await menu.getByTestId('menu-check').click();
    expect(await menu.getByTestId('menu-change').allInnerTexts()).toHaveLength(2);
    await menu.getByTestId('menu-apply').click();
    await expect.poll(() => menu.getByTestId('menu-note').getAttribute('data-state')).toBe('done');
    await menu.getByTestId('menu-item-Garlic Bread').waitFor();
    const bread = await catalogItem('Garlic Bread');
    expect(bread?.unitPricePaise).toBe(20_000);

    // The till's token, shown once; a sale through the API with it.
    await till.getByTestId(`issue-token-${register?.registerId}`).click();
    const shown = till.getByTestId(`token-${register?.registerId}`);
    await shown.waitFor();
    const tillToken = await shown.inputValue();
    await page.screenshot({ path: join(ARTIFACTS, 'setup-token.png'), fullPage: true });
    const sale = () =>
      ledger.command('/v1/orders', tillToken, {
        orderId: uuidv7(),
        storeId: store?.storeId,
        channel: 'takeaway',
        lines: [{ lineId: uuidv7(), itemId: bread?.itemId, quantity: 1 }],
        tenders: [{ paymentId: uuidv7(), kind: 'upi', amountPaise: 21_000 }],
      });
    const sold = await sale();
    expect(sold.status, JSON.stringify(sold.body)).toBe(200);

    // Withdrawn by deactivating the register.
    page.once('dialog', (dialog) => void dialog.accept('till lost'));
    await till.getByTestId(`toggle-${register?.registerId}`).click();
    await expect.poll(() => page.getByTestId('register-Counter 1').getAttribute('data-status')).toBe('deactivated');
    const refused = await sale();
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('AUTH.PRINCIPAL_DEACTIVATED');
    await page.screenshot({ path: join(ARTIFACTS, 'setup-owner.png'), fullPage: true });
    await page.close();
  });

  it('offers a store analyst no set-up, and says why in the API’s words', async () => {
    const page = await signIn(fixture.analystA);
    await page.getByTestId('switch-view').click();
    const refusal = await fixture.ledger.get('/v1/org', fixture.analystA);
    expect(refusal.status).toBe(403);
    await expect.poll(() => page.getByTestId('setup-org-refused').innerText()).toContain(refusal.body.error.reason);
    expect(await page.getByTestId('setup-forms').count()).toBe(0);
    expect(await page.getByTestId('setup-menu').count()).toBe(0);
    await page.close();
  });
});
