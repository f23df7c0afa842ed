import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.js';
import { gstinCheckCharacter } from '../gst.js';
import { id, ORG, STORE } from '../testing/fixtures.js';
import type { InvoiceCommand, IssueInvoice } from './invoice.commands.js';
import { invoiceDecider } from './invoice.decider.js';
import { outstandingOf, type InvoiceState } from './invoice-state.js';

const INVOICE = id(0x1e01);
const LINES = [id(0x11), id(0x12)];

const issueOf = (prices: number[], quantities: number[], inclusive: boolean, interState: boolean): IssueInvoice => ({
  type: 'IssueInvoice',
  data: {
    invoiceId: INVOICE,
    orgId: ORG,
    storeId: STORE,
    invoiceNumber: 'INV/2026-27/0042',
    supplierStateCode: '27',
    customer: interState
      ? {
          customerId: id(0xc001),
          legalName: 'Acme',
          gstin: `29AAPFU0939F1Z${gstinCheckCharacter('29AAPFU0939F1Z')}`,
          stateCode: '29',
        }
      : { customerId: id(0xc001), legalName: 'Acme', gstin: '27AAPFU0939F1ZV', stateCode: '27' },
    lines: LINES.map((lineId, index) => ({
      lineId,
      item: {
        itemId: id(0x1700 + index),
        name: `Item ${index}`,
        hsnSac: '996331',
        unitPricePaise: prices[index] ?? 100,
        priceIncludesTax: inclusive,
        taxRateBasisPoints: index === 0 ? 500 : 1800,
      },
      quantity: quantities[index] ?? 1,
    })),
    issueDate: '2026-11-24',
    paymentTerms: { netDays: 30 },
  },
});

/** A credit or debit note on one line, by quantity or value, a correction of a line, or a payment. */
const step = fc.oneof(
  fc.record({
    kind: fc.constantFrom('IssueCreditNote' as const, 'IssueDebitNote' as const),
    line: fc.nat({ max: 1 }),
    quantity: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
    taxablePaise: fc.integer({ min: 1, max: 200_000 }),
  }),
  fc.record({
    kind: fc.constant('CorrectInvoiceLine' as const),
    line: fc.nat({ max: 1 }),
    quantity: fc.integer({ min: 1, max: 30 }),
  }),
  /** A payment of this percentage of what is outstanding: 100 clears it. */
  fc.record({
    kind: fc.constant('RecordInvoicePayment' as const),
    line: fc.constant(0),
    percent: fc.integer({ min: 1, max: 100 }),
  }),
);

const ALLOWED = new Set([
  'INVOICE.CREDIT_EXCEEDS_QUANTITY',
  'INVOICE.CREDIT_EXCEEDS_VALUE',
  'INVOICE.CREDIT_EXCEEDS_OUTSTANDING',
  'INVOICE.CORRECTION_BELOW_CREDITED',
  'INVOICE.CORRECTION_EXCEEDS_OUTSTANDING',
  'INVOICE.NOTHING_CORRECTED',
  'INVOICE.NOTE_TOO_SMALL',
  'INVOICE.ALREADY_SETTLED',
  'INVOICE.OVERPAYMENT',
]);

describe('credit and debit notes (property)', () => {
  /** What the generated runs went through, so a weakened generator cannot pass vacuously. */
  const seen = new Set<string>();

  it('never credit more of a line than it and its debits hold, and never leave a negative outstanding', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 100, max: 50_000 }), { minLength: 2, maxLength: 2 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 2 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(step, { maxLength: 25 }),
        (prices, quantities, inclusive, interState, steps) => {
          const issued = invoiceDecider.decide(
            issueOf(prices, quantities, inclusive, interState),
            invoiceDecider.initialState(),
          );
          if (isDomainError(issued)) throw issued;
          let state: InvoiceState = issued.reduce(invoiceDecider.evolve, invoiceDecider.initialState());
          for (const [index, next] of steps.entries()) {
            const lineId = LINES[next.line] as string;
            const outstanding = state.status === 'none' ? 0 : outstandingOf(state);
            const command: InvoiceCommand =
              next.kind === 'RecordInvoicePayment'
                ? {
                    type: next.kind,
                    data: {
                      invoiceId: INVOICE,
                      paymentId: id(0x8000 + index),
                      amountPaise: Math.max(1, Math.floor((outstanding * next.percent) / 100)),
                      method: 'upi',
                      receivedOn: '2026-12-01',
                    },
                  }
                : next.kind === 'CorrectInvoiceLine'
                  ? { type: next.kind, data: { invoiceId: INVOICE, lineId, quantity: next.quantity, reason: 'count' } }
                  : ({
                      type: next.kind,
                      data: {
                        invoiceId: INVOICE,
                        ...(next.kind === 'IssueCreditNote'
                          ? { creditNoteId: id(0x9000 + index), creditNoteNumber: `CN/${index}` }
                          : { debitNoteId: id(0x9000 + index), debitNoteNumber: `DN/${index}` }),
                        issueDate: '2026-12-01',
                        reason: 'note',
                        lines: [
                          next.quantity === undefined
                            ? { lineId, taxablePaise: next.taxablePaise }
                            : { lineId, quantity: next.quantity },
                        ],
                      },
                    } as InvoiceCommand);
            const decision = invoiceDecider.decide(command, state);
            if (isDomainError(decision)) {
              expect(ALLOWED, decision.message).toContain(decision.code);
              seen.add(decision.code);
              continue;
            }
            state = decision.reduce(invoiceDecider.evolve, state);
            if (state.status === 'none') throw new Error('not issued');
            seen.add(`${command.type}:${state.supply}`);
            if (state.status === 'settled') seen.add('settled');
            expect(outstandingOf(state)).toBeGreaterThanOrEqual(0);
            for (const line of state.lines) {
              const adjustment = state.noteAdjustments[line.lineId];
              if (!adjustment) continue;
              expect(line.quantity + adjustment.quantity).toBeGreaterThanOrEqual(0);
              expect(line.taxablePaise + adjustment.taxablePaise).toBeGreaterThanOrEqual(0);
              expect(line.cgstPaise + adjustment.cgstPaise).toBeGreaterThanOrEqual(0);
              expect(line.sgstPaise + adjustment.sgstPaise).toBeGreaterThanOrEqual(0);
              expect(line.igstPaise + adjustment.igstPaise).toBeGreaterThanOrEqual(0);
            }
            expect(state.status === 'settled').toBe(outstandingOf(state) === 0);
          }
        },
      ),
      { seed: 20_261_124, numRuns: 300 },
    );
    for (const expected of [
      'IssueCreditNote:intra_state',
      'IssueCreditNote:inter_state',
      'IssueDebitNote:inter_state',
      'CorrectInvoiceLine:intra_state',
      'settled',
      'INVOICE.CREDIT_EXCEEDS_QUANTITY',
      'INVOICE.CREDIT_EXCEEDS_VALUE',
      'INVOICE.CREDIT_EXCEEDS_OUTSTANDING',
      'INVOICE.ALREADY_SETTLED',
    ]) {
      expect(seen).toContain(expected);
    }
  });
});
