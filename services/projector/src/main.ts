import { connect } from '@nats-io/transport-node';
import { projections } from '@possier/read-models';
import { openPostgresEventStore } from '@possier/store';
import { pino } from 'pino';
import { loadProjectorConfig } from './config.js';
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
  },
  stop.signal,
);
await nats.drain();
await store.close();
logger.info('projector stopped');
