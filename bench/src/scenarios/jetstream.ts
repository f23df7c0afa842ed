import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { createTestDatabase } from '@possier/prisma';
import { LOG_POSITION_HEADER, ledgerStream } from '@possier/relay';
import { openPostgresEventStore } from '@possier/store';
import { runFor, type Timing } from '../measure.js';
import { batchOf, envelope, newEventId } from '../payload.js';
import { startRelayProcess } from '../processes/read-side-processes.js';
import type { ServiceProcess } from '../processes/service-process.js';
import { against, measured, type Row } from '../report.js';
import { analyze } from '../statistics.js';

const APPEND_BATCH = 100;
const RELAY_WINDOW = 256;

/** Streams this run created, deleted at the end whatever happened. */
export const createdStreams: string[] = [];

const freshStream = () => {
  const suffix = randomBytes(4).toString('hex');
  const stream = ledgerStream({ name: `BENCH_${suffix}`, subjectPrefix: `bench${suffix}` });
  createdStreams.push(stream.config.name);
  return stream;
};

/**
 * The relay limit: JetStream publishes with a message id, each awaited for its ack, `inFlight` at
 * a time, of the size the relay sends: a stored event's JSON and its log position header.
 */
const rawPublish = async (nats: NatsConnection, jsm: JetStreamManager, timing: Timing, inFlight: number) => {
  const stream = freshStream();
  await jsm.streams.add(stream.config);
  const js = jetstream(nats);
  const position = '00000000000f4240-0000000000030d40';
  const stored = {
    ...envelope('bench-raw', 0),
    recordedAt: '2026-11-24T07:35:00.123Z',
    streamPosition: 0,
    globalPosition: 200_000,
    logPosition: position,
  };
  const body = new TextEncoder().encode(JSON.stringify(stored));
  const subject = `${stream.subjectPrefix}.${stored.orgId}.${stored.storeId}.${stored.type}`;
  const m = await runFor(timing, inFlight, () => {
    const h = headers();
    h.set(LOG_POSITION_HEADER, position);
    return js.publish(subject, body, { msgID: newEventId(), headers: h });
  });
  return measured(`raw JetStream publish, ${inFlight} in flight`, 'msgs/s', m);
};

/**
 * The relay, as deployed (its own process), publishing a log that is already in the store to an
 * empty stream: events per second from the first message the stream holds to the last, so the
 * process's start is not counted.
 */
const relay = async (
  jsm: JetStreamManager,
  natsUrl: string,
  events: number,
  logDir: string,
): Promise<{ row: Row; relay: ServiceProcess | undefined }> => {
  const database = await createTestDatabase('possier_bench_relay');
  const store = await openPostgresEventStore({ connectionString: database.url, poolSize: 8 });
  let service: ServiceProcess | undefined;
  try {
    for (let from = 0; from < events; from += APPEND_BATCH * 8) {
      await Promise.all(
        Array.from({ length: 8 }, (_, lane) => {
          const start = from + lane * APPEND_BATCH;
          const count = Math.min(APPEND_BATCH, events - start);
          if (count <= 0) return undefined;
          const streamId = `bench-relay-${start}`;
          const batch = batchOf(streamId, count, start);
          return store.append({ orgId: batch[0]?.orgId as string, streamId }, 'no_stream', batch);
        }),
      );
    }
    await analyze(store.pool);
    const stream = freshStream();
    const held = () =>
      jsm.streams
        .info(stream.config.name)
        .then((info) => info.state.messages)
        .catch(() => 0);
    service = await startRelayProcess(
      {
        databaseUrl: database.url,
        natsUrl,
        stream: stream.config.name,
        subjectPrefix: stream.subjectPrefix,
      },
      `${logDir}/relay-throughput.log`,
    );
    const poll = async (until: (count: number) => boolean) => {
      for (;;) {
        const count = await held();
        if (until(count)) return { count, at: performance.now() };
        if (!service?.running()) throw new Error(`the relay stopped:\n${service?.logTail()}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const first = await poll((count) => count > 0);
    const last = await poll((count) => count >= events);
    return {
      row: {
        figure: `relay, ${events.toLocaleString('en-US')} events, ${RELAY_WINDOW} in flight`,
        unit: 'events/s',
        rate: (last.count - first.count) / ((last.at - first.at) / 1000),
      },
      relay: service,
    };
  } finally {
    await service?.stop();
    await store.close();
    await database.drop();
  }
};

export const jetstreamScenarios = async (
  nats: NatsConnection,
  natsUrl: string,
  timing: Timing,
  relayEvents: number,
  logDir: string,
): Promise<{ rows: Row[]; relay: ServiceProcess | undefined }> => {
  const jsm = await jetstreamManager(nats);
  const raw1 = await rawPublish(nats, jsm, timing, 1);
  const raw256 = await rawPublish(nats, jsm, timing, RELAY_WINDOW);
  const ours = await relay(jsm, natsUrl, relayEvents, logDir);
  console.error(`relay: ${Math.round(ours.row.rate ?? 0)} events/s`);
  return { rows: [raw1, raw256, against(ours.row, raw256, 0.7)], relay: ours.relay };
};

export const deleteStreams = async (nats: NatsConnection): Promise<void> => {
  const jsm = await jetstreamManager(nats);
  for (const name of createdStreams) await jsm.streams.delete(name).catch(() => undefined);
};
