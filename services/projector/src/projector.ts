import { DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventStore, StoredEvent } from '@possier/events';
import type { Projection } from '@possier/read-models';
import type pg from 'pg';
import type { Logger } from 'pino';
import { applyBatch } from './apply-batch.js';
import { projectorConsumer } from './consumer-definition.js';

export type ProjectorOptions = {
  pool: pg.Pool;
  store: EventStore;
  nats: NatsConnection;
  /** The JetStream stream the relay publishes to. */
  stream: string;
  /** Durable consumer name: one per projector deployment. */
  consumer: string;
  projections: ReadonlyArray<Projection>;
  logger: Logger;
  batchSize?: number;
  retryDelayMs?: number;
  /** Called after each committed batch: the newest position applied, when its event was recorded, and the counts. */
  onBatch?: (position: string, recordedAt: string, applied: number, skipped: number) => void;
};

const ensureConsumer = async (nats: NatsConnection, stream: string, consumer: string) => {
  const jsm = await jetstreamManager(nats);
  try {
    const info = await jsm.consumers.info(stream, consumer);
    // Messages a killed instance held unacknowledged come back only after ack_wait, behind newer
    // ones whose checkpoints would then skip them: the consumer starts again after its ack floor,
    // and the checkpoints skip whatever of that was already applied.
    if (info.num_ack_pending > 0) {
      await jsm.consumers.delete(stream, consumer);
      await jsm.consumers.add(stream, {
        ...projectorConsumer(consumer),
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: info.ack_floor.stream_seq + 1,
      });
    }
  } catch {
    await jsm.consumers.add(stream, projectorConsumer(consumer));
  }
  return await jetstream(nats).consumers.get(stream, consumer);
};

/**
 * Keeps the read models: fetches batches from a durable JetStream consumer, applies each in one
 * transaction with the checkpoints (applyBatch), and acks only after the commit. A crash between
 * commit and ack redelivers the batch, which the checkpoints then skip; a stream rebuilt from the
 * store (and with it a fresh consumer) replays from the start, skipped the same way.
 */
export const runProjector = async (options: ProjectorOptions, signal: AbortSignal): Promise<void> => {
  const { logger } = options;
  while (!signal.aborted) {
    try {
      const consumer = await ensureConsumer(options.nats, options.stream, options.consumer);
      logger.info({ stream: options.stream, consumer: options.consumer }, 'projector consuming');
      while (!signal.aborted) {
        const messages = await consumer.fetch({ max_messages: options.batchSize ?? 500, expires: 1_000 });
        const batch: JsMsg[] = [];
        for await (const message of messages) batch.push(message);
        if (batch.length === 0) continue;
        const events = batch.map((message) => message.json<StoredEvent>());
        const result = await applyBatch(options.pool, options.store, options.projections, events);
        for (const message of batch) message.ack();
        const last = events.at(-1) as StoredEvent;
        options.onBatch?.(last.logPosition, last.recordedAt, result.applied, result.skipped);
        logger.debug({ events: events.length, applied: result.applied, skipped: result.skipped }, 'batch applied');
      }
    } catch (error) {
      if (signal.aborted) break;
      logger.warn({ err: error }, 'projector interrupted; resuming from its checkpoints');
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 1_000));
    }
  }
};
