import { randomUUID } from 'node:crypto';
import { gstinCheckCharacter, reportRoutes, type ReportName, type ReportOf } from '@possier/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, uuidv7, type Ledger, type Response } from '../testing/ledger-harness.js';
import { startReadSide, type ReadSide } from '../testing/read-side.js';
import { ok, seedRestaurant, type Restaurant } from '../testing/seed.js';

/**
 * One invoice through the ledger's HTTP API on PostgreSQL, relayed over NATS and projected:
 * issued, corrected twice, credited once and part paid; then the receivables aging, the
 * customer's statement and the GST summary, every figure worked out by hand (paise).
 *
 * Store A is in Maharashtra and so is the customer: CGST + SGST. Veg thali ₹250 before 5 % GST.
 * - issued 24 Nov, net 30 (due 24 Dec): 40 × ₹250 = ₹10,000 + ₹250 + ₹250 = ₹10,500;
 * - 25 Nov, 36 served, not 40: ₹9,000 + ₹225 + ₹225 = ₹9,450 (−₹1,050);
 * - 26 Nov, the contract rate is ₹240: 36 × ₹240 = ₹8,640 + ₹216 + ₹216 = ₹9,072 (−₹378);
 * - 2 Dec, credit note for 6 thalis returned: 6/36 of it, ₹1,440 + ₹36 + ₹36 = ₹1,512, leaves ₹7,560;
 * - 5 Dec, ₹3,000 received: ₹4,560 outstanding.
 */
let ledger: Ledger;
let shop: Restaurant;
let readSide: ReadSide;
const invoiceId = randomUUID();
const lineId = randomUUID();
const customerId = randomUUID();

const send = (path: string, occurredAt: string, data: Record<string, unknown>): Promise<Response> =>
  ledger.post(path, shop.ownerToken, { commandId: uuidv7(), occurredAt, data });

const served = async <Name extends ReportName>(name: Name, query: Record<string, string>): Promise<ReportOf<Name>> => {
  const response = await ledger.get(`${reportRoutes[name].path}?${new URLSearchParams(query)}`, shop.ownerToken);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return reportRoutes[name].response.parse(response.body) as ReportOf<Name>;
};

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
  readSide = await startReadSide(ledger);
  ok(
    await send('/v1/invoices', '2026-11-24T16:00:00+05:30', {
      invoiceId,
      orgId: shop.ids.org,
      storeId: shop.ids.storeA,
      invoiceNumber: 'INV/26-27/0101',
      supplierStateCode: '27',
      customer: { customerId, legalName: 'Pune Events Pvt Ltd', gstin: '27AAPFU0939F1ZV', stateCode: '27' },
      lines: [
        {
          lineId,
          item: {
            itemId: shop.ids.pizza,
            name: 'Veg thali',
            hsnSac: '996331',
            unitPricePaise: 25_000,
            priceIncludesTax: false,
            taxRateBasisPoints: 500,
          },
          quantity: 40,
        },
      ],
      issueDate: '2026-11-24',
      paymentTerms: { netDays: 30 },
    }),
  );
  ok(
    await send(`/v1/invoices/${invoiceId}/line-corrections`, '2026-11-25T10:00:00+05:30', {
      invoiceId,
      lineId,
      quantity: 36,
      reason: 'four guests did not come',
    }),
  );
  ok(
    await send(`/v1/invoices/${invoiceId}/price-corrections`, '2026-11-26T10:00:00+05:30', {
      invoiceId,
      lineId,
      unitPricePaise: 24_000,
      reason: 'the contract rate is ₹240',
    }),
  );
  ok(
    await send(`/v1/invoices/${invoiceId}/credit-notes`, '2026-12-02T11:00:00+05:30', {
      invoiceId,
      creditNoteId: randomUUID(),
      creditNoteNumber: 'CN/26-27/0001',
      issueDate: '2026-12-02',
      reason: 'six thalis returned unopened',
      lines: [{ lineId, quantity: 6 }],
    }),
  );
  ok(
    await send(`/v1/invoices/${invoiceId}/payments`, '2026-12-05T12:00:00+05:30', {
      invoiceId,
      paymentId: randomUUID(),
      amountPaise: 300_000,
      method: 'bank_transfer',
      receivedOn: '2026-12-05',
      reference: 'UTR HDFC000777',
    }),
  );
  await readSide.settle();
}, 120_000);

afterAll(async () => {
  await readSide?.stop();
  await ledger?.close();
});

describe('an invoice corrected twice, credited once and part paid', () => {
  it('ages the receivable at what is left, with the credit note in its own column', async () => {
    const receivables = await served('receivables', { from: '2026-11-01', to: '2026-12-31', asOf: '2027-01-10' });
    expect(receivables.rows).toEqual([
      {
        invoiceId,
        storeId: shop.ids.storeA,
        invoiceNumber: 'INV/26-27/0101',
        customerId,
        customerName: 'Pune Events Pvt Ltd',
        customerGstin: '27AAPFU0939F1ZV',
        issueDate: '2026-11-24',
        dueDate: '2026-12-24',
        status: 'issued',
        payablePaise: 907_200,
        creditedPaise: 151_200,
        debitedPaise: 0,
        discountPaise: 0,
        paidPaise: 300_000,
        outstandingPaise: 456_000,
        daysPastDue: 17,
        daysUntilDue: null,
        bucket: '1-30',
      },
    ]);
    expect(receivables.aging.find((bucket) => bucket.bucket === '1-30')).toEqual({
      bucket: '1-30',
      invoices: 1,
      outstandingPaise: 456_000,
    });
    expect(receivables.outstandingPaise).toBe(456_000);
  });

  it('prints the customer statement with the opening balance, every entry, the running and the closing balance', async () => {
    const statement = await served('statement', { customerId, from: '2026-11-25', to: '2026-12-31' });
    expect(statement).toMatchObject({
      report: 'statement',
      orgId: shop.ids.org,
      customerId,
      customerName: 'Pune Events Pvt Ltd',
      customerGstin: '27AAPFU0939F1ZV',
      openingBalancePaise: 1_050_000,
      debitPaise: 0,
      creditPaise: 594_000,
      closingBalancePaise: 456_000,
    });
    const entry = (
      date: string,
      kind: string,
      documentNumber: string | null,
      creditPaise: number,
      balancePaise: number,
    ) => ({
      date,
      kind,
      invoiceId,
      invoiceNumber: 'INV/26-27/0101',
      documentNumber,
      debitPaise: 0,
      creditPaise,
      balancePaise,
    });
    expect(statement.rows).toEqual([
      entry('2026-11-25', 'correction', null, 105_000, 945_000),
      entry('2026-11-26', 'correction', null, 37_800, 907_200),
      entry('2026-12-02', 'credit_note', 'CN/26-27/0001', 151_200, 756_000),
      entry('2026-12-05', 'payment', 'UTR HDFC000777', 300_000, 456_000),
    ]);
  });

  it('starts the statement at the invoice itself when the period covers its issue', async () => {
    const statement = await served('statement', { customerId, from: '2026-11-01', to: '2026-11-30' });
    expect(statement.openingBalancePaise).toBe(0);
    expect(
      statement.rows.map((row) => [row.date, row.kind, row.debitPaise, row.creditPaise, row.balancePaise]),
    ).toEqual([
      ['2026-11-24', 'invoice', 1_050_000, 0, 1_050_000],
      ['2026-11-25', 'correction', 0, 105_000, 945_000],
      ['2026-11-26', 'correction', 0, 37_800, 907_200],
    ]);
    expect(statement.closingBalancePaise).toBe(907_200);
  });

  it('files the corrected invoice in November and the credit note in December in the GST summary', async () => {
    const b2b = (taxablePaise: number, cgstPaise: number) => ({
      segment: 'B2B',
      supply: 'intra_state',
      rateBasisPoints: 500,
      hsnSac: '996331',
      taxablePaise,
      cgstPaise,
      sgstPaise: cgstPaise,
      igstPaise: 0,
      taxPaise: 2 * cgstPaise,
    });
    const november = await served('gst', { storeId: shop.ids.storeA, from: '2026-11-01', to: '2026-11-30' });
    expect(november.rows.filter((row) => row.segment === 'B2B')).toEqual([b2b(864_000, 21_600)]);
    const december = await served('gst', { storeId: shop.ids.storeA, from: '2026-12-01', to: '2026-12-31' });
    expect(december.rows).toEqual([b2b(-144_000, -3_600)]);
    expect(december.totals).toEqual({
      taxablePaise: -144_000,
      cgstPaise: -3_600,
      sgstPaise: -3_600,
      igstPaise: 0,
      taxPaise: -7_200,
    });
  });

  it('refuses a credit note for more than is left of the line, naming the field, and appends nothing', async () => {
    const response = await send(`/v1/invoices/${invoiceId}/credit-notes`, '2026-12-06T11:00:00+05:30', {
      invoiceId,
      creditNoteId: randomUUID(),
      creditNoteNumber: 'CN/26-27/0002',
      issueDate: '2026-12-06',
      reason: 'returned',
      lines: [{ lineId, quantity: 31 }],
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.error).toMatchObject({
      code: 'INVOICE.CREDIT_EXCEEDS_QUANTITY',
      path: 'data.lines.0.quantity',
    });
    const { rows } = await ledger.store.pool.query<{ count: string }>(
      `SELECT count(*) FROM events WHERE stream_id = $1`,
      [`invoice-${invoiceId}`],
    );
    expect(Number(rows[0]?.count)).toBe(5);
  });

  it('refuses a correction without a reason, naming the field', async () => {
    const response = await send(`/v1/invoices/${invoiceId}/line-corrections`, '2026-12-06T11:00:00+05:30', {
      invoiceId,
      lineId,
      quantity: 30,
      reason: '',
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ path: 'data.reason' });
  });
});

describe('an invoice with an early-payment discount, a debit note, and paid in time', () => {
  /**
   * Store B (Karnataka) to a Bengaluru customer, intra-state: 10 thalis = ₹2,500 + ₹62.50 + ₹62.50
   * = ₹2,625, 2 % off if paid within 10 days; a ₹100 + ₹2.50 + ₹2.50 debit note on 27 Nov makes
   * ₹2,730; ₹2,675.40 received on 30 Nov clears it with ₹54.60 (2 %) discount.
   */
  const discounted = randomUUID();
  const discountedLine = randomUUID();
  const bengaluru = randomUUID();

  beforeAll(async () => {
    ok(
      await send('/v1/invoices', '2026-11-24T16:00:00+05:30', {
        invoiceId: discounted,
        orgId: shop.ids.org,
        storeId: shop.ids.storeB,
        invoiceNumber: 'INV/26-27/B001',
        supplierStateCode: '29',
        customer: {
          customerId: bengaluru,
          legalName: 'Bengaluru Offices LLP',
          gstin: `29AAPFU0939F1Z${gstinCheckCharacter('29AAPFU0939F1Z')}`,
          stateCode: '29',
        },
        lines: [
          {
            lineId: discountedLine,
            item: {
              itemId: shop.ids.pizza,
              name: 'Veg thali',
              hsnSac: '996331',
              unitPricePaise: 25_000,
              priceIncludesTax: false,
              taxRateBasisPoints: 500,
            },
            quantity: 10,
          },
        ],
        issueDate: '2026-11-24',
        paymentTerms: { netDays: 30, earlyPaymentDiscount: { percentBasisPoints: 200, withinDays: 10 } },
      }),
    );
    ok(
      await send(`/v1/invoices/${discounted}/debit-notes`, '2026-11-27T10:00:00+05:30', {
        invoiceId: discounted,
        debitNoteId: randomUUID(),
        debitNoteNumber: 'DN/26-27/B001',
        issueDate: '2026-11-27',
        reason: 'delivery charge agreed after supply',
        lines: [{ lineId: discountedLine, taxablePaise: 10_000 }],
      }),
    );
    ok(
      await send(`/v1/invoices/${discounted}/payments`, '2026-11-30T12:00:00+05:30', {
        invoiceId: discounted,
        paymentId: randomUUID(),
        amountPaise: 267_540,
        method: 'upi',
        receivedOn: '2026-11-30',
        reference: 'UPI 633412',
      }),
    );
    await readSide.settle();
  }, 60_000);

  it('records the discount as its own entry and closes the statement at nothing owed', async () => {
    const statement = await served('statement', { customerId: bengaluru, from: '2026-11-01', to: '2026-11-30' });
    expect(
      statement.rows.map((row) => [
        row.date,
        row.kind,
        row.documentNumber,
        row.debitPaise,
        row.creditPaise,
        row.balancePaise,
      ]),
    ).toEqual([
      ['2026-11-24', 'invoice', null, 262_500, 0, 262_500],
      ['2026-11-27', 'debit_note', 'DN/26-27/B001', 10_500, 0, 273_000],
      ['2026-11-30', 'payment', 'UPI 633412', 0, 267_540, 5_460],
      ['2026-11-30', 'discount', null, 0, 5_460, 0],
    ]);
    expect(statement).toMatchObject({
      openingBalancePaise: 0,
      debitPaise: 273_000,
      creditPaise: 273_000,
      closingBalancePaise: 0,
    });
  });

  it('leaves the settled invoice out of the aging', async () => {
    const receivables = await served('receivables', { from: '2026-11-01', to: '2026-12-31', asOf: '2027-01-10' });
    expect(receivables.rows.map((row) => row.invoiceNumber)).toEqual(['INV/26-27/0101']);
  });

  it('adds the debit note to store B’s GST summary on its own date, CGST + SGST', async () => {
    const gst = await served('gst', { storeId: shop.ids.storeB, from: '2026-11-27', to: '2026-11-27' });
    expect(gst.rows).toEqual([
      {
        segment: 'B2B',
        supply: 'intra_state',
        rateBasisPoints: 500,
        hsnSac: '996331',
        taxablePaise: 10_000,
        cgstPaise: 250,
        sgstPaise: 250,
        igstPaise: 0,
        taxPaise: 500,
      },
    ]);
  });
});
