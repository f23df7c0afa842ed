import { randomBytes, randomUUID } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { mintUuidV7, type EventEnvelope } from '@possier/events';
import { createTestDatabase, type TestDatabase } from '@possier/prisma';
import { openPostgresEventStore, type PostgresEventStore } from '@possier/store';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { relayPosition, saveRelayPosition } from './checkpoint.js';
import { LOG_POSITION_HEADER, messageIdOf, runRelay } from './relay.js';
import { ledgerStream, type LedgerStream } from './stream-definition.js';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

let database: TestDatabase;
let store: PostgresEventStore;
let nats: NatsConnection;
let jsm: JetStreamManager;
const streams: string[] = [];

beforeAll(async () => {
  nats = await connect({ servers: NATS_URL });
  jsm = await jetstreamManager(nats);
});

afterAll(async () => {
  for (const name of streams) await jsm.streams.delete(name).catch(() => undefined);
  await nats?.close();
});

// Each test relays a log of its own: the relay publishes the whole log, whatever the org.
beforeEach(async () => {
  database = await createTestDatabase('possier_relay');
  store = await openPostgresEventStore({ connectionString: database.url, pollMs: 100 });
});

/** A stream of this test's own, so runs never see each other's messages. */
const freshStream = (): LedgerStream => {
  const suffix = randomBytes(4).toString('hex');
  const stream = ledgerStream({ name: `LEDGER_TEST_${suffix}`, subjectPrefix: `ledgertest${suffix}` });
  streams.push(stream.config.name);
  return stream;
};

const running: Array<{ stop: AbortController; done: Promise<void> }> = [];
afterEach(async () => {
  for (const relay of running.splice(0)) {
    relay.stop.abort();
    await relay.done;
  }
  await store?.close();
  await database?.drop();
});

const startRelay = (
  stream: LedgerStream,
  connection: NatsConnection = nats,
  onAcked?: (position: string) => Promise<void>,
) => {
  const stop = new AbortController();
  const done = runRelay(
    { store, nats: connection, stream, logger, retryDelayMs: 100, maxInFlight: 64, onAcked },
    stop.signal,
  );
  const relay = { stop, done };
  running.push(relay);
  return relay;
};

const appendSales = async (orgId: string, orders: number, eventsPerOrder = 3): Promise<EventEnvelope[]> => {
  const appended: EventEnvelope[] = [];
  for (let o = 0; o < orders; o += 1) {
    const streamId = `order-${randomUUID()}`;
    const storeId = randomUUID();
    const events = Array.from({ length: eventsPerOrder }, (_, i) => ({
      eventId: mintUuidV7({ msecs: Date.now(), random: randomBytes(16) }),
      type: i === 0 ? 'OrderPlaced' : 'PaymentTendered',
      schemaVersion: 1,
      streamId,
      orgId,
      brandId: null,
      storeId,
      registerId: null,
      actorId: randomUUID(),
      occurredAt: '2026-11-24T13:05:00+05:30',
      causationId: null,
      correlationId: randomUUID(),
      data: { n: i },
    }));
    await store.append({ orgId: events[0]?.orgId as string, streamId }, 'no_stream', events);
    appended.push(...events);
  }
  return appended;
};

/** Everything the stream holds, in stream order. */
const messagesOf = async (name: string) => {
  const { state } = await jsm.streams.info(name);
  const messages: Array<{ messageId: string; subject: string; logPosition: string }> = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) {
    const message = await jsm.streams.getMessage(name, { seq });
    if (message) {
      messages.push({
        messageId: message.header.get('Nats-Msg-Id'),
        subject: message.subject,
        logPosition: message.header.get(LOG_POSITION_HEADER),
      });
    }
  }
  return messages;
};

const waitForCount = async (name: string, count: number, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await jsm.streams.info(name).catch(() => undefined);
    if (info && info.state.messages >= count) return;
    if (Date.now() > deadline)
      throw new Error(`stream ${name} holds ${info?.state.messages ?? 0} of ${count} messages`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** The message id of every event in the log, as the store orders it. */
const theLog = async () => (await store.readAll({ limit: 100_000 })).map(messageIdOf);

describe('relay', () => {
  it('publishes every event once, in log order, with its org-scoped id as message id and a subject per tenant, store and type', async () => {
    const stream = freshStream();
    const orgA = randomUUID();
    const orgB = randomUUID();
    const [a, b] = [await appendSales(orgA, 20), await appendSales(orgB, 10)];
    startRelay(stream);
    await waitForCount(stream.config.name, 90);
    const messages = await messagesOf(stream.config.name);
    const expected = await theLog();
    expect(messages.map((message) => message.messageId)).toEqual(expected);
    const first = a[0] as EventEnvelope;
    expect(messages[expected.indexOf(messageIdOf(first))]?.subject).toBe(
      `${stream.subjectPrefix}.${orgA}.${first.storeId}.OrderPlaced`,
    );
    expect(b).toHaveLength(30);
    const positions = messages.map((message) => message.logPosition);
    expect([...positions].sort()).toEqual(positions);
  });

  it('stopped mid-stream and restarted, it loses, duplicates and reorders nothing', async () => {
    const stream = freshStream();
    const orgId = randomUUID();
    await appendSales(orgId, 200);
    const first = startRelay(stream);
    await waitForCount(stream.config.name, 150);
    first.stop.abort();
    await first.done;
    await appendSales(orgId, 50);
    startRelay(stream);
    await waitForCount(stream.config.name, 750);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const messages = await messagesOf(stream.config.name);
    expect(messages.map((message) => message.messageId)).toEqual(await theLog());
  });

  it('killed with publishes in flight (connection dropped), a new relay resumes exactly after what the stream holds', async () => {
    const stream = freshStream();
    const orgId = randomUUID();
    await appendSales(orgId, 300);
    const doomed = await connect({ servers: NATS_URL });
    const killed = startRelay(stream, doomed);
    await waitForCount(stream.config.name, 100);
    await doomed.close();
    killed.stop.abort();
    await killed.done;
    startRelay(stream);
    await waitForCount(stream.config.name, 900);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const messages = await messagesOf(stream.config.name);
    expect(messages.map((message) => message.messageId)).toEqual(await theLog());
  });

  it('rebuilds a deleted stream from the store', async () => {
    const stream = freshStream();
    const orgId = randomUUID();
    await appendSales(orgId, 30);
    startRelay(stream);
    await waitForCount(stream.config.name, 90);
    await jsm.streams.delete(stream.config.name);
    await appendSales(orgId, 1);
    await waitForCount(stream.config.name, 93);
    const messages = await messagesOf(stream.config.name);
    expect(messages.map((message) => message.messageId)).toEqual(await theLog());
  });

  it('rebuilds a deleted stream while the log is quiet, with no event to come', async () => {
    const stream = freshStream();
    const orgId = randomUUID();
    await appendSales(orgId, 20);
    startRelay(stream);
    await waitForCount(stream.config.name, 60);
    await jsm.streams.delete(stream.config.name);
    await waitForCount(stream.config.name, 60);
    const messages = await messagesOf(stream.config.name);
    expect(messages.map((message) => message.messageId)).toEqual(await theLog());
  });

  it('records the last acknowledged position for operators', async () => {
    const stream = freshStream();
    const orgId = randomUUID();
    await appendSales(orgId, 5);
    startRelay(stream, nats, (position) => saveRelayPosition(store.pool, stream.config.name, position));
    await waitForCount(stream.config.name, 15);
    const last = (await messagesOf(stream.config.name)).at(-1)?.logPosition;
    const deadline = Date.now() + 10_000;
    while ((await relayPosition(store.pool, stream.config.name)) !== last && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await relayPosition(store.pool, stream.config.name)).toBe(last);
  });
});
