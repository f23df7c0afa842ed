import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.js';
import { gstinCheckCharacter } from '../gst.js';
import type { PriceListEntry } from '../pricing.js';
import { spec } from '../testing/decider-spec.js';
import { id, ORG, STORE } from '../testing/fixtures.js';
import type {
  ChangeInvoiceDueDate,
  CorrectInvoiceLine,
  CorrectInvoicePrice,
  IssueCreditNote,
  IssueDebitNote,
  IssueInvoice,
  NoteLineRequest,
  RecordInvoicePayment,
} from './invoice.commands.js';
import { invoiceDecider } from './invoice.decider.js';
import { invoiceEventDefinitions, type InvoiceEvent } from './invoice.events.js';

const INVOICE = id(0x1e01);
const LINE = id(0x11);
const CREDIT_NOTE = id(0xc4_01);
const SECOND_CREDIT_NOTE = id(0xc4_02);
const DEBIT_NOTE = id(0xd4_01);
const PAYMENT = id(0xa1);
const KARNATAKA_GSTIN = `29AAPFU0939F1Z${gstinCheckCharacter('29AAPFU0939F1Z')}`;

/** ₹250 before 5 % GST: 40 office lunches are ₹10,000 + ₹250 CGST + ₹250 SGST = ₹10,500. */
const thali: PriceListEntry = {
  itemId: id(0x1701),
  name: 'Veg thali',
  hsnSac: '996331',
  unitPricePaise: 25_000,
  priceIncludesTax: false,
  taxRateBasisPoints: 500,
};

const issue: IssueInvoice = {
  type: 'IssueInvoice',
  data: {
    invoiceId: INVOICE,
    orgId: ORG,
    storeId: STORE,
    invoiceNumber: 'INV/2026-27/0042',
    supplierStateCode: '27',
    customer: { customerId: id(0xc001), legalName: 'Acme Analytics LLP', gstin: '27AAPFU0939F1ZV', stateCode: '27' },
    lines: [{ lineId: LINE, item: thali, quantity: 40 }],
    issueDate: '2026-11-24',
    paymentTerms: { netDays: 30 },
  },
};

/** The events the decider itself issues for a command: the history later commands are given. */
const issuedBy = (command: IssueInvoice): InvoiceEvent[] => {
  const events = invoiceDecider.decide(command, invoiceDecider.initialState());
  if (isDomainError(events)) throw events;
  return events;
};
const issued = issuedBy(issue);
const interState = issuedBy({
  ...issue,
  data: { ...issue.data, customer: { ...issue.data.customer, gstin: KARNATAKA_GSTIN, stateCode: '29' } },
});

const correctLine = (
  data: Omit<CorrectInvoiceLine['data'], 'invoiceId' | 'lineId' | 'reason'>,
  reason = 'four guests did not come',
): CorrectInvoiceLine => ({
  type: 'CorrectInvoiceLine',
  data: { invoiceId: INVOICE, lineId: LINE, reason, ...data },
});
const correctPrice = (unitPricePaise: number): CorrectInvoicePrice => ({
  type: 'CorrectInvoicePrice',
  data: { invoiceId: INVOICE, lineId: LINE, unitPricePaise, reason: 'contract rate is ₹240' },
});
const changeDue = (dueDate: string): ChangeInvoiceDueDate => ({
  type: 'ChangeInvoiceDueDate',
  data: { invoiceId: INVOICE, dueDate, reason: 'agreed 45 days with the customer' },
});
const credit = (lines: NoteLineRequest[], noteId = CREDIT_NOTE, issueDate = '2026-12-02'): IssueCreditNote => ({
  type: 'IssueCreditNote',
  data: {
    invoiceId: INVOICE,
    creditNoteId: noteId,
    creditNoteNumber: `CN/2026-27/${noteId.slice(-2)}`,
    issueDate,
    reason: 'returned',
    lines,
  },
});
const debit = (lines: NoteLineRequest[]): IssueDebitNote => ({
  type: 'IssueDebitNote',
  data: {
    invoiceId: INVOICE,
    debitNoteId: DEBIT_NOTE,
    debitNoteNumber: 'DN/2026-27/01',
    issueDate: '2026-12-03',
    reason: 'extra serving',
    lines,
  },
});
const pay = (amountPaise: number, receivedOn = '2026-12-01', paymentId = PAYMENT): RecordInvoicePayment => ({
  type: 'RecordInvoicePayment',
  data: { invoiceId: INVOICE, paymentId, amountPaise, method: 'bank_transfer', receivedOn },
});
const paid = (amountPaise: number, outstandingAfterPaise: number, receivedOn = '2026-12-01'): InvoiceEvent => ({
  type: 'InvoicePaymentReceived',
  data: {
    invoiceId: INVOICE,
    paymentId: PAYMENT,
    amountPaise,
    method: 'bank_transfer',
    receivedOn,
    reference: null,
    outstandingAfterPaise,
  },
});

const invoice = spec(invoiceDecider);
const dataOf = (events: InvoiceEvent[], index = 0) => (events[index] as { data: Record<string, unknown> }).data;

describe('invoice corrections: an issued invoice', () => {
  it('corrects a line quantity and records the repriced totals, the payable change and the tax change', () => {
    invoice
      .given(issued)
      .when(correctLine({ quantity: 36 }))
      .thenEvents((events) => {
        expect(events.map((event) => event.type)).toEqual(['InvoiceLineCorrected']);
        expect(dataOf(events)).toMatchObject({
          lineId: LINE,
          quantity: 36,
          previousQuantity: 40,
          discount: null,
          reason: 'four guests did not come',
          issueDate: '2026-11-24',
          supply: 'intra_state',
          totals: { taxablePaise: 900_000, cgstPaise: 22_500, sgstPaise: 22_500, payablePaise: 945_000 },
          payableChangePaise: -105_000,
          outstandingAfterPaise: 945_000,
          taxChanges: [
            {
              lineId: LINE,
              hsnSac: '996331',
              taxRateBasisPoints: 500,
              taxablePaise: -100_000,
              cgstPaise: -2_500,
              sgstPaise: -2_500,
              igstPaise: 0,
            },
          ],
        });
      });
  });

  it('keeps a percentage discount a percentage when the quantity changes', () => {
    const discounted = issuedBy({
      ...issue,
      data: {
        ...issue.data,
        lines: [
          {
            lineId: LINE,
            item: thali,
            quantity: 40,
            discount: { kind: 'percent', basisPoints: 1000, reason: 'corporate' },
          },
        ],
      },
    });
    invoice
      .given(discounted)
      .when(correctLine({ quantity: 20 }))
      .thenEvents((events) => {
        // 20 × ₹250 = ₹5,000, less 10 % = ₹4,500, + 2.5 % + 2.5 % = ₹4,725.
        expect(dataOf(events)).toMatchObject({
          totals: { grossPaise: 500_000, discountPaise: 50_000, taxablePaise: 450_000, payablePaise: 472_500 },
          discount: { kind: 'percent', basisPoints: 1000 },
        });
      });
  });

  it('removes a line discount when corrected to null', () => {
    const discounted = issuedBy({
      ...issue,
      data: {
        ...issue.data,
        lines: [
          {
            lineId: LINE,
            item: thali,
            quantity: 40,
            discount: { kind: 'amount', amountPaise: 10_000, reason: 'goodwill' },
          },
        ],
      },
    });
    invoice
      .given(discounted)
      .when(correctLine({ discount: null }, 'goodwill withdrawn'))
      .thenEvents((events) => {
        expect(dataOf(events)).toMatchObject({
          discount: null,
          totals: { payablePaise: 1_050_000 },
          payableChangePaise: 10_500,
        });
      });
  });

  it('corrects a unit price', () => {
    invoice
      .given(issued)
      .when(correctPrice(24_000))
      .thenEvents((events) => {
        expect(events[0]?.type).toBe('InvoicePriceCorrected');
        expect(dataOf(events)).toMatchObject({
          unitPricePaise: 24_000,
          previousUnitPricePaise: 25_000,
          totals: { taxablePaise: 960_000, cgstPaise: 24_000, sgstPaise: 24_000, payablePaise: 1_008_000 },
          payableChangePaise: -42_000,
          outstandingAfterPaise: 1_008_000,
        });
      });
  });

  it('applies two corrections one after the other', () => {
    const first = invoice
      .given(issued)
      .when(correctLine({ quantity: 36 }))
      .thenEvents(() => undefined);
    invoice
      .given([...issued, ...first])
      .when(correctPrice(24_000))
      .thenEvents((events) => {
        // 36 × ₹240 = ₹8,640 + ₹432 GST = ₹9,072.
        expect(dataOf(events)).toMatchObject({
          totals: { payablePaise: 907_200 },
          payableChangePaise: -37_800,
          outstandingAfterPaise: 907_200,
        });
      });
  });

  it('refuses a correction without a reason, naming the field', () => {
    invoice
      .given(issued)
      .when(correctLine({ quantity: 36 }, '  '))
      .thenFails('VALIDATION.INVALID', 'data.reason');
  });

  it('refuses a correction of a line the invoice does not have', () => {
    invoice
      .given(issued)
      .when({ ...correctLine({ quantity: 36 }), data: { ...correctLine({ quantity: 36 }).data, lineId: id(0x99) } })
      .thenFails('INVOICE.UNKNOWN_LINE', 'data.lineId');
  });

  it('refuses a correction that changes nothing', () => {
    invoice
      .given(issued)
      .when(correctLine({ quantity: 40 }))
      .thenFails('INVOICE.NOTHING_CORRECTED', 'data.quantity');
    invoice.given(issued).when(correctPrice(25_000)).thenFails('INVOICE.NOTHING_CORRECTED', 'data.unitPricePaise');
  });

  it('refuses a correction that would leave less owed than has been paid', () => {
    invoice
      .given([...issued, paid(1_000_000, 50_000)])
      .when(correctLine({ quantity: 36 }))
      .thenFails('INVOICE.CORRECTION_EXCEEDS_OUTSTANDING', 'data.quantity');
  });

  it('refuses a discount larger than the line', () => {
    invoice
      .given(issued)
      .when(correctLine({ discount: { kind: 'amount', amountPaise: 1_000_001, reason: 'oops' } }))
      .thenFails('PRICING.DISCOUNT_EXCEEDS_AMOUNT', 'data.discount');
  });

  it('changes the due date, and a new due date clears overdue', () => {
    const overdue: InvoiceEvent = {
      type: 'InvoiceOverdue',
      data: {
        invoiceId: INVOICE,
        asOf: '2026-12-26',
        dueDate: '2026-12-24',
        daysOverdue: 2,
        outstandingPaise: 1_050_000,
      },
    };
    const changed: InvoiceEvent = {
      type: 'InvoiceDueDateChanged',
      data: {
        invoiceId: INVOICE,
        dueDate: '2027-01-08',
        previousDueDate: '2026-12-24',
        reason: 'agreed 45 days with the customer',
      },
    };
    invoice
      .given([...issued, overdue])
      .when(changeDue('2027-01-08'))
      .then([changed]);
    invoice
      .given([...issued, overdue, changed])
      .when({ type: 'MarkInvoiceOverdue', data: { invoiceId: INVOICE, asOf: '2027-01-08' } })
      .thenFails('INVOICE.NOT_YET_DUE', 'data.asOf');
  });

  it('refuses a due date before the issue date', () => {
    invoice.given(issued).when(changeDue('2026-11-23')).thenFails('INVOICE.DUE_BEFORE_ISSUE', 'data.dueDate');
  });
});

describe('invoice corrections: a settled invoice', () => {
  const settled: InvoiceEvent[] = [
    ...issued,
    paid(1_050_000, 0),
    { type: 'InvoiceSettled', data: { invoiceId: INVOICE, settledOn: '2026-12-01', paidPaise: 1_050_000 } },
  ];

  it('refuses every correction and note with the reason', () => {
    invoice
      .given(settled)
      .when(correctLine({ quantity: 36 }))
      .thenFails('INVOICE.ALREADY_SETTLED', 'data.invoiceId');
    invoice.given(settled).when(correctPrice(24_000)).thenFails('INVOICE.ALREADY_SETTLED', 'data.invoiceId');
    invoice.given(settled).when(changeDue('2027-01-08')).thenFails('INVOICE.ALREADY_SETTLED', 'data.invoiceId');
    invoice
      .given(settled)
      .when(credit([{ lineId: LINE, quantity: 1 }]))
      .thenFails('INVOICE.ALREADY_SETTLED', 'data.invoiceId');
    invoice
      .given(settled)
      .when(debit([{ lineId: LINE, quantity: 1 }]))
      .thenFails('INVOICE.ALREADY_SETTLED', 'data.invoiceId');
  });
});

describe('credit notes', () => {
  it('credit a quantity at the line’s value per unit, with CGST and SGST for an intra-state invoice', () => {
    invoice
      .given(issued)
      .when(credit([{ lineId: LINE, quantity: 4 }]))
      .thenEvents((events) => {
        expect(events.map((event) => event.type)).toEqual(['CreditNoteIssued']);
        expect(dataOf(events)).toMatchObject({
          creditNoteId: CREDIT_NOTE,
          creditNoteNumber: 'CN/2026-27/01',
          invoiceId: INVOICE,
          invoiceNumber: 'INV/2026-27/0042',
          issueDate: '2026-12-02',
          supply: 'intra_state',
          lines: [
            {
              lineId: LINE,
              quantity: 4,
              taxablePaise: 100_000,
              cgstPaise: 2_500,
              sgstPaise: 2_500,
              igstPaise: 0,
              totalPaise: 105_000,
            },
          ],
          totals: {
            taxablePaise: 100_000,
            taxPaise: 5_000,
            totalPaise: 105_000,
            roundOffPaise: 0,
            payablePaise: 105_000,
          },
          outstandingAfterPaise: 945_000,
        });
      });
  });

  it('reverse IGST on an inter-state invoice', () => {
    invoice
      .given(interState)
      .when(credit([{ lineId: LINE, taxablePaise: 20_000 }]))
      .thenEvents((events) => {
        expect(dataOf(events)).toMatchObject({
          supply: 'inter_state',
          lines: [
            { quantity: 0, taxablePaise: 20_000, cgstPaise: 0, sgstPaise: 0, igstPaise: 1_000, totalPaise: 21_000 },
          ],
        });
      });
  });

  it('never take back more of a line than is left, by quantity', () => {
    invoice
      .given(issued)
      .when(credit([{ lineId: LINE, quantity: 41 }]))
      .thenFails('INVOICE.CREDIT_EXCEEDS_QUANTITY', 'data.lines.0.quantity');
    const first = invoice
      .given(issued)
      .when(credit([{ lineId: LINE, quantity: 4 }]))
      .thenEvents(() => undefined);
    invoice
      .given([...issued, ...first])
      .when(credit([{ lineId: LINE, quantity: 37 }], SECOND_CREDIT_NOTE))
      .thenFails('INVOICE.CREDIT_EXCEEDS_QUANTITY', 'data.lines.0.quantity');
  });

  it('never take back more of a line than is left, by value', () => {
    invoice
      .given(issued)
      .when(credit([{ lineId: LINE, taxablePaise: 1_000_001 }]))
      .thenFails('INVOICE.CREDIT_EXCEEDS_VALUE', 'data.lines.0.taxablePaise');
  });

  it('take exactly what is left when crediting the rest of a line, and settle an invoice they clear', () => {
    const first = invoice
      .given(issued)
      .when(credit([{ lineId: LINE, quantity: 4 }]))
      .thenEvents(() => undefined);
    invoice
      .given([...issued, ...first])
      .when(credit([{ lineId: LINE, quantity: 36 }], SECOND_CREDIT_NOTE))
      .thenEvents((events) => {
        expect(events.map((event) => event.type)).toEqual(['CreditNoteIssued', 'InvoiceSettled']);
        expect(dataOf(events)).toMatchObject({
          totals: { taxablePaise: 900_000, taxPaise: 45_000, payablePaise: 945_000 },
          outstandingAfterPaise: 0,
        });
        expect(dataOf(events, 1)).toEqual({ invoiceId: INVOICE, settledOn: '2026-12-02', paidPaise: 0 });
      });
  });

  it('credit the last of an invoice credited in parts at exactly what is outstanding, round-offs and all', () => {
    // 3 thalis: ₹750 + ₹18.75 + ₹18.75 = ₹787.50, payable ₹788. One at a time: ₹262.50 → ₹263,
    // twice, leaves ₹262; the third note takes ₹262 (round-off −50 p) and settles the invoice.
    const three = issuedBy({ ...issue, data: { ...issue.data, lines: [{ lineId: LINE, item: thali, quantity: 3 }] } });
    const first = invoice
      .given(three)
      .when(credit([{ lineId: LINE, quantity: 1 }]))
      .thenEvents(() => undefined);
    const second = invoice
      .given([...three, ...first])
      .when(credit([{ lineId: LINE, quantity: 1 }], SECOND_CREDIT_NOTE))
      .thenEvents(() => undefined);
    expect(dataOf(second)).toMatchObject({ totals: { payablePaise: 26_300 }, outstandingAfterPaise: 26_200 });
    invoice
      .given([...three, ...first, ...second])
      .when(credit([{ lineId: LINE, quantity: 1 }], id(0xc4_03)))
      .thenEvents((events) => {
        expect(events.map((event) => event.type)).toEqual(['CreditNoteIssued', 'InvoiceSettled']);
        expect(dataOf(events)).toMatchObject({
          totals: { totalPaise: 26_250, roundOffPaise: -50, payablePaise: 26_200 },
          outstandingAfterPaise: 0,
        });
      });
  });

  it('refuse more than is outstanding, naming the lines', () => {
    invoice
      .given([...issued, paid(1_000_000, 50_000)])
      .when(credit([{ lineId: LINE, quantity: 4 }]))
      .thenFails('INVOICE.CREDIT_EXCEEDS_OUTSTANDING', 'data.lines');
  });

  it('refuse an unknown line, a repeated line, a reused note id and a date before the invoice', () => {
    invoice
      .given(issued)
      .when(credit([{ lineId: id(0x99), quantity: 1 }]))
      .thenFails('INVOICE.UNKNOWN_LINE', 'data.lines.0.lineId');
    invoice
      .given(issued)
      .when(
        credit([
          { lineId: LINE, quantity: 1 },
          { lineId: LINE, quantity: 1 },
        ]),
      )
      .thenFails('INVOICE.DUPLICATE_LINE_ID', 'data.lines.1.lineId');
    const first = invoice
      .given(issued)
      .when(credit([{ lineId: LINE, quantity: 1 }]))
      .thenEvents(() => undefined);
    invoice
      .given([...issued, ...first])
      .when(credit([{ lineId: LINE, quantity: 1 }]))
      .thenFails('INVOICE.NOTE_ALREADY_ISSUED', 'data.creditNoteId');
    invoice
      .given(issued)
      .when(credit([{ lineId: LINE, quantity: 1 }], CREDIT_NOTE, '2026-11-23'))
      .thenFails('INVOICE.NOTE_BEFORE_INVOICE', 'data.issueDate');
  });

  it('refuse a line with both a quantity and a value', () => {
    invoice
      .given(issued)
      .when(credit([{ lineId: LINE, quantity: 1, taxablePaise: 100 }]))
      .thenFails('VALIDATION.INVALID', 'data.lines.0.taxablePaise');
  });

  it('make a later correction that goes below what was credited fail', () => {
    const first = invoice
      .given(issued)
      .when(credit([{ lineId: LINE, quantity: 30 }]))
      .thenEvents(() => undefined);
    invoice
      .given([...issued, ...first])
      .when(correctLine({ quantity: 20 }))
      .thenFails('INVOICE.CORRECTION_BELOW_CREDITED', 'data.quantity');
  });
});

describe('debit notes', () => {
  it('add value and GST at the line’s rate and raise the outstanding', () => {
    invoice
      .given(issued)
      .when(debit([{ lineId: LINE, quantity: 2 }]))
      .thenEvents((events) => {
        expect(events.map((event) => event.type)).toEqual(['DebitNoteIssued']);
        expect(dataOf(events)).toMatchObject({
          debitNoteId: DEBIT_NOTE,
          debitNoteNumber: 'DN/2026-27/01',
          lines: [{ quantity: 2, taxablePaise: 50_000, cgstPaise: 1_250, sgstPaise: 1_250, igstPaise: 0 }],
          totals: { payablePaise: 52_500 },
          outstandingAfterPaise: 1_102_500,
        });
      });
  });

  it('make more of a line creditable', () => {
    const debited = invoice
      .given(issued)
      .when(debit([{ lineId: LINE, quantity: 2 }]))
      .thenEvents(() => undefined);
    invoice
      .given([...issued, ...debited])
      .when(credit([{ lineId: LINE, quantity: 42 }]))
      .thenEvents((events) => {
        expect(dataOf(events)).toMatchObject({ totals: { payablePaise: 1_102_500 }, outstandingAfterPaise: 0 });
      });
  });
});

describe('early-payment discount', () => {
  const withDiscount = issuedBy({
    ...issue,
    data: {
      ...issue.data,
      paymentTerms: { netDays: 30, earlyPaymentDiscount: { percentBasisPoints: 200, withinDays: 10 } },
    },
  });

  it('settles an invoice paid within the window net of the discount, recording the discount', () => {
    // 2 % of ₹10,500 is ₹210: ₹10,290 paid by 4 December settles it.
    invoice
      .given(withDiscount)
      .when(pay(1_029_000, '2026-12-04'))
      .then([
        paid(1_029_000, 21_000, '2026-12-04'),
        {
          type: 'InvoiceEarlyPaymentDiscountTaken',
          data: {
            invoiceId: INVOICE,
            paymentId: PAYMENT,
            percentBasisPoints: 200,
            discountPaise: 21_000,
            takenOn: '2026-12-04',
            outstandingAfterPaise: 0,
          },
        },
        { type: 'InvoiceSettled', data: { invoiceId: INVOICE, settledOn: '2026-12-04', paidPaise: 1_029_000 } },
      ]);
  });

  it('takes the same amount after the window as a part payment', () => {
    invoice
      .given(withDiscount)
      .when(pay(1_029_000, '2026-12-05'))
      .then([paid(1_029_000, 21_000, '2026-12-05')]);
  });

  it('refuses a discount window that ends after the due date', () => {
    invoice
      .given([])
      .when({
        ...issue,
        data: {
          ...issue.data,
          paymentTerms: { netDays: 7, earlyPaymentDiscount: { percentBasisPoints: 200, withinDays: 10 } },
        },
      })
      .thenFails('VALIDATION.INVALID', 'data.paymentTerms.earlyPaymentDiscount.withinDays');
  });
});

describe('invoice correction and note events', () => {
  it('validate against their schemas as the decider emits them', () => {
    const emitted = [
      ...invoice
        .given(issued)
        .when(correctLine({ quantity: 36 }))
        .thenEvents(() => undefined),
      ...invoice
        .given(issued)
        .when(correctPrice(24_000))
        .thenEvents(() => undefined),
      ...invoice
        .given(issued)
        .when(changeDue('2027-01-08'))
        .thenEvents(() => undefined),
      ...invoice
        .given(issued)
        .when(credit([{ lineId: LINE, quantity: 4 }]))
        .thenEvents(() => undefined),
      ...invoice
        .given(issued)
        .when(debit([{ lineId: LINE, taxablePaise: 10_000 }]))
        .thenEvents(() => undefined),
    ];
    expect(emitted).toHaveLength(5);
    for (const event of emitted) {
      const definition = invoiceEventDefinitions.find((candidate) => candidate.schema.shape.type.value === event.type);
      expect(definition?.schema.parse(event)).toEqual(event);
    }
  });
});
