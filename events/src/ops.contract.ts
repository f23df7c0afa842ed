import { z } from 'zod';
import { Uuid } from './ids.js';

/**
 * What `GET /v1/ops/status` answers, as Zod schemas: the ledger types its answer with them and
 * `possier status` checks the answer against them. Times are ISO 8601 in UTC; ages are measured
 * by the database's clock, the one that stamped the events, so a skewed client cannot distort them.
 */

/** The newest event in the log. `position` is opaque: compare positions only by equality. */
export const LogHead = z.object({
  position: z.string(),
  recordedAt: z.string(),
  ageMs: z.number().int(),
});
export type LogHead = z.infer<typeof LogHead>;

/** One projector's or relay's checkpoint against the log's head. */
export const CheckpointStatus = z.object({
  kind: z.enum(['projector', 'relay']),
  name: z.string(),
  position: z.string(),
  /**
   * Events in the log after this checkpoint, counted only up to a cap (a count is a scan, and
   * status must stay cheap); `behindCapped` says the cap was reached, so it means "at least".
   */
  behind: z.number().int().nonnegative(),
  behindCapped: z.boolean(),
  caughtUp: z.boolean(),
  /** When the last event it applied (or relayed) was recorded, and how long ago that is. */
  lastRecordedAt: z.string().nullable(),
  lastAgeMs: z.number().int().nullable(),
  /** How much older the last event it applied is than the log's head. */
  lagMs: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type CheckpointStatus = z.infer<typeof CheckpointStatus>;

/** Every checkpoint against the log's head; `head` is null while the log is empty. */
export const ReadSideStatus = z.object({
  head: LogHead.nullable(),
  checkpoints: z.array(CheckpointStatus),
});
export type ReadSideStatus = z.infer<typeof ReadSideStatus>;

/** What a register last said of its outbox, when it last replayed a batch. */
export const RegisterSyncRow = z.object({
  registerId: Uuid,
  storeId: Uuid,
  /** The names a person reads, from the org's tenancy; absent where a ledger does not send them. */
  registerName: z.string().optional(),
  storeName: z.string().optional(),
  lastReplayAt: z.string(),
  queuedEvents: z.number().int().nonnegative(),
  oldestQueuedAt: z.string().nullable(),
  /** The register's clock minus the ledger's at its last sync that said (null: never measured). */
  clockSkewMs: z.number().int().nullable(),
});
export type RegisterSyncRow = z.infer<typeof RegisterSyncRow>;

/**
 * The read side's status and, for an org owner, the outbox each register of the org last
 * reported. `registers` is absent for an operator (whose token names no org) and from a ledger
 * that does not serve it; a page or script shows nothing for it then, never zeros.
 */
export const OpsStatus = ReadSideStatus.extend({
  registers: z.array(RegisterSyncRow).optional(),
});
export type OpsStatus = z.infer<typeof OpsStatus>;
