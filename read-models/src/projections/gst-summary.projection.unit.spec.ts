import { describe, expect, it } from 'vitest';
import { memoryContext } from '../memory-context.js';
import { rowsOf } from '../memory-tables.js';
import { rmGstSummary } from '../tables.js';
import { fold } from '../testing/fold.js';
import { ORG, STORE, id } from '../testing/fixtures.js';
import { BIG_INVOICE, issueInvoice, lunch, refundOnePizza, voidedDinner } from '../testing/scenarios.js';
import { gstSummaryProjection } from './gst-summary.projection.js';
import { UnknownOrderLineError } from './sold-lines.js';

const gst = (
  business_date: string,
  rate_bp: number,
  hsn_sac: string,
  supply: string,
  segment: string,
  figures: Record<string, number>,
) => ({
  org_id: ORG,
  store_id: STORE,
  business_date,
  rate_bp,
  hsn_sac,
  supply,
  segment,
  taxable_paise: 0,
  cgst_paise: 0,
  sgst_paise: 0,
  igst_paise: 0,
  ...figures,
});

describe('GST summary projection', () => {
  describe('given orders, a void, a refund the next day and a B2B invoice', () => {
    it('nets tax per rate, HSN/SAC, supply and segment, reversals on the day they happen', () => {
      const ledger = lunch();
      voidedDinner(ledger);
      refundOnePizza(ledger);
      issueInvoice(ledger, BIG_INVOICE, 'INV/2026-27/01', 20, 30);
      const tables = fold([gstSummaryProjection], ledger.events);
      expect(rowsOf(tables, rmGstSummary)).toEqual([
        // Kolkata → Karnataka, 20 pizzas: 650000 taxable, IGST 5 % = 32500.
        gst('2026-11-24', 500, '996331', 'inter_state', 'B2B', { taxable_paise: 650_000, igst_paise: 32_500 }),
        // The lunch pizzas (75000, 1875 + 1875); the dinner pizza (32500, 813 + 813) sold and
        // voided the same evening nets to nothing.
        gst('2026-11-24', 500, '996331', 'intra_state', 'B2C', {
          taxable_paise: 75_000,
          cgst_paise: 1_875,
          sgst_paise: 1_875,
        }),
        gst('2026-11-24', 1_800, '22021010', 'intra_state', 'B2C', {
          taxable_paise: 5_084,
          cgst_paise: 458,
          sgst_paise: 458,
        }),
        // One of the two lunch pizzas refunded the next morning: a credit on the 25th.
        gst('2026-11-25', 500, '996331', 'intra_state', 'B2C', {
          taxable_paise: -37_500,
          cgst_paise: -938,
          sgst_paise: -938,
        }),
      ]);
    });
  });

  describe('given a refund naming a line the sale does not have', () => {
    it('refuses it rather than leave the tax it returns unaccounted', () => {
      const ledger = lunch();
      refundOnePizza(ledger);
      const refund = ledger.events.at(-1)!;
      const data = refund.data as { lines: Array<Record<string, unknown>> };
      const forged = {
        ...refund,
        data: { ...data, lines: data.lines.map((line) => ({ ...line, lineId: id(0xbad) })) },
      };
      expect(() => gstSummaryProjection.project(forged, memoryContext(ledger.events))).toThrow(UnknownOrderLineError);
    });
  });
});
