import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { GstRate, HsnSacCode } from '../gst.js';
import { OffsetDateTime } from '../time.js';

/**
 * The stream of one tax category. The category part is `tax_category`, not `tax-category`: a
 * stream id's category is everything before its first hyphen (see envelope.ts), and a hyphen inside
 * it would make every tax category stream read as category `tax`.
 */
export const taxCategoryStreamId = (taxCategoryId: string): string => `tax_category-${taxCategoryId}`;

export const TaxCategoryDefined = z.object({
  type: z.literal('TaxCategoryDefined'),
  data: z.object({
    taxCategoryId: z.uuid(),
    orgId: z.uuid(),
    name: z.string().min(1),
    rateBasisPoints: GstRate,
    hsnSac: HsnSacCode,
    definedAt: OffsetDateTime,
  }),
});
export type TaxCategoryDefined = z.infer<typeof TaxCategoryDefined>;

export const TaxRateChanged = z.object({
  type: z.literal('TaxRateChanged'),
  data: z.object({
    taxCategoryId: z.uuid(),
    /** Recorded so a GST report can explain a slab change without folding the stream. */
    previousRateBasisPoints: GstRate,
    rateBasisPoints: GstRate,
    effectiveFrom: OffsetDateTime,
    reason: z.string().min(1),
  }),
});
export type TaxRateChanged = z.infer<typeof TaxRateChanged>;

export type TaxCategoryEvent = TaxCategoryDefined | TaxRateChanged;

export const taxCategoryEventDefinitions: EventDefinition[] = [
  { schema: TaxCategoryDefined, schemaVersion: 1 },
  { schema: TaxRateChanged, schemaVersion: 1 },
];
