import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, StoredEvent } from '@possier/events';
import type { Projection } from '@possier/read-models';
import type pg from 'pg';
import type { Logger } from 'pino';
import { applyBatch } from './apply-batch.js';

export type InProcessFeedOptions = {
  pool: pg.Pool;
  store: EventStore;
  projections: ReadonlyArray<Projection>;
  logger: Logger;
  batchSize?: number;
  retryDelayMs?: number;
  onBatch?: (position: string, recordedAt: string, applied: number, skipped: number) => void;
};

/**
 * Where the feed resumes: the oldest checkpoint of the projections it runs, or the log's start when
 * one of them has none. Events at or before a projection's own checkpoint are skipped by applyBatch.
 */
const resumePosition = async (pool: pg.Pool, projections: ReadonlyArray<Projection>): Promise<string | undefined> => {
  const { rows } = await pool.query<{ log_position: string }>(
    'SELECT log_position FROM projector_checkpoints WHERE projection = ANY($1::text[])',
    [projections.map((projection) => projection.name)],
  );
  if (rows.length < projections.length) return undefined;
  return rows.map((row) => row.log_position).sort()[0];
};

/**
 * The projector fed straight from the store's global-log subscription instead of NATS (embedded
 * mode): the same applyBatch, the same checkpoints in the same transaction, so a restart resumes
 * where the last committed batch ended. A batch is what the subscription has ready without waiting,
 * up to `batchSize`. A failed batch is retried from the last checkpoint after `retryDelayMs`.
 */
export const runInProcessProjector = async (options: InProcessFeedOptions, signal: AbortSignal): Promise<void> => {
  const batchSize = options.batchSize ?? 500;
  while (!signal.aborted) {
    try {
      const after = await resumePosition(options.pool, options.projections);
      const events = options.store.subscribeAll({ ...(after === undefined ? {} : { after }), signal });
      const iterator = events[Symbol.asyncIterator]();
      let pending = iterator.next();
      for (;;) {
        const first = await pending;
        if (first.done) return;
        const batch: StoredEvent[] = [first.value];
        pending = iterator.next();
        while (batch.length < batchSize) {
          const next = await Promise.race([pending, nextTurn().then(() => null)]);
          if (next === null || next.done) break;
          batch.push(next.value);
          pending = iterator.next();
        }
        const result = await applyBatch(options.pool, options.store, options.projections, batch);
        const last = batch[batch.length - 1] as StoredEvent;
        options.onBatch?.(last.logPosition, last.recordedAt, result.applied, result.skipped);
      }
    } catch (error) {
      if (signal.aborted) return;
      options.logger.error({ err: error }, 'in-process projector batch failed; retrying from the checkpoint');
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 1_000));
    }
  }
};
