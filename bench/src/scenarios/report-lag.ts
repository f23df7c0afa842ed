import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { createTestDatabase } from '@possier/prisma';
import { encodeLogPosition, openPostgresEventStore, type PostgresEventStore } from '@possier/store';
import { percentile, type Timing } from '../measure.js';
import { offerLoad } from '../offered-load.js';
import { pizzaOrders } from '../pizza-orders.js';
import { startProjectorProcess, startRelayProcess } from '../processes/read-side-processes.js';
import type { ServiceProcess } from '../processes/service-process.js';
import type { Row } from '../report.js';
import { analyze } from '../statistics.js';
import { createdStreams } from './jetstream.js';

const EVENTS_PER_SECOND = 1_000;
const PROJECTION = 'sales_by_hour';

/**
 * When each checkpoint of the projection was written, kept by a trigger in this run's own
 * database: the projector writes the checkpoint in the transaction that writes the rows, so an
 * event's rows are readable from the first checkpoint at or past it (plus that commit's fsync).
 */
const TIMESTAMP_CHECKPOINTS = `
  CREATE TABLE bench_checkpoint_times (log_position text NOT NULL, at timestamptz NOT NULL);
  CREATE FUNCTION bench_checkpoint_time() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO bench_checkpoint_times VALUES (NEW.log_position, clock_timestamp());
    RETURN NEW;
  END $$;
  CREATE TRIGGER bench_checkpoint_time AFTER INSERT OR UPDATE ON projector_checkpoints
    FOR EACH ROW WHEN (NEW.projection = '${PROJECTION}') EXECUTE FUNCTION bench_checkpoint_time();`;

export type ReadSideResult = { rows: Row[]; relay: ServiceProcess | undefined; projector: ServiceProcess | undefined };

/**
 * Event → report-row lag at a fixed offered load: the relay and the projector run as their own
 * processes, as deployed; the bench appends the pizza place's orders straight to the store at
 * 1,000 events/s and, for every event recorded in the measured window, takes the time from its
 * `recordedAt` (the store's clock) to the commit that put it into the report's rows (the same
 * database's clock).
 */
export const reportLagScenario = async (
  nats: NatsConnection,
  natsUrl: string,
  timing: Timing,
  logDir: string,
): Promise<ReadSideResult> => {
  const database = await createTestDatabase('possier_bench_lag');
  const store = await openPostgresEventStore({ connectionString: database.url, poolSize: 8 });
  const suffix = randomBytes(4).toString('hex');
  const target = {
    databaseUrl: database.url,
    natsUrl,
    stream: `BENCH_LAG_${suffix}`,
    subjectPrefix: `benchlag${suffix}`,
  };
  createdStreams.push(target.stream);
  let relay: ServiceProcess | undefined;
  let projector: ServiceProcess | undefined;
  try {
    await store.pool.query(TIMESTAMP_CHECKPOINTS);
    relay = await startRelayProcess(target, `${logDir}/relay.log`);
    const jsm = await jetstreamManager(nats);
    const started = relay;
    await waitFor(async () => (await jsm.streams.info(target.stream).catch(() => undefined)) !== undefined, started);
    projector = await startProjectorProcess(target, `${logDir}/projector.log`);

    const orders = await pizzaOrders();
    await offerLoad(store, orders, EVENTS_PER_SECOND, performance.now() + timing.warmUpMs);
    await analyze(store.pool);
    const windowStart = new Date();
    const offered = await offerLoad(store, orders, EVENTS_PER_SECOND, performance.now() + timing.durationMs);
    const windowEnd = new Date();

    const head = await lastPosition(store);
    const caughtUp = async () => {
      const { rows } = await store.pool.query<{ log_position: string }>(
        'SELECT log_position FROM projector_checkpoints WHERE projection = $1',
        [PROJECTION],
      );
      return head !== null && (rows[0]?.log_position ?? '') >= head;
    };
    await waitFor(caughtUp, projector, 120_000);

    const lags = await lagsOf(store, windowStart, windowEnd);
    const p99 = percentile(lags, 99);
    const seconds = (windowEnd.getTime() - windowStart.getTime()) / 1000;
    console.error(`event → report row lag: p50 ${percentile(lags, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    return {
      rows: [
        {
          figure: `event → report row, ${EVENTS_PER_SECOND.toLocaleString('en-US')} events/s offered`,
          unit: 'events/s',
          rate: offered / seconds,
          p50: percentile(lags, 50),
          p99,
          target: 'p99 < 100 ms',
          status: p99 < 100 ? 'pass' : 'short',
        },
      ],
      relay,
      projector,
    };
  } finally {
    await projector?.stop();
    await relay?.stop();
    await store.close();
    await database.drop();
  }
};

/**
 * The position of the last event committed, every transaction included: headPosition() stops
 * below any transaction still running (a projector's batch, say), which is right for a reader of
 * the log but would end the wait early here, after every append has been answered. ORDER BY names
 * the table's columns: unqualified, it would sort by the text casts, where '99999' > '100000'.
 */
const lastPosition = async (store: PostgresEventStore): Promise<string | null> => {
  const { rows } = await store.pool.query<{ transaction_id: string; global_position: string }>(
    `SELECT transaction_id::text, global_position::text FROM events
      ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`,
  );
  const last = rows[0];
  return last ? encodeLogPosition(BigInt(last.transaction_id), BigInt(last.global_position)) : null;
};

const waitFor = async (check: () => Promise<boolean>, service: ServiceProcess, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (!service.running()) throw new Error(`${service.name} stopped:\n${service.logTail()}`);
    if (Date.now() > deadline) throw new Error(`${service.name} did not catch up in time:\n${service.logTail()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** For each event recorded in the window, milliseconds from its recording to the first checkpoint at or past it, sorted. */
const lagsOf = async (store: PostgresEventStore, from: Date, to: Date): Promise<number[]> => {
  const { rows: checkpoints } = await store.pool.query<{ log_position: string; at: Date }>(
    'SELECT log_position, at FROM bench_checkpoint_times ORDER BY at',
  );
  const lags: number[] = [];
  let next = 0;
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, limit: 5_000 });
    if (page.length === 0) break;
    for (const event of page) {
      while (next < checkpoints.length && (checkpoints[next]?.log_position ?? '') < event.logPosition) next += 1;
      const recordedAt = Date.parse(event.recordedAt);
      const applied = checkpoints[next];
      if (recordedAt < from.getTime() || recordedAt > to.getTime()) continue;
      if (!applied)
        throw new Error(
          `no checkpoint reached ${event.logPosition}; last ${checkpoints.at(-1)?.log_position} of ${checkpoints.length}`,
        );
      lags.push(applied.at.getTime() - recordedAt);
    }
    after = page.at(-1)?.logPosition;
  }
  return lags.sort((a, b) => a - b);
};
