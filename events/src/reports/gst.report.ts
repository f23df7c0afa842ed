import { z } from 'zod';
import { HsnSacCode, SupplyKind } from '../gst.js';
import { BasisPoints, Paise } from '../money.js';
import { PeriodFields, periodQuery, reportHeader } from './period.js';

export const GstQuery = periodQuery({});
export type GstQuery = z.infer<typeof GstQuery>;

/** B2C: a register's sales to unregistered guests. B2B: tax invoices to GSTIN holders. */
export const GstSegment = z.enum(['B2C', 'B2B']);
export type GstSegment = z.infer<typeof GstSegment>;

/**
 * Taxable value and tax of the period net of voids and refunds (credit notes count when issued),
 * the figures a GSTR-1 summary is filled from: CGST + SGST on intra-state supply, IGST across
 * states. `taxPaise = cgstPaise + sgstPaise + igstPaise`.
 */
export const GstFigures = z.object({
  taxablePaise: Paise,
  cgstPaise: Paise,
  sgstPaise: Paise,
  igstPaise: Paise,
  taxPaise: Paise,
});
export type GstFigures = z.infer<typeof GstFigures>;

export const GstRow = z.object({
  segment: GstSegment,
  supply: SupplyKind,
  rateBasisPoints: BasisPoints,
  hsnSac: HsnSacCode,
  ...GstFigures.shape,
});
export type GstRow = z.infer<typeof GstRow>;

/**
 * Why the GST summary differs from the sales report of the same stores and period. The sales
 * report counts orders placed (B2C) and shows voids and refunds beside them; the GST summary nets
 * voids and refunds out (a credit in the period it is issued) and adds the B2B side — tax
 * invoices, their corrections, credit and debit notes — which no sales row holds. Dated alike
 * (each figure by its own event, an invoice or note by the date printed on it), so the lines
 * below sum to the GST totals to the paisa; `unexplained` is whatever they do not, and is zero
 * unless a read model is behind or wrong.
 */
export const GstReconciliationLine = z.enum(['sales', 'voids', 'refunds', 'b2b', 'unexplained']);
export type GstReconciliationLine = z.infer<typeof GstReconciliationLine>;

/** What a person reads for each line, in the CLI and the dashboard alike. */
export const GST_RECONCILIATION_LABELS: Readonly<Record<GstReconciliationLine, string>> = {
  sales: 'Sales report: orders placed (B2C)',
  voids: 'less voids, on the day voided',
  refunds: 'less refunds, on the day refunded',
  b2b: 'plus B2B invoices, corrections and credit/debit notes (not in the sales report)',
  unexplained: 'unexplained difference',
};

export const GstReconciliationRow = z.object({
  line: GstReconciliationLine,
  /** Signed: what this line adds to (or, negative, takes from) the GST totals. */
  taxablePaise: Paise,
  taxPaise: Paise,
});
export type GstReconciliationRow = z.infer<typeof GstReconciliationRow>;

export const GstReport = z.object({
  ...reportHeader('gst'),
  ...PeriodFields,
  /** By segment (B2C first), supply (intra-state first), rate, then HSN/SAC. */
  rows: z.array(GstRow),
  totals: GstFigures,
  /** Every line, in order; their taxable and tax sum to `totals`. */
  reconciliation: z.array(GstReconciliationRow),
});
export type GstReport = z.infer<typeof GstReport>;
