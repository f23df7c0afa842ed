import { z } from 'zod';
import { Uuid } from '../ids.js';
import { OfflineConflict } from '../order/offline-conflict.js';
import { Count, reportHeader } from './period.js';

/** What a manager still has to look at, newest first: no dates; a kind narrows it. */
export const ConflictsQuery = z.strictObject({ storeId: Uuid.optional(), kind: OfflineConflict.shape.kind.optional() });
export type ConflictsQuery = z.infer<typeof ConflictsQuery>;

/**
 * One conflict the ledger found in a replayed offline event: a price changed, stock sold below
 * zero, points already spent, a till's clock off, a sale outside the offline window, a void or
 * refund of a sale already reversed. The sale stands; this says what to check, in words.
 */
export const ConflictRow = z.object({
  storeId: Uuid,
  orderId: Uuid,
  registerId: Uuid.nullable(),
  /** The replayed event it was found in: the sale's OrderPlaced, or the void's or refund's own. */
  eventId: Uuid,
  kind: OfflineConflict.shape.kind,
  /** The field of the replayed event it is about. */
  path: z.string(),
  detail: z.string(),
  /** ISO 8601, UTC: when the ledger judged the replayed event. */
  recordedAt: z.string(),
});
export type ConflictRow = z.infer<typeof ConflictRow>;

export const ConflictsReport = z.object({
  ...reportHeader('conflicts'),
  /** The newest 500, newest first. */
  rows: z.array(ConflictRow),
  /** All of them in the covered stores, by kind (kinds with none left out). */
  byKind: z.array(z.object({ kind: OfflineConflict.shape.kind, conflicts: Count })),
});
export type ConflictsReport = z.infer<typeof ConflictsReport>;
