import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmGstSummary, rmReceivables, rmStatementEntries } from '../tables.js';
import { fold } from '../testing/fold.js';
import { ORG, STORE } from '../testing/fixtures.js';
import { createTestLedger } from '../testing/ledger.js';
import { invoiceWithEveryChange, TERMS_INVOICE } from '../testing/scenarios.js';
import { gstSummaryProjection } from './gst-summary.projection.js';
import { receivablesProjection } from './receivables.projection.js';
import { statementEntriesProjection } from './statement-entries.projection.js';

/**
 * The catering invoice of `invoiceWithEveryChange`, inter-state at 5 % IGST:
 * issued for 10 pizzas at ₹325 = ₹3,250 + ₹162.50 = ₹3,412.50, payable ₹3,413;
 * corrected to 12 pizzas (₹4,095, +₹682) and then to ₹300 each (₹3,780, −₹315);
 * 2 pizzas credited on the 26th (₹600 + ₹30 = ₹630), ₹100 + ₹5 debited the same day;
 * ₹3,255 left, paid on the 30th within 10 days: 2 % off is ₹65.10, so ₹3,189.90 settles it.
 */
const invoiceWithEveryChangeLedger = () => {
  const ledger = createTestLedger();
  invoiceWithEveryChange(ledger);
  return ledger;
};

describe('projections of corrections, notes and an early-payment discount', () => {
  it('receivables: the payable follows corrections, notes and the discount have their columns, and it settles', () => {
    const ledger = invoiceWithEveryChangeLedger();
    expect(rowsOf(fold([receivablesProjection], ledger.events), rmReceivables)).toEqual([
      expect.objectContaining({
        org_id: ORG,
        invoice_id: TERMS_INVOICE,
        due_date: '2027-01-08',
        payable_paise: 378_000,
        credited_paise: 63_000,
        debited_paise: 10_500,
        discount_paise: 6_510,
        paid_paise: 318_990,
        outstanding_paise: 0,
        status: 'settled',
        settled_on: '2026-11-30',
      }),
    ]);
  });

  it('receivables: before the payment, outstanding is payable + debits − credits', () => {
    const ledger = invoiceWithEveryChangeLedger();
    const beforePayment = ledger.events.filter(
      (event) =>
        event.type !== 'InvoicePaymentReceived' &&
        event.type !== 'InvoiceEarlyPaymentDiscountTaken' &&
        event.type !== 'InvoiceSettled',
    );
    expect(rowsOf(fold([receivablesProjection], beforePayment), rmReceivables)).toEqual([
      expect.objectContaining({ payable_paise: 378_000, outstanding_paise: 325_500, status: 'issued' }),
    ]);
  });

  it('statement entries: one per document, payment and discount, debits and credits summing to nothing owed', () => {
    const ledger = invoiceWithEveryChangeLedger();
    const rows = rowsOf(fold([statementEntriesProjection], ledger.events), rmStatementEntries);
    const lines = rows
      .map((row) => [
        row.entry_date,
        row.kind,
        row.document_number,
        row.debit_paise,
        row.credit_paise,
        row.stream_position,
      ])
      .sort((a, b) => Number(a[5]) - Number(b[5]));
    expect(lines).toEqual([
      ['2026-11-24', 'invoice', null, 341_300, 0, 0],
      ['2026-11-24', 'correction', null, 68_200, 0, 1],
      ['2026-11-24', 'correction', null, 0, 31_500, 2],
      ['2026-11-26', 'credit_note', 'CN/2026-27/01', 0, 63_000, 4],
      ['2026-11-26', 'debit_note', 'DN/2026-27/01', 10_500, 0, 5],
      ['2026-11-30', 'payment', 'UTR0301', 0, 318_990, 6],
      ['2026-11-30', 'discount', null, 0, 6_510, 7],
    ]);
    expect(rows.every((row) => row.store_id === STORE && row.invoice_id === TERMS_INVOICE)).toBe(true);
  });

  it('GST summary: corrections change the invoice’s own date, notes count on theirs, IGST as the invoice', () => {
    const ledger = invoiceWithEveryChangeLedger();
    const rows = rowsOf(fold([gstSummaryProjection], ledger.events), rmGstSummary);
    const b2b = (business_date: string, taxable_paise: number, igst_paise: number) => ({
      org_id: ORG,
      store_id: STORE,
      business_date,
      rate_bp: 500,
      hsn_sac: '996331',
      supply: 'inter_state',
      segment: 'B2B',
      taxable_paise,
      cgst_paise: 0,
      sgst_paise: 0,
      igst_paise,
    });
    // 12 × ₹300 = ₹3,600 + ₹180 on the 24th; the 26th: −₹600 − ₹30 credited, +₹100 + ₹5 debited.
    expect(rows).toEqual([b2b('2026-11-24', 360_000, 18_000), b2b('2026-11-26', -50_000, -2_500)]);
  });

  it('the statement and GST rows are the same when every event is delivered twice', () => {
    const ledger = invoiceWithEveryChangeLedger();
    const twice = ledger.events.flatMap((event) => [event, event]);
    expect(rowsOf(fold([statementEntriesProjection], twice), rmStatementEntries)).toEqual(
      rowsOf(fold([statementEntriesProjection], ledger.events), rmStatementEntries),
    );
  });
});
