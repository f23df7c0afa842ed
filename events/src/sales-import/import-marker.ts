import { z } from 'zod';

/**
 * What marks an event as brought in from another point of sale rather than rung up here: the
 * import it came with and the file line it was read from (for an order, its first line). Each
 * event of an imported order carries it in its data, so the audit history of the order says so.
 */
export const ImportMarker = z.object({
  importId: z.uuid(),
  sourceLine: z.number().int().positive(),
});
export type ImportMarker = z.infer<typeof ImportMarker>;
