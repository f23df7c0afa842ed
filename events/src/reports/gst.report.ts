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

export const GstReport = z.object({
  ...reportHeader('gst'),
  ...PeriodFields,
  /** By segment (B2C first), supply (intra-state first), rate, then HSN/SAC. */
  rows: z.array(GstRow),
  totals: GstFigures,
});
export type GstReport = z.infer<typeof GstReport>;
