import { randomUUID } from 'node:crypto';
import { isExpectedVersionConflictError, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { openPostgresEventStore } from '@possier/store';
import pg from 'pg';
import { runFor, type Timing } from '../measure.js';
import { batchOf, orderPlacedData } from '../payload.js';
import { against, measured, type Row } from '../report.js';
import { analyze } from '../statistics.js';

const WRITERS = 16;
const CHECKOUT_EVENTS = 6;

/**
 * The commit-rate limit of this machine from this Node client: one single-row INSERT per
 * transaction (autocommit), each client on its own connection.
 */
export const rawInserts = async (url: string, timing: Timing, clients: number): Promise<Row> => {
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  try {
    await connections[0]?.query('CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, data jsonb NOT NULL)');
    const m = await runFor(timing, clients, (worker, n) =>
      (connections[worker] as pg.Client).query('INSERT INTO bench_raw (data) VALUES ($1)', [
        JSON.stringify(orderPlacedData(n)),
      ]),
    );
    return measured(`raw INSERT, ${clients} client${clients === 1 ? '' : 's'}`, 'commits/s', m);
  } finally {
    await Promise.all(connections.map((client) => client.end()));
  }
};

export const appendScenarios = async (url: string, timing: Timing): Promise<Row[]> => {
  const raw1 = await rawInserts(url, timing, 1);
  const raw16 = await rawInserts(url, timing, WRITERS);
  const rows: Row[] = [raw1, raw16];

  const store = await openPostgresEventStore({ connectionString: url, poolSize: WRITERS + 4 });
  const ours = async (writers: number, events: number) =>
    measured(
      `possier append ${events} ev, ${writers} writer${writers === 1 ? '' : 's'}`,
      'appends/s',
      await runFor(
        timing,
        writers,
        (_, n) => {
          const streamId = `bench-${randomUUID()}`;
          const batch = batchOf(streamId, events, n);
          return store.append({ orgId: batch[0]?.orgId as string, streamId }, 'no_stream', batch);
        },
        () => analyze(store.pool),
      ),
    );
  let ours1: Row, ours16: Row, ours16x6: Row;
  try {
    ours1 = against(await ours(1, 1), raw1);
    ours16 = against(await ours(WRITERS, 1), raw16, 1.0);
    ours16x6 = against(await ours(WRITERS, CHECKOUT_EVENTS), raw16);
  } finally {
    await store.close();
  }
  rows.push(ours1, ours16, ours16x6);
  rows.push(...(await emmettScenarios(url, timing, [ours1, ours16, ours16x6])));
  return rows;
};

/** The peer: Emmett's PostgreSQL event store, the same events and writers, on a pool as large as ours. */
const emmettScenarios = async (url: string, timing: Timing, ours: Row[]): Promise<Row[]> => {
  const workloads: Array<[writers: number, events: number]> = [
    [1, 1],
    [WRITERS, 1],
    [WRITERS, CHECKOUT_EVENTS],
  ];
  const pool = new pg.Pool({ connectionString: url, max: WRITERS + 4 });
  const rows: Row[] = [];
  try {
    const emmett = getPostgreSQLEventStore(url, { connectionOptions: { pool: pool as never } });
    try {
      for (const [index, [writers, events]] of workloads.entries()) {
        const m = await runFor(
          timing,
          writers,
          async (_, n) => {
            const streamId = `bench-${randomUUID()}`;
            try {
              await emmett.appendToStream(
                streamId,
                batchOf(streamId, events, n).map((event) => ({
                  type: event.type,
                  data: event.data as Record<string, unknown>,
                })),
                { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
              );
            } catch (error) {
              if (isExpectedVersionConflictError(error)) throw new Error(`emmett refused a fresh stream ${streamId}`);
              throw error;
            }
          },
          () => analyze(pool),
        );
        const peer = measured(
          `emmett append ${events} ev, ${writers} writer${writers === 1 ? '' : 's'}`,
          'appends/s',
          m,
        );
        rows.push(peer);
        const own = ours[index];
        if (own) {
          const { ratio, baseline, target, status } = against(own, peer, 2);
          rows.push({
            figure: `  possier / emmett, ${events} ev, ${writers} w`,
            unit: '',
            ratio,
            baseline,
            target,
            status,
          });
        }
      }
    } finally {
      await emmett.close();
    }
  } catch (error) {
    rows.push({
      figure: 'emmett append',
      unit: '',
      note: `could not run: ${error instanceof Error ? error.message : String(error)}`.slice(0, 120),
    });
  } finally {
    await pool.end().catch(() => undefined);
  }
  return rows;
};
