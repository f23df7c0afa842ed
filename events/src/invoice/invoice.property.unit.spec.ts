import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.js';
import { id, ORG, STORE } from '../testing/fixtures.js';
import type { IssueInvoice, RecordInvoicePayment } from './invoice.commands.js';
import { invoiceDecider } from './invoice.decider.js';
import type { InvoiceState } from './invoice-state.js';

const INVOICE = id(0x1e01);

const issueOf = (
  unitPricePaise: number,
  quantity: number,
  priceIncludesTax: boolean,
  taxRateBasisPoints: number,
): IssueInvoice => ({
  type: 'IssueInvoice',
  data: {
    invoiceId: INVOICE,
    orgId: ORG,
    storeId: STORE,
    invoiceNumber: 'INV/2026-27/0042',
    supplierStateCode: '27',
    customer: { customerId: id(0xc001), legalName: 'Acme Analytics LLP', gstin: '27AAPFU0939F1ZV', stateCode: '27' },
    lines: [
      {
        lineId: id(0x11),
        item: {
          itemId: id(0x1701),
          name: 'Veg thali',
          hsnSac: '996331',
          unitPricePaise,
          priceIncludesTax,
          taxRateBasisPoints,
        },
        quantity,
      },
    ],
    issueDate: '2026-11-24',
    paymentTerms: { netDays: 30 },
  },
});

/**
 * A payment attempt: any amount, or one within a few paise of what is outstanding (where the
 * off-by-one bugs live); a fresh id, or one used before.
 */
const attempt = fc.record({
  amount: fc.oneof(
    fc.integer({ min: 1, max: 3_000_000 }),
    fc.record({ outstandingPlus: fc.integer({ min: -3, max: 3 }) }),
  ),
  reuse: fc.option(fc.nat({ max: 40 }), { nil: undefined }),
  sameAmount: fc.boolean(),
});

const paidOf = (state: InvoiceState): number => (state.status === 'none' ? 0 : state.paidPaise);

const ALLOWED_REFUSALS = new Set(['INVOICE.OVERPAYMENT', 'INVOICE.ALREADY_SETTLED', 'INVOICE.PAYMENT_ID_REUSED']);

describe('invoice payments (property)', () => {
  /** What the generated runs went through, so a weakened generator cannot pass vacuously. */
  const seen = new Set<string>();

  it('never go below zero outstanding, never exceed the payable, and settle exactly at the payable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 5_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        fc.constantFrom(0, 500, 1200, 1800, 2800, 4000),
        fc.array(attempt, { maxLength: 40 }),
        (unitPricePaise, quantity, priceIncludesTax, rate, attempts) => {
          const issued = invoiceDecider.decide(
            issueOf(unitPricePaise, quantity, priceIncludesTax, rate),
            invoiceDecider.initialState(),
          );
          if (isDomainError(issued)) throw issued;
          let state: InvoiceState = issued.reduce(invoiceDecider.evolve, invoiceDecider.initialState());
          if (state.status !== 'issued') throw new Error('not issued');
          const payable = state.totals.payablePaise;

          const accepted = new Map<string, number>();
          let acceptedSum = 0;
          for (const [index, step] of attempts.entries()) {
            const reused =
              step.reuse === undefined ? undefined : [...accepted.keys()][step.reuse % Math.max(accepted.size, 1)];
            const amountPaise =
              reused !== undefined && step.sameAmount
                ? (accepted.get(reused) as number)
                : typeof step.amount === 'number'
                  ? step.amount
                  : Math.max(payable - paidOf(state) + step.amount.outstandingPlus, 1);
            const command: RecordInvoicePayment = {
              type: 'RecordInvoicePayment',
              data: {
                invoiceId: INVOICE,
                paymentId: reused ?? id(0x10_000 + index),
                amountPaise,
                method: 'upi',
                receivedOn: '2026-12-01',
              },
            };

            const decision = invoiceDecider.decide(command, state);
            if (isDomainError(decision)) {
              expect(ALLOWED_REFUSALS).toContain(decision.code);
              seen.add(decision.code);
            } else {
              for (const event of decision) {
                if (event.type === 'InvoicePaymentReceived') {
                  accepted.set(event.data.paymentId, event.data.amountPaise);
                  acceptedSum += event.data.amountPaise;
                  expect(event.data.outstandingAfterPaise).toBe(payable - acceptedSum);
                }
                state = invoiceDecider.evolve(state, event);
              }
            }
            if (state.status === 'settled') seen.add('settled');

            expect(payable - paidOf(state)).toBeGreaterThanOrEqual(0);
            expect(acceptedSum).toBeLessThanOrEqual(payable);
            expect(paidOf(state)).toBe(acceptedSum);
            expect(state.status === 'settled').toBe(acceptedSum === payable);
          }
        },
      ),
      { seed: 42, numRuns: 200 },
    );
    expect([...seen].sort()).toEqual([...ALLOWED_REFUSALS, 'settled'].sort());
  });
});
