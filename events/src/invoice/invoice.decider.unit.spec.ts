import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider.js';
import { gstinCheckCharacter } from '../gst.js';
import type { PricedLine, PriceListEntry } from '../pricing.js';
import { spec } from '../testing/decider-spec.js';
import { id, ORG, STORE } from '../testing/fixtures.js';
import type { IssueInvoice, MarkInvoiceOverdue, RecordInvoicePayment } from './invoice.commands.js';
import { invoiceDecider } from './invoice.decider.js';
import {
  invoiceEventDefinitions,
  invoiceStreamId,
  type InvoiceIssued,
  type InvoicePaymentReceived,
  type InvoiceSettled,
} from './invoice.events.js';

const INVOICE = id(0x1e01);
const CUSTOMER = id(0xc001);
const LINE = id(0x11);
const SECOND_LINE = id(0x12);
const ORDER = id(0x0d1);
const FIRST_PAYMENT = id(0xa1);
const SECOND_PAYMENT = id(0xa2);

const MAHARASHTRA_GSTIN = '27AAPFU0939F1ZV';
const KARNATAKA_GSTIN = `29AAPFU0939F1Z${gstinCheckCharacter('29AAPFU0939F1Z')}`;

/** ₹250 before 5 % GST; 40 office lunches come to ₹10,000 + ₹500 tax. */
const thali: PriceListEntry = {
  itemId: id(0x1701),
  name: 'Veg thali',
  hsnSac: '996331',
  unitPricePaise: 25_000,
  priceIncludesTax: false,
  taxRateBasisPoints: 500,
};

/** ₹19.99 including 18 % GST: three bottles leave the bill at ₹10,559.97, printed ₹10,560. */
const water: PriceListEntry = {
  itemId: id(0x1702),
  name: 'Packaged water 1 l',
  hsnSac: '22011010',
  unitPricePaise: 1_999,
  priceIncludesTax: true,
  taxRateBasisPoints: 1800,
};

const issue: IssueInvoice = {
  type: 'IssueInvoice',
  data: {
    invoiceId: INVOICE,
    orgId: ORG,
    storeId: STORE,
    invoiceNumber: 'INV/2026-27/0042',
    supplierStateCode: '27',
    customer: { customerId: CUSTOMER, legalName: 'Acme Analytics LLP', gstin: MAHARASHTRA_GSTIN, stateCode: '27' },
    lines: [{ lineId: LINE, item: thali, quantity: 40 }],
    issueDate: '2026-11-24',
    paymentTerms: { netDays: 30 },
  },
};

const issueWith = (data: Partial<IssueInvoice['data']>): IssueInvoice => ({
  ...issue,
  data: { ...issue.data, ...data },
});

const thaliLine: PricedLine = {
  lineId: LINE,
  itemId: thali.itemId,
  name: 'Veg thali',
  hsnSac: '996331',
  quantity: 40,
  unitPricePaise: 25_000,
  modifiers: [],
  priceIncludesTax: false,
  taxRateBasisPoints: 500,
  grossPaise: 1_000_000,
  lineDiscountPaise: 0,
  orderDiscountPaise: 0,
  serviceChargePaise: 0,
  taxablePaise: 1_000_000,
  cgstPaise: 25_000,
  sgstPaise: 25_000,
  igstPaise: 0,
  totalPaise: 1_050_000,
};

const PAYABLE = 1_050_000;

const issued: InvoiceIssued = {
  type: 'InvoiceIssued',
  data: {
    invoiceId: INVOICE,
    orgId: ORG,
    storeId: STORE,
    invoiceNumber: 'INV/2026-27/0042',
    supplierStateCode: '27',
    customer: issue.data.customer,
    supply: 'intra_state',
    lines: [thaliLine],
    totals: {
      grossPaise: 1_000_000,
      discountPaise: 0,
      serviceChargePaise: 0,
      taxablePaise: 1_000_000,
      cgstPaise: 25_000,
      sgstPaise: 25_000,
      igstPaise: 0,
      taxPaise: 50_000,
      totalPaise: PAYABLE,
      roundOffPaise: 0,
      payablePaise: PAYABLE,
    },
    issueDate: '2026-11-24',
    paymentTerms: { netDays: 30 },
    dueDate: '2026-12-24',
    orderIds: [],
  },
};

const pay = (paymentId: string, amountPaise: number, receivedOn = '2026-12-01'): RecordInvoicePayment => ({
  type: 'RecordInvoicePayment',
  data: {
    invoiceId: INVOICE,
    paymentId,
    amountPaise,
    method: 'bank_transfer',
    receivedOn,
    reference: 'UTR HDFC0000123',
  },
});

const received = (
  paymentId: string,
  amountPaise: number,
  outstandingAfterPaise: number,
  receivedOn = '2026-12-01',
): InvoicePaymentReceived => ({
  type: 'InvoicePaymentReceived',
  data: {
    invoiceId: INVOICE,
    paymentId,
    amountPaise,
    method: 'bank_transfer',
    receivedOn,
    reference: 'UTR HDFC0000123',
    outstandingAfterPaise,
  },
});

const settled = (settledOn = '2026-12-01'): InvoiceSettled => ({
  type: 'InvoiceSettled',
  data: { invoiceId: INVOICE, settledOn, paidPaise: PAYABLE },
});

const markOverdue = (asOf: string): MarkInvoiceOverdue => ({
  type: 'MarkInvoiceOverdue',
  data: { invoiceId: INVOICE, asOf },
});

const invoice = spec(invoiceDecider);

describe('invoice: none', () => {
  describe('issuing', () => {
    it('prices an intra-state invoice with CGST and SGST and sets the due date from the terms', () => {
      invoice.given([]).when(issue).then([issued]);
    });

    it('charges IGST to a customer registered in another state', () => {
      invoice
        .given([])
        .when(issueWith({ customer: { ...issue.data.customer, gstin: KARNATAKA_GSTIN, stateCode: '29' } }))
        .thenEvents(([event]) => {
          const data = (event as InvoiceIssued).data;
          expect(data.supply).toBe('inter_state');
          expect(data.totals).toMatchObject({ cgstPaise: 0, sgstPaise: 0, igstPaise: 50_000, payablePaise: PAYABLE });
        });
    });

    it('rounds the payable to the rupee and accepts a claimed payable that matches', () => {
      invoice
        .given([])
        .when(
          issueWith({
            lines: [...issue.data.lines, { lineId: SECOND_LINE, item: water, quantity: 3 }],
            claimedTotals: { payablePaise: 1_056_000 },
          }),
        )
        .thenEvents(([event]) => {
          expect((event as InvoiceIssued).data.totals).toMatchObject({
            totalPaise: 1_055_997,
            roundOffPaise: 3,
            payablePaise: 1_056_000,
          });
        });
    });

    it('applies line and order discounts before tax', () => {
      invoice
        .given([])
        .when(
          issueWith({
            lines: [
              {
                lineId: LINE,
                item: thali,
                quantity: 40,
                discount: { kind: 'percent', basisPoints: 1000, reason: 'corporate rate' },
              },
            ],
            orderDiscount: { kind: 'amount', amountPaise: 100_000, reason: 'first order' },
          }),
        )
        .thenEvents(([event]) => {
          expect((event as InvoiceIssued).data.totals).toMatchObject({
            discountPaise: 200_000,
            taxablePaise: 800_000,
            taxPaise: 40_000,
            payablePaise: 840_000,
          });
        });
    });

    it('records the on-account orders it bills', () => {
      invoice
        .given([])
        .when(issueWith({ orderIds: [ORDER] }))
        .then([{ ...issued, data: { ...issued.data, orderIds: [ORDER] } }]);
    });

    it('is due on the issue date with zero net days, and counts days across a year end', () => {
      invoice
        .given([])
        .when(issueWith({ paymentTerms: { netDays: 0 } }))
        .thenEvents(([event]) => expect((event as InvoiceIssued).data.dueDate).toBe('2026-11-24'));
      invoice
        .given([])
        .when(issueWith({ issueDate: '2026-12-15', paymentTerms: { netDays: 45 } }))
        .thenEvents(([event]) => expect((event as InvoiceIssued).data.dueDate).toBe('2027-01-29'));
    });

    it('refuses a claimed payable that differs from the computed one', () => {
      invoice
        .given([])
        .when(issueWith({ claimedTotals: { payablePaise: PAYABLE - 100 } }))
        .thenFails('INVOICE.TOTAL_MISMATCH', 'data.claimedTotals.payablePaise');
    });

    it("refuses a place of supply other than the state of the customer's GSTIN", () => {
      invoice
        .given([])
        .when(issueWith({ customer: { ...issue.data.customer, stateCode: '29' } }))
        .thenFails('INVOICE.GSTIN_STATE_MISMATCH', 'data.customer.stateCode');
    });

    it('refuses a GSTIN with a wrong check character', () => {
      invoice
        .given([])
        .when(issueWith({ customer: { ...issue.data.customer, gstin: '27AAPFU0939F1ZW' } }))
        .thenFails('VALIDATION.INVALID', 'data.customer.gstin');
    });

    it('refuses two lines with one id', () => {
      invoice
        .given([])
        .when(issueWith({ lines: [...issue.data.lines, { lineId: LINE, item: water, quantity: 1 }] }))
        .thenFails('INVOICE.DUPLICATE_LINE_ID', 'data.lines.1.lineId');
    });

    it('refuses to bill one order twice', () => {
      invoice
        .given([])
        .when(issueWith({ orderIds: [ORDER, ORDER] }))
        .thenFails('INVOICE.DUPLICATE_ORDER_ID', 'data.orderIds.1');
    });

    it('refuses an invoice without lines', () => {
      invoice
        .given([])
        .when(issueWith({ lines: [] }))
        .thenFails('PRICING.NO_LINES', 'data.lines');
    });

    it('refuses a line discount larger than the line', () => {
      invoice
        .given([])
        .when(
          issueWith({
            lines: [
              {
                lineId: LINE,
                item: thali,
                quantity: 1,
                discount: { kind: 'amount', amountPaise: 25_001, reason: 'x' },
              },
            ],
          }),
        )
        .thenFails('PRICING.DISCOUNT_EXCEEDS_AMOUNT', 'data.lines.0.discount');
    });

    it('refuses an order discount larger than the bill, naming the command field', () => {
      invoice
        .given([])
        .when(issueWith({ orderDiscount: { kind: 'amount', amountPaise: 1_000_001, reason: 'x' } }))
        .thenFails('PRICING.DISCOUNT_EXCEEDS_AMOUNT', 'data.orderDiscount');
    });

    it('refuses an invoice that comes to nothing payable', () => {
      invoice
        .given([])
        .when(issueWith({ lines: [{ lineId: LINE, item: { ...thali, unitPricePaise: 0 }, quantity: 5 }] }))
        .thenFails('INVOICE.NOTHING_PAYABLE', 'data.lines');
    });

    it('refuses a line without a positive whole quantity', () => {
      invoice
        .given([])
        .when(issueWith({ lines: [{ lineId: LINE, item: thali, quantity: 0 }] }))
        .thenFails('VALIDATION.INVALID', 'data.lines.0.quantity');
      invoice
        .given([])
        .when(issueWith({ lines: [{ lineId: LINE, item: thali, quantity: 1.5 }] }))
        .thenFails('VALIDATION.INVALID', 'data.lines.0.quantity');
    });

    it('refuses an empty or over-long invoice number', () => {
      invoice
        .given([])
        .when(issueWith({ invoiceNumber: '' }))
        .thenFails('VALIDATION.INVALID', 'data.invoiceNumber');
      invoice
        .given([])
        .when(issueWith({ invoiceNumber: 'INV/2026-27/00042' }))
        .thenFails('VALIDATION.INVALID', 'data.invoiceNumber');
    });

    it('refuses payment terms beyond a year or in fractions of a day', () => {
      invoice
        .given([])
        .when(issueWith({ paymentTerms: { netDays: 366 } }))
        .thenFails('VALIDATION.INVALID', 'data.paymentTerms.netDays');
      invoice
        .given([])
        .when(issueWith({ paymentTerms: { netDays: 7.5 } }))
        .thenFails('VALIDATION.INVALID', 'data.paymentTerms.netDays');
    });

    it('refuses an issue date that is not a calendar date', () => {
      invoice
        .given([])
        .when(issueWith({ issueDate: '2026-02-30' }))
        .thenFails('VALIDATION.INVALID', 'data.issueDate');
    });
  });

  it('refuses a payment on an invoice never issued', () => {
    invoice.given([]).when(pay(FIRST_PAYMENT, 100)).thenFails('INVOICE.NOT_ISSUED', 'data.invoiceId');
  });

  it('refuses to mark overdue an invoice never issued', () => {
    invoice.given([]).when(markOverdue('2027-01-01')).thenFails('INVOICE.NOT_ISSUED', 'data.invoiceId');
  });
});

describe('invoice: issued', () => {
  it('refuses a second issue under the same id', () => {
    invoice.given([issued]).when(issue).thenFails('INVOICE.ALREADY_ISSUED', 'data.invoiceId');
  });

  describe('payments', () => {
    it('records a partial payment with what remains outstanding', () => {
      invoice
        .given([issued])
        .when(pay(FIRST_PAYMENT, 400_000))
        .then([received(FIRST_PAYMENT, 400_000, 650_000)]);
    });

    it('settles the invoice with a payment of the whole amount', () => {
      invoice
        .given([issued])
        .when(pay(FIRST_PAYMENT, PAYABLE))
        .then([received(FIRST_PAYMENT, PAYABLE, 0), settled()]);
    });

    it('settles the invoice with the payment that clears the rest', () => {
      invoice
        .given([issued, received(FIRST_PAYMENT, 400_000, 650_000)])
        .when(pay(SECOND_PAYMENT, 650_000, '2026-12-20'))
        .then([received(SECOND_PAYMENT, 650_000, 0, '2026-12-20'), settled('2026-12-20')]);
    });

    it('records a payment without a reference as null', () => {
      const { reference: _omitted, ...data } = pay(FIRST_PAYMENT, 400_000).data;
      invoice
        .given([issued])
        .when({ type: 'RecordInvoicePayment', data })
        .then([
          {
            ...received(FIRST_PAYMENT, 400_000, 650_000),
            data: { ...received(FIRST_PAYMENT, 400_000, 650_000).data, reference: null },
          },
        ]);
    });

    it('accepts a payment received on the issue date', () => {
      invoice
        .given([issued])
        .when(pay(FIRST_PAYMENT, 400_000, '2026-11-24'))
        .then([received(FIRST_PAYMENT, 400_000, 650_000, '2026-11-24')]);
    });

    it('treats a repeated payment id with the same amount as a no-op', () => {
      invoice
        .given([issued, received(FIRST_PAYMENT, 400_000, 650_000)])
        .when(pay(FIRST_PAYMENT, 400_000))
        .then([]);
    });

    it('refuses a repeated payment id with another amount', () => {
      invoice
        .given([issued, received(FIRST_PAYMENT, 400_000, 650_000)])
        .when(pay(FIRST_PAYMENT, 500_000))
        .thenFails('INVOICE.PAYMENT_ID_REUSED', 'data.paymentId');
    });

    it('refuses a payment larger than what is outstanding', () => {
      invoice
        .given([issued])
        .when(pay(FIRST_PAYMENT, PAYABLE + 1))
        .thenFails('INVOICE.OVERPAYMENT', 'data.amountPaise');
      invoice
        .given([issued, received(FIRST_PAYMENT, 400_000, 650_000)])
        .when(pay(SECOND_PAYMENT, 650_001))
        .thenFails('INVOICE.OVERPAYMENT', 'data.amountPaise');
    });

    it('refuses a payment dated before the invoice was issued', () => {
      invoice
        .given([issued])
        .when(pay(FIRST_PAYMENT, 400_000, '2026-11-23'))
        .thenFails('INVOICE.PAYMENT_BEFORE_ISSUE', 'data.receivedOn');
    });

    it('refuses a payment of nothing, or of fractions of a paisa', () => {
      invoice.given([issued]).when(pay(FIRST_PAYMENT, 0)).thenFails('VALIDATION.INVALID', 'data.amountPaise');
      invoice.given([issued]).when(pay(FIRST_PAYMENT, 10.5)).thenFails('VALIDATION.INVALID', 'data.amountPaise');
    });

    it('refuses an unknown payment method', () => {
      invoice
        .given([issued])
        .when({ ...pay(FIRST_PAYMENT, 100), data: { ...pay(FIRST_PAYMENT, 100).data, method: 'barter' } } as never)
        .thenFails('VALIDATION.INVALID', 'data.method');
    });
  });

  describe('overdue', () => {
    it('refuses to mark overdue on the due date itself', () => {
      invoice.given([issued]).when(markOverdue('2026-12-24')).thenFails('INVOICE.NOT_YET_DUE', 'data.asOf');
    });

    it('refuses to mark overdue before the due date', () => {
      invoice.given([issued]).when(markOverdue('2026-12-01')).thenFails('INVOICE.NOT_YET_DUE', 'data.asOf');
    });

    it('refuses a date that has not yet come in the store', () => {
      invoice
        .given([issued])
        .when({ ...markOverdue('2026-12-26'), context: { storeToday: '2026-12-25' } })
        .thenFails('INVOICE.AS_OF_IN_FUTURE', 'data.asOf');
    });

    it('accepts the store-local today as the date it is found overdue', () => {
      invoice
        .given([issued])
        .when({ ...markOverdue('2026-12-25'), context: { storeToday: '2026-12-25' } })
        .thenEvents((events) => expect(events.map((event) => event.type)).toEqual(['InvoiceOverdue']));
    });

    it('is overdue the day after the due date, with what is still outstanding', () => {
      invoice
        .given([issued, received(FIRST_PAYMENT, 400_000, 650_000)])
        .when(markOverdue('2026-12-25'))
        .then([
          {
            type: 'InvoiceOverdue',
            data: {
              invoiceId: INVOICE,
              asOf: '2026-12-25',
              dueDate: '2026-12-24',
              daysOverdue: 1,
              outstandingPaise: 650_000,
            },
          },
        ]);
    });
  });
});

describe('invoice: issued and overdue', () => {
  const overdue = {
    type: 'InvoiceOverdue' as const,
    data: { invoiceId: INVOICE, asOf: '2027-01-10', dueDate: '2026-12-24', daysOverdue: 17, outstandingPaise: PAYABLE },
  };

  it('records overdue once: a later mark is a no-op', () => {
    invoice.given([issued, overdue]).when(markOverdue('2027-02-10')).then([]);
  });

  it('still takes payments, and settles', () => {
    invoice
      .given([issued, overdue])
      .when(pay(FIRST_PAYMENT, PAYABLE, '2027-01-15'))
      .then([received(FIRST_PAYMENT, PAYABLE, 0, '2027-01-15'), settled('2027-01-15')]);
  });
});

describe('invoice: settled', () => {
  const history = [issued, received(FIRST_PAYMENT, PAYABLE, 0), settled()];

  it('is terminal', () => {
    expect(invoiceDecider.isTerminal?.(foldEvents(invoiceDecider, history))).toBe(true);
    expect(invoiceDecider.isTerminal?.(foldEvents(invoiceDecider, [issued]))).toBe(false);
  });

  it('refuses a further payment', () => {
    invoice.given(history).when(pay(SECOND_PAYMENT, 100)).thenFails('INVOICE.ALREADY_SETTLED', 'data.invoiceId');
  });

  it('treats a retry of the settling payment as a no-op', () => {
    invoice.given(history).when(pay(FIRST_PAYMENT, PAYABLE)).then([]);
  });

  it('refuses a retry of the settling payment id with another amount', () => {
    invoice.given(history).when(pay(FIRST_PAYMENT, 100)).thenFails('INVOICE.PAYMENT_ID_REUSED', 'data.paymentId');
  });

  it('refuses to be marked overdue', () => {
    invoice.given(history).when(markOverdue('2027-01-10')).thenFails('INVOICE.ALREADY_SETTLED', 'data.invoiceId');
  });
});

describe('invoice events', () => {
  it('live on the stream invoice-<invoiceId>', () => {
    expect(invoiceStreamId(INVOICE)).toBe(`invoice-${INVOICE}`);
  });

  it('are all registered at schema version 1', () => {
    expect(invoiceEventDefinitions.map((definition) => definition.schema.shape.type.value)).toEqual([
      'InvoiceIssued',
      'InvoicePaymentReceived',
      'InvoiceSettled',
      'InvoiceOverdue',
      'InvoiceLineCorrected',
      'InvoicePriceCorrected',
      'InvoiceDueDateChanged',
      'CreditNoteIssued',
      'DebitNoteIssued',
      'InvoiceEarlyPaymentDiscountTaken',
    ]);
    expect(invoiceEventDefinitions.every((definition) => definition.schemaVersion === 1)).toBe(true);
  });

  it('validate against their schemas as the decider emits them', () => {
    const emitted = [
      ...invoice
        .given([])
        .when(issue)
        .thenEvents(() => undefined),
      ...invoice
        .given([issued])
        .when(markOverdue('2027-01-10'))
        .thenEvents(() => undefined),
      ...invoice
        .given([issued])
        .when(pay(FIRST_PAYMENT, PAYABLE))
        .thenEvents(() => undefined),
    ];
    expect(emitted.map((event) => event.type)).toEqual([
      'InvoiceIssued',
      'InvoiceOverdue',
      'InvoicePaymentReceived',
      'InvoiceSettled',
    ]);
    for (const event of emitted) {
      const definition = invoiceEventDefinitions.find((candidate) => candidate.schema.shape.type.value === event.type);
      expect(definition?.schema.parse(event)).toEqual(event);
    }
  });
});
