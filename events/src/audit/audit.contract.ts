import { z } from 'zod';
import { Uuid } from '../ids.js';
import { MAX_REPORT_DAYS } from '../reports/period.js';
import { daysBetween, IsoDate } from '../time.js';
import { Sha256Hex } from './audit-record.js';
import { AuditKeyId, Base64Url, SealedPosition } from './audit.events.js';

/**
 * The audit API, for principals who may read the audit trail (accountants and owners): the
 * history of an order, a store-day or a register's day, a store's days as an export, and what the
 * commands that close or amend a day and rotate the org's signing key answer (audit.declarations.ts).
 * Histories and exports read the event store itself, never a projection.
 */

const DayRange = z
  .strictObject({ from: IsoDate, to: IsoDate, format: z.enum(['jsonl', 'csv']).default('jsonl') })
  .superRefine(({ from, to }, context) => {
    const span = daysBetween(from, to);
    if (span < 0) context.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${from})` });
    else if (span + 1 > MAX_REPORT_DAYS)
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `an export may cover at most ${MAX_REPORT_DAYS} days; this one covers ${span + 1}`,
      });
  });

/** Most events one page of a store-day's history holds. */
export const HISTORY_PAGE_MAX = 10_000;

/**
 * A store-day is read a page at a time, however many events it holds: the first page fixes
 * `through` (the log as it stood), and each next page passes the answer's `page.next` as `after`
 * and the same `through`, so the pages add up to one consistent day while sales go on.
 */
const PageQuery = {
  after: SealedPosition.optional(),
  through: SealedPosition.optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(1_000),
};

export const auditRoutes = {
  orderHistory: {
    path: '/v1/audit/orders/{orderId}/history',
    params: z.object({ orderId: Uuid }),
    query: z.strictObject({}),
  },
  storeDayHistory: {
    path: '/v1/audit/stores/{storeId}/days/{businessDate}/history',
    params: z.object({ storeId: Uuid, businessDate: IsoDate }),
    query: z.strictObject({ registerId: Uuid.optional(), ...PageQuery }),
  },
  registerHistory: {
    path: '/v1/audit/registers/{registerId}/history',
    params: z.object({ registerId: Uuid }),
    query: z.strictObject({ date: IsoDate, ...PageQuery }),
  },
  storeExport: {
    path: '/v1/audit/stores/{storeId}/export',
    params: z.object({ storeId: Uuid }),
    query: DayRange,
  },
} as const;

/** The header of an export response that says how many record lines follow, for a progress bar. */
export const EXPORT_RECORDS_HEADER = 'x-possier-export-records';

/** One stored event as an accountant reads it: as stored, with its times in UTC and store-local. */
export const AuditHistoryEntry = z.object({
  eventId: z.string(),
  type: z.string(),
  schemaVersion: z.number(),
  streamId: z.string(),
  streamPosition: z.number(),
  globalPosition: z.number(),
  logPosition: z.string(),
  brandId: z.string().nullable(),
  storeId: z.string().nullable(),
  registerId: z.string().nullable(),
  actorId: z.string(),
  /** As the producer wrote it, with the producer's UTC offset. */
  occurredAt: z.string(),
  occurredAtUtc: z.string(),
  occurredAtLocal: z.string(),
  /** When the store recorded it, UTC to the microsecond. */
  recordedAt: z.string(),
  recordedAtLocal: z.string(),
  causationId: z.string().nullable(),
  correlationId: z.string(),
  data: z.unknown(),
  hash: Sha256Hex.nullable(),
  prevHash: Sha256Hex.nullable(),
  /**
   * In a store-day's history: which of the date's seals covers the event (0 its close, n its
   * amendment n: what that amendment added), or null while none does.
   */
  sealedBy: z.number().int().nonnegative().nullable().optional(),
});
export type AuditHistoryEntry = z.infer<typeof AuditHistoryEntry>;

export const HistoryPage = z.object({
  /** The last log position the day is read up to, to pass again with every next page. */
  through: SealedPosition.nullable(),
  /** Pass as `after` for the next page; null on the last page. */
  next: SealedPosition.nullable(),
  /** How many events the whole day (or register's part of it) holds, for a progress count. */
  total: z.number().int().nonnegative(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

/** A seal of a store's business date: its close (amendment 0) or an amendment after it. */
export const SealSummary = z.object({
  businessDate: IsoDate,
  eventId: z.string(),
  amendment: z.number().int().nonnegative(),
  eventCount: z.number().int().nonnegative(),
  merkleRoot: Sha256Hex,
  keyId: AuditKeyId,
});
export type SealSummary = z.infer<typeof SealSummary>;

export const AuditHistory = z.object({
  orgId: Uuid,
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('order'), orderId: Uuid }),
    z.object({ kind: z.literal('store_day'), storeId: Uuid, businessDate: IsoDate, registerId: Uuid.nullable() }),
  ]),
  /** The zone the `…Local` times are in: the store's. */
  timeZone: z.string(),
  /** For a store-day: the close that sealed it, or null while it is open. */
  sealedBy: SealSummary.nullable(),
  /** For a store-day: its close, then each amendment that sealed events of it stored later. */
  seals: z.array(SealSummary),
  /** For a store-day: its events no seal covers yet (the day is open, or late events await an amendment). */
  unsealedEvents: z.number().int().nonnegative(),
  /** For a store-day: where this page lies; null for an order, read whole. */
  page: HistoryPage.nullable(),
  events: z.array(AuditHistoryEntry),
});
export type AuditHistory = z.infer<typeof AuditHistory>;

export const CloseDayResult = z.object({
  commandId: Uuid,
  streamId: z.string(),
  seal: SealSummary.extend({ signature: Base64Url }),
});
export type CloseDayResult = z.infer<typeof CloseDayResult>;

export const RotateKeyResult = z.object({
  commandId: Uuid,
  streamId: z.string(),
  key: z.object({ keyId: AuditKeyId, publicKey: Base64Url, previousKeyId: AuditKeyId.nullable() }),
});
export type RotateKeyResult = z.infer<typeof RotateKeyResult>;
