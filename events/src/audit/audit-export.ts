import { z } from 'zod';
import { IsoDate } from '../time.js';

export const AUDIT_EXPORT_FORMAT = 'possier-audit-export';

/**
 * The first line of an audit export (JSON Lines). Every other line is one AuditRecord, in global
 * log order: the org's key rotations, then the store's events over the exported days, the seals
 * of those days included. The header is informative; the verifier trusts nothing in it but uses
 * `records` to notice a truncated file.
 */
export const AuditExportHeader = z.object({
  format: z.literal(AUDIT_EXPORT_FORMAT),
  version: z.literal(1),
  orgId: z.string(),
  storeId: z.string(),
  timeZone: z.string(),
  from: IsoDate,
  to: IsoDate,
  exportedAt: z.string(),
  /** How many record lines follow. */
  records: z.number().int().nonnegative(),
});
export type AuditExportHeader = z.infer<typeof AuditExportHeader>;
