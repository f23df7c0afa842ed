import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { createTestDatabase } from '@possier/prisma';
import { ledgerStream, runRelay } from '@possier/relay';
import { openPostgresEventStore } from '@possier/store';
import { pino } from 'pino';
import { runFor, type Timing } from '../measure.js';
import { batchOf, envelope, newEventId } from '../payload.js';
import { against, measured, type Row } from '../report.js';

const APPEND_BATCH = 100;

/** Streams this run created, deleted at the end whatever happened. */
export const createdStreams: string[] = [];

const freshStream = () => {
  const suffix = randomBytes(4).toString('hex');
  const stream = ledgerStream({ name: `BENCH_${suffix}`, subjectPrefix: `bench${suffix}` });
  createdStreams.push(stream.config.name);
  return stream;
};

/** The relay limit: JetStream publishes with a message id, each awaited for its ack, `inFlight` at a time. */
const rawPublish = async (nats: NatsConnection, jsm: JetStreamManager, timing: Timing, inFlight: number) => {
  const stream = freshStream();
  await jsm.streams.add(stream.config);
  const js = jetstream(nats);
  const body = new TextEncoder().encode(JSON.stringify(envelope('bench-raw', 0)));
  const subject = `${stream.subjectPrefix}.org.store.OrderPlacedForBench`;
  const m = await runFor(timing, inFlight, () => js.publish(subject, body, { msgID: newEventId() }));
  return measured(`raw JetStream publish, ${inFlight} in flight`, 'msgs/s', m);
};

/**
 * The relay publishing a log that is already in the store to an empty stream: events per second
 * from its start until the stream holds them all.
 */
const relay = async (nats: NatsConnection, jsm: JetStreamManager, events: number): Promise<Row> => {
  const database = await createTestDatabase('possier_bench_relay');
  const store = await openPostgresEventStore({ connectionString: database.url, poolSize: 8 });
  try {
    for (let from = 0; from < events; from += APPEND_BATCH * 8) {
      await Promise.all(
        Array.from({ length: 8 }, (_, lane) => {
          const start = from + lane * APPEND_BATCH;
          const count = Math.min(APPEND_BATCH, events - start);
          if (count <= 0) return undefined;
          const streamId = `bench-relay-${start}`;
          return store.append(streamId, 'no_stream', batchOf(streamId, count, start));
        }),
      );
    }
    const stream = freshStream();
    const stop = new AbortController();
    const started = performance.now();
    const done = runRelay({ store, nats, stream, logger: pino({ level: 'silent' }), maxInFlight: 256 }, stop.signal);
    let held = 0;
    while (held < events) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      held = await jsm.streams
        .info(stream.config.name)
        .then((info) => info.state.messages)
        .catch(() => 0);
    }
    const seconds = (performance.now() - started) / 1000;
    stop.abort();
    await done;
    return {
      figure: `relay, ${events.toLocaleString('en-US')} events, 256 in flight`,
      unit: 'events/s',
      rate: events / seconds,
    };
  } finally {
    await store.close();
    await database.drop();
  }
};

export const jetstreamScenarios = async (nats: NatsConnection, timing: Timing, relayEvents: number): Promise<Row[]> => {
  const jsm = await jetstreamManager(nats);
  const raw1 = await rawPublish(nats, jsm, timing, 1);
  const raw256 = await rawPublish(nats, jsm, timing, 256);
  const ours = against(await relay(nats, jsm, relayEvents), raw256, 0.7);
  return [raw1, raw256, ours];
};

export const deleteStreams = async (nats: NatsConnection): Promise<void> => {
  const jsm = await jetstreamManager(nats);
  for (const name of createdStreams) await jsm.streams.delete(name).catch(() => undefined);
};
