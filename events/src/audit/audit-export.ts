import { z } from 'zod';
import { IsoDate } from '../time.js';

export const AUDIT_EXPORT_FORMAT = 'possier-audit-export';
export const AUDIT_EXPORT_VERSION = 2 as const;

/**
 * The first line of an audit export (JSON Lines). Every other line is one AuditRecord, in global
 * log order: the org's key rotations, the store's events whose business date lies from `from` to
 * `to` (in `timeZone`), and the seals of those dates (closes and amendments). Version 1 exports
 * held log spans between closes instead. The header is informative; the verifier trusts nothing in
 * it but uses `records` to notice a truncated file and the dates to notice an event of another date.
 */
export const AuditExportHeader = z.object({
  format: z.literal(AUDIT_EXPORT_FORMAT),
  version: z.union([z.literal(1), z.literal(2)]),
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
