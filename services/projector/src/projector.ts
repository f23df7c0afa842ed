import type { Consumer } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventStore, StoredEvent } from '@possier/events';
import type { Projection } from '@possier/read-models';
import { ServiceHealth } from '@possier/store';
import type pg from 'pg';
import type { Logger } from 'pino';
import { applyBatch } from './apply-batch.js';
import { DeliveredMessages } from './delivered-messages.js';
import {
  checkConsumer,
  findingOf,
  openDurableConsumer,
  StreamMissingError,
  type DurableConsumer,
} from './durable-consumer.js';

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
  /** How often, at most, a projector receiving nothing checks its consumer against the stream and the checkpoints. */
  checkEveryMs?: number;
  /** Called after each committed batch: the newest position applied, when its event was recorded, and the counts. */
  onBatch?: (position: string, recordedAt: string, applied: number, skipped: number) => void;
  /** Where the projector reports whether it is running or interrupted; its own when not given. */
  health?: ServiceHealth;
};

/** How long a batch waits for more once messages stop arriving: a commit's events come together. */
const QUIET_MS = 3;
/** How long one fetch stays open on the server; a fetch that brings nothing ends after it. */
const FETCH_EXPIRES_MS = 1_000;
/** Sessions failing in a row before the consumer itself is no longer trusted and is recreated. */
const FAILURES_BEFORE_RECREATE = 3;

/** The consumer was found unable to deliver what the read models still lack; the message says why. */
export class ConsumerStuckError extends Error {
  override name = 'ConsumerStuckError';
}

type Fetching = {
  consumer: Consumer;
  delivered: DeliveredMessages;
  batchSize: number;
  signals: ReadonlyArray<AbortSignal>;
  checkEveryMs: number;
  /** What is wrong with the consumer, after `idleMs` without a delivery; undefined when nothing is. */
  check: (idleMs: number) => Promise<string | undefined>;
  /** Told of every fetch that ended without an error. */
  onFetched: () => void;
};

/**
 * Fetches into `delivered` until a signal aborts, each fetch taken whole (never cut off, so no
 * message the server sent is dropped unacknowledged) and none started while a batch's worth waits.
 * A fetch that brings nothing is the moment to check the consumer (at most every `checkEveryMs`):
 * a consumer that cannot deliver what the read models lack would otherwise leave the projector
 * waiting quietly forever. Ends `delivered` when it stops; a failure of the consumer is rethrown.
 */
const fetchInto = async ({
  consumer,
  delivered,
  batchSize,
  signals,
  checkEveryMs,
  check,
  onFetched,
}: Fetching): Promise<void> => {
  let lastDelivery = Date.now();
  let lastCheck = Date.now();
  try {
    while (!signals.some((signal) => signal.aborted)) {
      await delivered.room(batchSize);
      const fetched = await consumer.fetch({
        max_messages: batchSize,
        expires: FETCH_EXPIRES_MS,
      });
      let received = 0;
      for await (const message of fetched) {
        delivered.push(message);
        received += 1;
      }
      onFetched();
      const now = Date.now();
      if (received > 0) lastDelivery = now;
      if (received > 0 || now - lastCheck < checkEveryMs) continue;
      lastCheck = now;
      const finding = await check(now - lastDelivery);
      if (finding !== undefined) throw new ConsumerStuckError(finding);
    }
  } finally {
    delivered.end();
  }
};

/**
 * Applies what arrives, batch by batch, each in one transaction with the checkpoints, acking only
 * after the commit; a batch that fails goes back at once (nak). Ends when `delivered` has ended
 * and is empty.
 */
const applyDelivered = async (
  options: ProjectorOptions,
  delivered: DeliveredMessages,
  batchSize: number,
): Promise<void> => {
  for (;;) {
    const batch = await delivered.take(batchSize, QUIET_MS);
    if (batch.length === 0) return;
    try {
      const events = batch.map((message) => message.json<StoredEvent>());
      const result = await applyBatch(options.pool, options.store, options.projections, events);
      for (const message of batch) message.ack();
      const last = events.at(-1) as StoredEvent;
      options.onBatch?.(last.logPosition, last.recordedAt, result.applied, result.skipped);
      options.logger.debug(
        {
          events: events.length,
          applied: result.applied,
          skipped: result.skipped,
        },
        'batch applied',
      );
    } catch (error) {
      // Left to ack_wait, it would come back after newer events, whose checkpoints would skip it.
      for (const message of batch) message.nak();
      throw error;
    }
  }
};

/**
 * Keeps the read models: consumes a durable JetStream consumer, applies what has arrived in one
 * transaction with the checkpoints (applyBatch), and acks only after the commit. A crash between
 * commit and ack redelivers the batch, which the checkpoints then skip.
 *
 * A batch is every message already delivered, up to `batchSize`: one event at a time while the
 * log is quiet, so an event reaches the read models as soon as it arrives, and full batches under
 * load, so a transaction's cost is shared by many; a batch closes once nothing has arrived for a
 * few milliseconds, so a commit's events stay together. (Applying a fetch only once it is
 * complete would hold its first event until the fetch filled or expired.) Stopping lets the fetch
 * under way end, at most a second, and applies what it brought.
 *
 * Nothing that happens to NATS or the consumer ends it: a failed session (a deleted stream takes
 * its consumer with it, a restarting server, missed heartbeats, a lost database) is started again
 * on a consumer judged against the checkpoints (openDurableConsumer); one that fails again and
 * again, or a consumer found stuck while idle (checkConsumer), is recreated after the
 * checkpoints. Each finding is logged once, at warn.
 */
export const runProjector = async (options: ProjectorOptions, signal: AbortSignal): Promise<void> => {
  const { logger } = options;
  const batchSize = options.batchSize ?? 500;
  const target: DurableConsumer = {
    nats: options.nats,
    pool: options.pool,
    stream: options.stream,
    consumer: options.consumer,
    projections: options.projections.map((projection) => projection.name),
  };
  let finding: string | undefined;
  const health = options.health ?? new ServiceHealth('projector');
  let failures = 0;
  let waitingForStream = false;
  while (!signal.aborted) {
    try {
      const { consumer, recreated } = await openDurableConsumer(target, finding);
      finding = undefined;
      waitingForStream = false;
      if (recreated)
        logger[recreated.finding ? 'warn' : 'info'](
          {
            stream: options.stream,
            consumer: options.consumer,
            reason: recreated.reason,
            startSequence: recreated.start,
          },
          'projector consumer recreated after the checkpoints',
        );
      if (failures === 0) logger.info({ stream: options.stream, consumer: options.consumer }, 'projector consuming');
      const delivered = new DeliveredMessages();
      const stopFetching = new AbortController();
      // Both run from here, and a failure of either is seen at once: neither is left rejected and unawaited.
      const fetching = fetchInto({
        consumer,
        delivered,
        batchSize,
        signals: [signal, stopFetching.signal],
        checkEveryMs: options.checkEveryMs ?? 5_000,
        check: async (idleMs) => findingOf(await checkConsumer(target, idleMs)),
        onFetched: () => {
          const wasInterrupted = health.status().state === 'interrupted';
          const interruptedForMs = health.elapsedMs();
          if (health.running() && wasInterrupted) logger.info({ failures, interruptedForMs }, 'projector resumed');
          failures = 0;
        },
      });
      const applying = applyDelivered(options, delivered, batchSize);
      try {
        await Promise.all([fetching, applying]);
      } finally {
        stopFetching.abort();
        // Anything not applied goes back now: left to ack_wait, it would come back after newer events.
        delivered.giveBack();
        await Promise.allSettled([fetching, applying]);
      }
    } catch (error) {
      if (signal.aborted) break;
      // Logged once, by the recreation it causes.
      if (error instanceof ConsumerStuckError) {
        finding = error.message;
        continue;
      }
      if (error instanceof StreamMissingError) {
        if (!waitingForStream)
          logger.info({ stream: options.stream }, 'projector waiting for the relay to create its stream');
        waitingForStream = true;
        health.interrupted(error);
        await sleep(options.retryDelayMs ?? 1_000, signal);
        continue;
      }
      failures += 1;
      // Logged once per interruption, however many sessions fail in it; the recovery is logged too.
      if (health.interrupted(error))
        logger.warn({ err: error }, 'projector interrupted; resuming from its checkpoints');
      else logger.debug({ err: error, failures }, 'projector still interrupted');
      if (failures % FAILURES_BEFORE_RECREATE === 0)
        finding = `${failures} sessions failed in a row, the last with: ${(error as Error).message}`;
      await sleep(options.retryDelayMs ?? 1_000, signal);
    }
  }
};

/** Resolves after `ms`, or at once when the signal aborts. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
