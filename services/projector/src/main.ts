import { connect } from '@nats-io/transport-node';
import { projections } from '@possier/read-models';
import { openPostgresEventStore, serveOperations, ServiceHealth } from '@possier/store';
import { pino } from 'pino';
import { loadProjectorConfig } from './config.js';
import { createProjectorMetrics } from './metrics.js';
import { runProjector } from './projector.js';

const config = loadProjectorConfig();
const logger = pino({ name: 'possier-projector', level: config.LOG_LEVEL });
const store = await openPostgresEventStore({
  connectionString: config.DATABASE_URL,
  poolSize: 4,
  onError: (err) => logger.error({ err }, 'event store'),
});
const nats = await connect({
  servers: config.NATS_URL,
  name: `possier-projector-${config.PROJECTOR_CONSUMER}`,
  maxReconnectAttempts: -1,
});
const health = new ServiceHealth('projector');
const metrics = createProjectorMetrics({ health });
// /metrics, /health/live and /health/ready (503 while the projector is interrupted).
const metricsServer = await serveOperations(
  metrics.registry,
  health,
  config.PROJECTOR_METRICS_PORT,
  config.PROJECTOR_METRICS_HOST,
);
logger.info(
  { metrics: `http://${config.PROJECTOR_METRICS_HOST}:${config.PROJECTOR_METRICS_PORT}/metrics` },
  'metrics served',
);
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

await runProjector(
  {
    pool: store.pool,
    store,
    nats,
    stream: config.LEDGER_STREAM,
    consumer: config.PROJECTOR_CONSUMER,
    projections: Object.values(projections),
    logger,
    health,
    onBatch: (position, recordedAt, applied, skipped) => metrics.observeBatch(position, recordedAt, applied, skipped),
  },
  stop.signal,
);
metricsServer.close();
await nats.drain();
await store.close();
logger.info('projector stopped');
