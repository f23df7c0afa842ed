import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmReceivables } from '../tables.js';
import { fold } from '../testing/fold.js';
import { CORPORATE_CUSTOMER, ORG, STORE, id } from '../testing/fixtures.js';
import { createTestLedger } from '../testing/ledger.js';
import { BIG_INVOICE, SMALL_INVOICE, issueInvoice, payInvoice } from '../testing/scenarios.js';
import { receivablesProjection } from './receivables.projection.js';

const receivable = {
  org_id: ORG,
  store_id: STORE,
  customer_id: CORPORATE_CUSTOMER.customerId,
  customer_name: 'Acme Foods Private Limited',
  customer_gstin: CORPORATE_CUSTOMER.gstin,
  issue_date: '2026-11-24',
  last_paid_on: null,
  settled_on: null,
  overdue_as_of: null,
  credited_paise: 0,
  debited_paise: 0,
  discount_paise: 0,
};

/** 20 pizzas inter-state: 650000 + 5 % IGST 32500 = 682500, already whole rupees. */
const bigInvoice = {
  ...receivable,
  invoice_id: BIG_INVOICE,
  invoice_number: 'INV/2026-27/01',
  due_date: '2026-12-24',
  payable_paise: 682_500,
};

/** One pizza: 32500 + IGST 1625 = 34125, rounded to ₹341 = 34100; due after 7 days. */
const smallInvoice = {
  ...receivable,
  invoice_id: SMALL_INVOICE,
  invoice_number: 'INV/2026-27/02',
  due_date: '2026-12-01',
  payable_paise: 34_100,
};

describe('receivables projection', () => {
  describe('given an invoice paid in two parts', () => {
    it('is outstanding after the first and settled by the second', () => {
      const ledger = createTestLedger();
      issueInvoice(ledger, BIG_INVOICE, 'INV/2026-27/01', 20, 30);
      payInvoice(ledger, BIG_INVOICE, id(0xa_0001), 400_000, '2026-12-01');
      expect(rowsOf(fold([receivablesProjection], ledger.events), rmReceivables)).toEqual([
        {
          ...bigInvoice,
          paid_paise: 400_000,
          outstanding_paise: 282_500,
          status: 'issued',
          last_paid_on: '2026-12-01',
        },
      ]);

      payInvoice(ledger, BIG_INVOICE, id(0xa_0002), 282_500, '2026-12-20');
      expect(rowsOf(fold([receivablesProjection], ledger.events), rmReceivables)).toEqual([
        {
          ...bigInvoice,
          paid_paise: 682_500,
          outstanding_paise: 0,
          status: 'settled',
          last_paid_on: '2026-12-20',
          settled_on: '2026-12-20',
        },
      ]);
    });
  });

  describe('given an invoice part paid and then found past due', () => {
    it('is overdue with what is still outstanding', () => {
      const ledger = createTestLedger();
      issueInvoice(ledger, SMALL_INVOICE, 'INV/2026-27/02', 1, 7);
      payInvoice(ledger, SMALL_INVOICE, id(0xa_0003), 10_000, '2026-11-28');
      ledger.invoice(
        SMALL_INVOICE,
        { type: 'MarkInvoiceOverdue', data: { invoiceId: SMALL_INVOICE, asOf: '2026-12-05' } },
        '2026-12-05T06:00:00+05:30',
        STORE,
      );
      expect(rowsOf(fold([receivablesProjection], ledger.events), rmReceivables)).toEqual([
        {
          ...smallInvoice,
          paid_paise: 10_000,
          outstanding_paise: 24_100,
          status: 'overdue',
          last_paid_on: '2026-11-28',
          overdue_as_of: '2026-12-05',
        },
      ]);
    });
  });
});
