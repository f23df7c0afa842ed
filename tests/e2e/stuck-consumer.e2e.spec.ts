import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  eventually,
  ok,
  seedRestaurant,
  startLedger,
  uuidv7,
  type Ledger,
  type Restaurant,
} from '@possier/ledger/testing';
import { runProjector } from '@possier/projector';
import { projections } from '@possier/read-models';
import { ledgerStream, runRelay, type LedgerStream } from '@possier/relay';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPrivateNats, type PrivateNats } from '../support/private-servers.js';

/**
 * The projector heals a consumer that cannot deliver what the read models lack, on its own and
 * in the same process: no restart, no operator. Each case breaks the consumer the way production
 * does, then sells and waits for every projection to reach the log's head. The NATS server is
 * the suite's own, so it can be restarted with a disk that lost the stream's messages.
 */
const CONSUMER = 'stuck-e2e-projector';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let natsServer: PrivateNats;
let ledger: Ledger;
let shop: Restaurant;
let nats: NatsConnection;
let jsm: JetStreamManager;
let stream: LedgerStream;
/** Every line the relay and projector logged, parsed. */
let lines: Array<{ level: number; msg: string; finding?: string; reason?: string }> = [];

const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  }),
);

type Running = { stop: () => Promise<void> };
const services: Running[] = [];

const running = (start: (signal: AbortSignal) => Promise<unknown>): Running => {
  const stop = new AbortController();
  const done = start(stop.signal);
  const service = {
    stop: async () => {
      stop.abort();
      await done;
    },
  };
  services.push(service);
  return service;
};

const startRelay = () =>
  running((signal) =>
    runRelay({ store: ledger.store, nats, stream, logger, retryDelayMs: 100, verifyEveryMs: 200 }, signal),
  );

/** The projector, checking an idle consumer every 200 ms. */
const startProjector = () =>
  running((signal) =>
    runProjector(
      {
        pool: ledger.store.pool,
        store: ledger.store,
        nats,
        stream: stream.config.name,
        consumer: CONSUMER,
        projections: Object.values(projections),
        logger,
        batchSize: 50,
        retryDelayMs: 100,
        checkEveryMs: 200,
      },
      signal,
    ),
  );

const startReadSide = (): Running => {
  const relay = startRelay();
  const projector = startProjector();
  return {
    stop: async () => {
      await Promise.all([relay.stop(), projector.stop()]);
    },
  };
};

const sell = async (count: number) => {
  for (let i = 0; i < count; i += 1)
    ok(
      await ledger.command('/v1/orders', shop.r1Token, {
        orderId: uuidv7(),
        storeId: shop.ids.storeA,
        channel: 'dine_in',
        lines: [{ lineId: randomUUID(), itemId: shop.ids.pizza, quantity: 1 }],
        tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 100_000 }],
      }),
    );
};

/** Until every projection's checkpoint is at the log's head. */
const caughtUp = async () => {
  const names = Object.values(projections).map((projection) => projection.name);
  await eventually(async () => {
    const head = await ledger.store.headPosition();
    const { rows } = await ledger.store.pool.query<{ projection: string }>(
      'SELECT projection FROM projector_checkpoints WHERE projection = ANY($1::text[]) AND log_position = $2',
      [names, head],
    );
    expect(rows.length).toBe(names.length);
  }, 60_000);
};

const warnings = (msg: string) => lines.filter((line) => line.level === 40 && line.msg === msg);

beforeAll(async () => {
  natsServer = await startPrivateNats(await freePort());
  ledger = await startLedger({ natsUrl: natsServer.url });
  shop = await seedRestaurant(ledger);
  nats = await connect({ servers: natsServer.url, maxReconnectAttempts: -1 });
  jsm = await jetstreamManager(nats);
}, 120_000);

afterEach(async () => {
  for (const running of services.splice(0)) await running.stop();
  await jsm.streams.delete(stream.config.name).catch(() => undefined);
});

afterAll(async () => {
  await nats?.close();
  await ledger?.close();
  await natsServer?.stop();
});

describe('a projector never stays stuck', () => {
  const fresh = () => {
    const suffix = randomBytes(4).toString('hex');
    stream = ledgerStream({ name: `LEDGER_STUCK_${suffix}`, subjectPrefix: `ledgerstuck${suffix}` });
    lines = [];
  };

  it('survives its stream being deleted under a fetch, and catches up once the relay rebuilds it', async () => {
    fresh();
    startReadSide();
    await sell(5);
    await caughtUp();
    // Deleted while sales flow, so a fetch fails while a batch is being applied: the failure
    // must reach the session, never be left as a rejected promise that ends the process.
    for (let round = 0; round < 4; round += 1) {
      const selling = Promise.all([sell(12), sell(12)]);
      await sleep(150 + 100 * round);
      await jsm.streams.delete(stream.config.name);
      await selling;
      await caughtUp();
    }
    // The projector logged its interruption and went on; it never ended (the run would reject).
    expect(lines.some((line) => line.msg === 'projector interrupted; resuming from its checkpoints')).toBe(true);
  }, 120_000);

  it('recreates a consumer that delivered past the end of a stream that lost its messages, and logs the finding once', async () => {
    fresh();
    const first = startReadSide();
    await sell(5);
    await caughtUp();
    await first.stop();
    // The node comes back without the stream's messages but with the consumer's state: the
    // consumer has delivered past the stream's new end, so on its own it would never deliver
    // what the relay republishes at those sequences.
    await natsServer.restartLosingMessages(stream.config.name);
    await eventually(async () => {
      const info = await jsm.consumers.info(stream.config.name, CONSUMER);
      expect(info.delivered.stream_seq).toBeGreaterThan((await jsm.streams.info(stream.config.name)).state.last_seq);
    });
    startProjector();
    await eventually(async () => {
      expect(warnings('projector consumer recreated after the checkpoints')).toHaveLength(1);
    });
    expect(warnings('projector consumer recreated after the checkpoints')[0]?.reason).toMatch(/past the end of stream/);
    startRelay();
    await sell(4);
    await caughtUp();
    expect(warnings('projector consumer recreated after the checkpoints')).toHaveLength(1);
  }, 120_000);

  it("comes through a NATS restart that lost the stream's messages while it was consuming", async () => {
    fresh();
    startReadSide();
    await sell(5);
    await caughtUp();
    await natsServer.restartLosingMessages(stream.config.name);
    await sell(4);
    await caughtUp();
  }, 120_000);

  it('recreates a consumer that was deleted while it was idle', async () => {
    fresh();
    startReadSide();
    await sell(3);
    await caughtUp();
    await jsm.consumers.delete(stream.config.name, CONSUMER);
    await sell(3);
    await caughtUp();
  }, 120_000);

  it('starts after the checkpoints when the consumer acknowledged more than the read models hold (a restored database)', async () => {
    fresh();
    const first = startReadSide();
    await sell(4);
    await caughtUp();
    await first.stop();
    // The read models go back in time (a backup restored) while the consumer keeps its place.
    const { rows } = await ledger.store.pool.query<{ log_position: string }>(
      'SELECT log_position FROM projector_checkpoints LIMIT 1',
    );
    const before = rows[0]?.log_position as string;
    const { state } = await jsm.streams.info(stream.config.name);
    const earlier = (await jsm.streams.getMessage(stream.config.name, { seq: state.last_seq - 2 }))?.json<{
      logPosition: string;
    }>();
    await ledger.store.pool.query('UPDATE projector_checkpoints SET log_position = $1', [earlier?.logPosition]);
    lines = [];
    startReadSide();
    await caughtUp();
    expect(warnings('projector consumer recreated after the checkpoints')[0]?.reason).toMatch(
      /beyond the read models' checkpoint/,
    );
    const { rows: after } = await ledger.store.pool.query<{ log_position: string }>(
      'SELECT log_position FROM projector_checkpoints LIMIT 1',
    );
    expect(after[0]?.log_position).toBe(before);
  }, 120_000);
});
