import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { runProjector } from '@possier/projector';
import { projections, type Projection } from '@possier/read-models';
import { ledgerStream, runRelay, saveRelayPosition } from '@possier/relay';
import { encodeLogPosition } from '@possier/store';
import { pino } from 'pino';
import type { Ledger } from './ledger-harness.js';

/**
 * The projections the reports read, and rm_stores for the store time zones they date by. The
 * names of whoever sealed a date (rm_users, rm_registers) come from `tenancy`, which a test adds
 * when it reads them.
 */
export const REPORT_PROJECTIONS = [
  'stores',
  'sales_by_hour',
  'item_sales',
  'payment_mix',
  'gst_summary',
  'stock_on_hand',
  'stock_items',
  'stock_movements',
  'offline_conflicts',
  'shifts',
  'day_seals',
  'receivables',
  'statement_entries',
  'customer_sales',
  'loyalty',
  'orders',
  'tabs',
  'loyalty_days',
] as const;

export type ReadSide = {
  /** Waits until the relay and every projection have reached the log's head as it is now. */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

/** The newest position of the log, encoded as checkpoints hold it; null for an empty log. */
const headOf = async (ledger: Ledger): Promise<string | null> => {
  const { rows } = await ledger.store.pool.query<{ transaction_id: string; global_position: string }>(
    `SELECT transaction_id::text, global_position::text FROM events
      ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`,
  );
  const head = rows[0];
  return head ? encodeLogPosition(BigInt(head.transaction_id), BigInt(head.global_position)) : null;
};

/**
 * The relay and a projector running in-process against the ledger's database, on a JetStream
 * stream of their own (so parallel suites never share one): commands sent to the ledger reach
 * the read models as in production. The relay records its position as relay `ledger`, for
 * `possier status`. Stopping deletes the stream.
 */
export const startReadSide = async (
  ledger: Ledger,
  names: ReadonlyArray<string> = REPORT_PROJECTIONS,
): Promise<ReadSide> => {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  const selected = names.map((name): Projection => {
    const projection = projections[name];
    if (!projection) throw new Error(`no projection named ${name}`);
    return projection;
  });
  const nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  const suffix = randomBytes(4).toString('hex');
  const stream = ledgerStream({ name: `LEDGER_TEST_${suffix}`, subjectPrefix: `ledgertest${suffix}` });
  const stop = new AbortController();
  const relay = runRelay(
    {
      store: ledger.store,
      nats,
      stream,
      logger,
      retryDelayMs: 100,
      onAcked: (position) => saveRelayPosition(ledger.store.pool, 'ledger', position),
    },
    stop.signal,
  );
  const projector = runProjector(
    {
      pool: ledger.store.pool,
      store: ledger.store,
      nats,
      stream: stream.config.name,
      consumer: 'test-projector',
      projections: selected,
      logger,
      batchSize: 100,
      retryDelayMs: 100,
    },
    stop.signal,
  );
  return {
    settle: async (timeoutMs) => {
      const head = await headOf(ledger);
      await eventually(async () => {
        const { rows } = await ledger.store.pool.query<{ name: string; log_position: string }>(
          `SELECT projection AS name, log_position FROM projector_checkpoints WHERE projection = ANY($1::text[])
           UNION ALL SELECT 'relay', log_position FROM relay_checkpoints WHERE relay = 'ledger'`,
          [selected.map((projection) => projection.name)],
        );
        const behind = rows.filter((row) => row.log_position !== head).map((row) => row.name);
        if (rows.length !== selected.length + 1 || behind.length > 0)
          throw new Error(`not caught up with ${head}: ${rows.length} checkpoints, behind: ${behind.join(', ')}`);
      }, timeoutMs);
    },
    stop: async () => {
      stop.abort();
      await Promise.all([relay, projector]);
      await jetstreamManager(nats)
        .then((jsm) => jsm.streams.delete(stream.config.name))
        .catch(() => undefined);
      await nats.close();
    },
  };
};

/**
 * Polls `check` until it passes, rethrowing its last failure after the deadline: waits for the
 * read side to catch up without ever asserting on how long that took.
 */
export const eventually = async (check: () => Promise<void>, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};
