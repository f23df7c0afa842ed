import { z } from 'zod';
import { AuditKeyRotated, DaySeal } from './audit.events.js';

/**
 * Close a store's business date: the Z report, or a scheduled job after the day. The seal's
 * figures (span, count, Merkle root, signature) are computed by the handler from the log and the
 * org's key and handed in, like time and ids: this stream cannot see the store's events.
 */
export const CloseBusinessDay = z.object({ type: z.literal('CloseBusinessDay'), data: DaySeal });
export type CloseBusinessDay = z.infer<typeof CloseBusinessDay>;

/** Seal the events of an already sealed date that were stored after its last seal. */
export const AmendBusinessDay = z.object({ type: z.literal('AmendBusinessDay'), data: DaySeal });
export type AmendBusinessDay = z.infer<typeof AmendBusinessDay>;

/** Put a new signing key in place; the handler generates it and the previous key endorses it. */
export const RotateAuditKey = z.object({
  type: z.literal('RotateAuditKey'),
  data: AuditKeyRotated.shape.data,
});
export type RotateAuditKey = z.infer<typeof RotateAuditKey>;
