import { connect } from '@nats-io/transport-node';
import { openPostgresEventStore, serveOperations, ServiceHealth } from '@possier/store';
import { pino } from 'pino';
import { z } from 'zod';
import { saveRelayPosition } from './checkpoint.js';
import { createRelayMetrics } from './metrics.js';
import { runRelay } from './relay.js';
import { ledgerStream } from './stream-definition.js';

const Config = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// connection string' }),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  RELAY_NAME: z.string().min(1).default('ledger'),
  /** The stream and subject prefix to publish to; infra/nats/ledger-stream.json's by default. */
  LEDGER_STREAM: z.string().min(1).optional(),
  LEDGER_SUBJECT_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/, { message: 'must be NATS subject tokens separated by dots' })
    .optional(),
  RELAY_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9465),
  RELAY_METRICS_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const parsed = Config.safeParse(process.env);
if (!parsed.success) {
  console.error(
    `invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
  );
  process.exit(2);
}
const config = parsed.data;
const logger = pino({ name: 'possier-relay', level: config.LOG_LEVEL });

const store = await openPostgresEventStore({
  connectionString: config.DATABASE_URL,
  poolSize: 3,
  onError: (err) => logger.error({ err }, 'event store'),
});
const nats = await connect({
  servers: config.NATS_URL,
  name: `possier-relay-${config.RELAY_NAME}`,
  maxReconnectAttempts: -1,
  // Otherwise every publish builds two Error objects up front, stack traces included, in case
  // it fails: about a tenth of the relay's time at full speed.
  noAsyncTraces: true,
});
const health = new ServiceHealth('relay');
const metrics = createRelayMetrics({ health });
// /metrics, /health/live and /health/ready (503 while the relay is interrupted).
const metricsServer = await serveOperations(
  metrics.registry,
  health,
  config.RELAY_METRICS_PORT,
  config.RELAY_METRICS_HOST,
);
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

await runRelay(
  {
    store,
    nats,
    stream: ledgerStream({
      ...(config.LEDGER_STREAM === undefined ? {} : { name: config.LEDGER_STREAM }),
      ...(config.LEDGER_SUBJECT_PREFIX === undefined ? {} : { subjectPrefix: config.LEDGER_SUBJECT_PREFIX }),
    }),
    logger,
    health,
    onAcked: async (position, recordedAt) => {
      metrics.observeAcked(position, recordedAt);
      await saveRelayPosition(store.pool, config.RELAY_NAME, position);
    },
  },
  stop.signal,
);
metricsServer.close();
await nats.drain();
await store.close();
logger.info('relay stopped');
