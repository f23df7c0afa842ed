import { z } from 'zod';
import { GstRate, HsnSacCode } from '../gst.js';
import { OffsetDateTime } from '../time.js';

/**
 * A tax category is the org-wide answer to "which GST slab and which HSN/SAC code": restaurant
 * service at 5 % under SAC 996331, packaged drinks at 18 % under their HSN. Items point at one, so
 * a change of slab is one event, not one per item.
 */
export const DefineTaxCategory = z.object({
  type: z.literal('DefineTaxCategory'),
  data: z.object({
    taxCategoryId: z.uuid(),
    orgId: z.uuid(),
    name: z.string().trim().min(1).max(100),
    rateBasisPoints: GstRate,
    /** The default code of items in this category; an item may override it. */
    hsnSac: HsnSacCode,
    at: OffsetDateTime,
  }),
});
export type DefineTaxCategory = z.infer<typeof DefineTaxCategory>;

export const ChangeTaxRate = z.object({
  type: z.literal('ChangeTaxRate'),
  data: z.object({
    taxCategoryId: z.uuid(),
    rateBasisPoints: GstRate,
    /** When the new slab applies, as notified; usually the first instant of a date. */
    effectiveFrom: OffsetDateTime,
    reason: z.string().trim().min(1).max(200),
  }),
});
export type ChangeTaxRate = z.infer<typeof ChangeTaxRate>;

export const TaxCategoryCommand = z.discriminatedUnion('type', [DefineTaxCategory, ChangeTaxRate]);
export type TaxCategoryCommand = z.infer<typeof TaxCategoryCommand>;
