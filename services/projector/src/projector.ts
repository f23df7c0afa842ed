import { DeliverPolicy, jetstream, jetstreamManager, type Consumer, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventStore, StoredEvent } from '@possier/events';
import type { Projection } from '@possier/read-models';
import type pg from 'pg';
import type { Logger } from 'pino';
import { applyBatch } from './apply-batch.js';
import { projectorConsumer } from './consumer-definition.js';
import { DeliveredMessages } from './delivered-messages.js';

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

/** How long a batch waits for more once messages stop arriving: a commit's events come together. */
const QUIET_MS = 3;

/**
 * Fetches into `delivered` until a signal aborts, each fetch taken whole (never cut off, so no
 * message the server sent is dropped unacknowledged) and none started while a batch's worth waits.
 * Ends `delivered` when it stops; a failure of the consumer is rethrown.
 */
const fetchInto = async (
  consumer: Consumer,
  delivered: DeliveredMessages,
  batchSize: number,
  signals: ReadonlyArray<AbortSignal>,
): Promise<void> => {
  try {
    while (!signals.some((signal) => signal.aborted)) {
      await delivered.room(batchSize);
      const fetched = await consumer.fetch({ max_messages: batchSize, expires: 1_000 });
      for await (const message of fetched) delivered.push(message);
    }
  } finally {
    delivered.end();
  }
};

/**
 * Keeps the read models: consumes a durable JetStream consumer, applies what has arrived in one
 * transaction with the checkpoints (applyBatch), and acks only after the commit. A crash between
 * commit and ack redelivers the batch, which the checkpoints then skip; a stream rebuilt from the
 * store (and with it a fresh consumer) replays from the start, skipped the same way.
 *
 * A batch is every message already delivered, up to `batchSize`: one event at a time while the
 * log is quiet, so an event reaches the read models as soon as it arrives, and full batches under
 * load, so a transaction's cost is shared by many; a batch closes once nothing has arrived for a
 * few milliseconds, so a commit's events stay together. (Applying a fetch only once it is
 * complete would hold its first event until the fetch filled or expired.) Stopping lets the fetch under way end,
 * at most a second, and applies what it brought.
 */
export const runProjector = async (options: ProjectorOptions, signal: AbortSignal): Promise<void> => {
  const { logger } = options;
  const batchSize = options.batchSize ?? 500;
  while (!signal.aborted) {
    try {
      const consumer = await ensureConsumer(options.nats, options.stream, options.consumer);
      logger.info({ stream: options.stream, consumer: options.consumer }, 'projector consuming');
      const delivered = new DeliveredMessages();
      const stopFetching = new AbortController();
      const fetching = fetchInto(consumer, delivered, batchSize, [signal, stopFetching.signal]);
      let batch: JsMsg[] = [];
      try {
        for (;;) {
          batch = await delivered.take(batchSize, QUIET_MS);
          if (batch.length === 0) break;
          const events = batch.map((message) => message.json<StoredEvent>());
          const result = await applyBatch(options.pool, options.store, options.projections, events);
          for (const message of batch) message.ack();
          batch = [];
          const last = events.at(-1) as StoredEvent;
          options.onBatch?.(last.logPosition, last.recordedAt, result.applied, result.skipped);
          logger.debug({ events: events.length, applied: result.applied, skipped: result.skipped }, 'batch applied');
        }
        await fetching;
      } finally {
        // A batch that failed, and anything not applied, go back now: left to ack_wait, they would
        // come back after newer events, whose checkpoints would then skip them.
        stopFetching.abort();
        for (const message of batch) message.nak();
        delivered.giveBack();
        await fetching.catch(() => undefined);
      }
    } catch (error) {
      if (signal.aborted) break;
      logger.warn({ err: error }, 'projector interrupted; resuming from its checkpoints');
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 1_000));
    }
  }
};
