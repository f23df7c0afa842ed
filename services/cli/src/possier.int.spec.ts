import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ReadSideStatus } from '@possier/events';
import { startReportFixture, uuidv7, type ReportFixture } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/possier.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let fixture: ReportFixture;
let storeA: string;

type Run = { stdout: string; stderr: string; code: number };

/** Runs the command as a user would, through its launcher, with the ledger's URL and a token in the environment. */
const possier = async (args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<Run> => {
  const options = {
    env: { ...process.env, POSSIER_URL: fixture.ledger.url, POSSIER_TOKEN: fixture.analystA, ...env },
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], options);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
};

const NOV = ['--from', '2026-11-24', '--to', '2026-11-25'];

beforeAll(async () => {
  fixture = await startReportFixture();
  storeA = fixture.shop.ids.storeA;
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

describe('possier report', () => {
  it('prints sales as aligned tables in rupees with Indian digit grouping whose columns add up, totals last', async () => {
    const run = await possier(['report', 'sales', '--store', storeA, ...NOV]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      [
        `Sales by day, 2026-11-24 to 2026-11-25, Bandra: what the bills came to`,
        '',
        'Date        Orders      Gross  Discount  Service charge  Tax in prices    Taxable      Tax  Round-off    Payable',
        '----------  ------  ---------  --------  --------------  -------------  ---------  -------  ---------  ---------',
        '2026-11-24       2    ₹870.00     ₹0.00           ₹0.00         ₹18.32    ₹851.68   ₹55.82      ₹0.50    ₹908.00',
        '2026-11-25       1    ₹810.00     ₹0.00           ₹0.00          ₹9.16    ₹800.84   ₹46.66      ₹0.50    ₹848.00',
        '----------  ------  ---------  --------  --------------  -------------  ---------  -------  ---------  ---------',
        'Total            3  ₹1,680.00     ₹0.00           ₹0.00         ₹27.48  ₹1,652.52  ₹102.48      ₹1.00  ₹1,756.00',
        '',
        'Gross − Discount + Service charge − Tax in prices = Taxable; Taxable + Tax + Round-off = Payable.',
        'Service charge is taxed like the food, so it is inside Taxable; Gross holds the tax of items priced with tax included.',
        '',
        `Collected, voided and refunded by day, 2026-11-24 to 2026-11-25, Bandra`,
        '',
        'Date          Payable   Tips  Collected  Voids   Voided  Refunds  Refunded      Net',
        '----------  ---------  -----  ---------  -----  -------  -------  --------  -------',
        '2026-11-24    ₹908.00  ₹0.00    ₹908.00      0    ₹0.00        0     ₹0.00  ₹908.00',
        '2026-11-25    ₹848.00  ₹0.00    ₹848.00      1  ₹848.00        1    ₹60.00  −₹60.00',
        '----------  ---------  -----  ---------  -----  -------  -------  --------  -------',
        'Total       ₹1,756.00  ₹0.00  ₹1,756.00      1  ₹848.00        1    ₹60.00  ₹848.00',
        '',
        'Payable + Tips = Collected (tips are for the staff, not sales); Payable − Voided − Refunded = Net.',
        'Voids and refunds count on the day they happen, not on the day of the sale.',
        '',
      ].join('\n'),
    );
  });

  it('prints the aging summary under the receivables', async () => {
    const run = await possier([
      'report',
      'receivables',
      '--from',
      '2026-08-01',
      '--to',
      '2026-12-31',
      '--as-of',
      '2027-01-20',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'INV/26-27/0001  Bengaluru Caterers LLP  2026-11-24  2026-12-09  ₹3,413.00     ₹0.00    ₹0.00     ₹0.00  ₹1,000.00    ₹2,413.00                          42  31–60 days past due',
    );
    expect(run.stdout).toContain(
      [
        'Aging as of 2027-01-20',
        '',
        'Aging                  Invoices  Outstanding',
        '---------------------  --------  -----------',
        'Not yet due                   0        ₹0.00',
        '1–30 days past due            0        ₹0.00',
        '31–60 days past due           1    ₹2,413.00',
        '61–90 days past due           0        ₹0.00',
        'Over 90 days past due         1      ₹300.00',
        '---------------------  --------  -----------',
        'Total                         2    ₹2,713.00',
      ].join('\n'),
    );
  });

  it('prints a customer statement with its opening and closing balance and a running balance', async () => {
    const receivables = await possier([
      'report',
      'receivables',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--format',
      'json',
    ]);
    const customerId =
      (JSON.parse(receivables.stdout) as { rows: Array<{ customerId: string }> }).rows[0]?.customerId ?? '';
    const run = await possier([
      'report',
      'statement',
      '--customer',
      customerId,
      '--from',
      '2026-11-01',
      '--to',
      '2026-12-31',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Statement of Bengaluru Caterers LLP (29AAPFU0939F1Z`);
    expect(run.stdout).toContain('opening balance ₹0.00, closing ₹2,413.00');
    expect(run.stdout).toMatch(/2026-11-24 +invoice +INV\/26-27\/0001 +₹3,413\.00 +₹0\.00 +₹3,413\.00/);
    expect(run.stdout).toMatch(/2026-11-30 +payment +INV\/26-27\/0001 +₹0\.00 +₹1,000\.00 +₹2,413\.00/);
  });

  it('refuses a statement without a customer, naming the option', async () => {
    const run = await possier(['report', 'statement', '--from', '2026-11-01', '--to', '2026-12-31']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--customer');
  });

  it('writes CSV with the contract’s field names and raw paise', async () => {
    const run = await possier(['report', 'payments', ...NOV, '--format', 'csv']);
    expect(run.stdout).toBe(
      [
        'tenderKind,tenders,appliedPaise,tipsPaise,refunds,refundedPaise,voidedPaise,netPaise',
        'cash,2,69600,0,1,6000,34800,28800',
        'card,2,100000,0,0,0,50000,50000',
        'upi,1,6000,0,0,0,0,6000',
        '',
      ].join('\n'),
    );
    const stock = await possier(['report', 'stock', '--format', 'csv']);
    expect(stock.stdout.split('\n')[1]).toBe(
      `${storeA},${fixture.shop.ids.dough},Pizza dough,g,12000,false,12000,2026-11-25T16:30:00.000Z`,
    );
  });

  it('prints stock over a period by stock item name, opening to closing, with the sum it makes', async () => {
    const run = await possier(['report', 'stock', '--store', storeA, ...NOV]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Stock movements, 2026-11-24 to 2026-11-25, Bandra: 0 negative at close');
    // O1 and O3 took 2 × 250 g each; the count found 12,000 g where −1,000 g were on record.
    expect(run.stdout).toMatch(/^Bandra +Pizza dough \(g\) +0 +0 +0 +0 +1,000 +0 +13,000 +12,000$/m);
    expect(run.stdout).toContain('Opening + received + in − out − sold − wasted + count variance = closing');
    expect(run.stdout).not.toContain(fixture.shop.ids.dough);
  });

  it('prints JSON exactly as the API answered it, money in paise', async () => {
    const run = await possier(['report', 'gst', ...NOV, '--format', 'json']);
    expect(JSON.parse(run.stdout)).toEqual(
      await fixture.served('gst', fixture.analystA, { from: '2026-11-24', to: '2026-11-25' }),
    );
    expect(JSON.parse(run.stdout).totals).toEqual({
      taxablePaise: 405_084,
      cgstPaise: 2_333,
      sgstPaise: 2_333,
      igstPaise: 16_250,
      taxPaise: 20_916,
    });
  });

  it('prints an API refusal with its code, path and reason, and exits 1', async () => {
    const storeB = fixture.shop.ids.storeB;
    const run = await possier(['report', 'sales', '--store', storeB, ...NOV]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^error AUTH\\.FORBIDDEN at storeId: may not read reports of store ${storeB}`),
    );
    const cashier = await possier(['report', 'items', ...NOV], { POSSIER_TOKEN: fixture.shop.cashierToken });
    expect([cashier.code, cashier.stderr]).toEqual([1, expect.stringMatching(/may read reports in no store/)]);
  });

  it('refuses a bad option before calling the API, naming it, and exits 1', async () => {
    const run = await possier(['report', 'items', '--from', '2026-11-25', '--to', '2026-11-24', '--by', 'hour']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      [
        'error VALIDATION.INVALID at --by: is not an option of this report',
        'error VALIDATION.INVALID at --to: must not be before from (2026-11-25)',
        '',
      ].join('\n'),
    );
    expect((await possier(['report', 'sales', ...NOV], { POSSIER_TOKEN: '' })).stderr).toBe(
      'error AUTH.NO_TOKEN at token: pass --token or set POSSIER_TOKEN\n',
    );
  });

  it('runs from the repository root as `npm run possier -- report …`', async () => {
    const { stdout } = await promisify(execFile)(
      'npm',
      ['run', '--silent', 'possier', '--', 'report', 'items', ...NOV, '--limit', '1', '--format', 'json'],
      { cwd: ROOT, env: { ...process.env, POSSIER_URL: fixture.ledger.url, POSSIER_TOKEN: fixture.analystA } },
    );
    expect(
      JSON.parse(stdout).rows.map((row: { name: string; netQuantity: number }) => [row.name, row.netQuantity]),
    ).toEqual([['Margherita', 2]]);
  });
});

describe('possier status', () => {
  const status = async (): Promise<ReadSideStatus> => {
    const run = await possier(['status', '--format', 'json'], { DATABASE_URL: fixture.ledger.databaseUrl });
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as ReadSideStatus;
  };

  it('shows every projection and the relay at the log’s head once the read side has caught up', async () => {
    const { head, checkpoints } = await status();
    expect(checkpoints.map((checkpoint) => `${checkpoint.kind}:${checkpoint.name}`)).toEqual([
      'projector:customer_sales',
      'projector:day_seals',
      'projector:gst_summary',
      'projector:item_sales',
      'projector:loyalty',
      'projector:loyalty_days',
      'projector:offline_conflicts',
      'projector:orders',
      'projector:payment_mix',
      'projector:receivables',
      'projector:sales_by_hour',
      'projector:shifts',
      'projector:statement_entries',
      'projector:stock_items',
      'projector:stock_movements',
      'projector:stock_on_hand',
      'projector:stores',
      'projector:tabs',
      'relay:ledger',
    ]);
    for (const checkpoint of checkpoints) {
      expect(checkpoint).toMatchObject({ position: head?.position, behind: 0, caughtUp: true, lagMs: 0 });
      expect(checkpoint.lastAgeMs).toBeGreaterThanOrEqual(0);
    }
    const table = await possier(['status'], { DATABASE_URL: fixture.ledger.databaseUrl });
    expect(table.stdout).toMatch(/^projector +sales_by_hour +[0-9a-f]{16}-[0-9a-f]{16} +caught up/m);
  });

  it('counts the events a checkpoint is behind when the log moves on without the read side', async () => {
    const { ids, cashierToken } = fixture.shop;
    const count = await fixture.ledger.post('/v1/stock/adjustments', cashierToken, {
      commandId: uuidv7(),
      occurredAt: '2026-11-26T10:00:00+05:30',
      data: {
        stockItemId: ids.dough,
        storeId: ids.storeA,
        adjustmentId: uuidv7(),
        occurredAt: '2026-11-26T10:00:00+05:30',
        reason: 'count',
        countedQuantity: 11_000,
      },
    });
    expect(count.status).toBe(200);
    const { head, checkpoints } = await status();
    for (const checkpoint of checkpoints) {
      expect(checkpoint).toMatchObject({ behind: 1, caughtUp: false });
      expect(checkpoint.position < (head?.position ?? '')).toBe(true);
    }
    const table = await possier(['status'], { DATABASE_URL: fixture.ledger.databaseUrl });
    expect(table.stdout).toMatch(/^relay +ledger +[0-9a-f-]{33} +1 event /m);
  });

  it('without DATABASE_URL asks the running ledger’s API, with a token', async () => {
    const refused = await possier(['status', '--url', fixture.ledger.url], { DATABASE_URL: '', POSSIER_TOKEN: '' });
    expect([refused.code, refused.stderr]).toEqual([
      1,
      'error AUTH.NO_TOKEN at token: pass --token or set POSSIER_TOKEN\n',
    ]);
    const operator = await fixture.ledger.token({ kind: 'operator', operatorId: 'test' });
    const run = await possier(['status', '--json', '--url', fixture.ledger.url, '--token', operator], {
      DATABASE_URL: '',
    });
    expect(run.code, run.stderr).toBe(0);
    const fromApi = JSON.parse(run.stdout) as ReadSideStatus;
    const fromDatabase = await status();
    const positions = ({ head, checkpoints }: ReadSideStatus) => [
      head?.position,
      checkpoints.map(({ kind, name, position }) => [kind, name, position]),
    ];
    expect(positions(fromApi)).toEqual(positions(fromDatabase));
  });
});
