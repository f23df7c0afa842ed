import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsCheck, postgresCheck } from '@possier/ledger';
import { migrate } from '@possier/prisma';
import { createProjectorMetrics, runProjector } from '@possier/projector';
import { projections } from '@possier/read-models';
import { createRelayMetrics, ledgerStream, runRelay, saveRelayPosition } from '@possier/relay';
import { listenForClientErrors, openPostgresEventStore, ServiceHealth } from '@possier/store';
import pg from 'pg';
import type { Logger } from 'pino';
import { StartError, type Runtime } from './runtime.js';

export type ServerSettings = {
  databaseUrl: string;
  natsUrl: string;
  stream?: string | undefined;
  subjectPrefix?: string | undefined;
  consumer: string;
};

/** The URL without its password, for messages and logs. */
const redacted = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparseable URL';
  }
};

const checkPostgres = async (url: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartError(`PostgreSQL at ${redacted(url)} is unreachable: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
};

const checkNats = async (url: string): Promise<void> => {
  try {
    await natsCheck(url).check();
  } catch (error) {
    throw new StartError(`NATS at ${url} is unreachable: ${(error as Error).message}`);
  }
};

/**
 * Follows the connection's status into `health`: lost or stale (the server stopped answering
 * pings, as a paused one does) is an interruption, a reconnect ends it; each logged once.
 */
const watchConnection = async (nats: NatsConnection, health: ServiceHealth, logger: Logger): Promise<void> => {
  health.running();
  try {
    for await (const status of nats.status()) {
      if (status.type === 'disconnect' || status.type === 'staleConnection') {
        const reason =
          status.type === 'disconnect' ? 'connection to NATS lost' : 'NATS stopped answering pings (stale connection)';
        if (health.interrupted(new Error(reason))) logger.warn(`${reason}; reconnecting`);
      } else if (status.type === 'reconnect') {
        const interruptedForMs = health.elapsedMs();
        if (health.running()) logger.info({ server: status.server, interruptedForMs }, 'NATS connection restored');
      }
    }
  } catch (err) {
    logger.warn({ err }, 'NATS connection status no longer followed');
  }
};

/**
 * PostgreSQL for the store and the read models, the relay publishing to JetStream and the
 * projector consuming from it, in this process. Either server unreachable stops the start.
 */
export const openServerRuntime = async (settings: ServerSettings, logger: Logger): Promise<Runtime> => {
  await checkPostgres(settings.databaseUrl);
  await checkNats(settings.natsUrl);
  const migrations = await migrate(settings.databaseUrl);
  logger.info({ applied: migrations.applied.length, alreadyApplied: migrations.alreadyApplied.length }, 'migrated');
  const store = await openPostgresEventStore({
    connectionString: settings.databaseUrl,
    onError: (err) => logger.error({ err }, 'event store'),
  });
  const readModels = new pg.Pool({ connectionString: settings.databaseUrl, max: 5 });
  readModels.on('error', (err) => logger.error({ err }, 'read-model pool'));
  listenForClientErrors(readModels, (err) => logger.warn({ err }, 'read-model connection lost'));
  const nats = await connect({
    servers: settings.natsUrl,
    name: 'possier',
    maxReconnectAttempts: -1,
    // A server that stops answering (paused, or a dead link) is found within half a minute.
    pingInterval: 10_000,
    maxPingOut: 3,
  });
  const natsHealth = new ServiceHealth('nats');
  void watchConnection(nats, natsHealth, logger.child({ service: 'nats' }));
  const relayHealth = new ServiceHealth('relay');
  const projectorHealth = new ServiceHealth('projector');
  // Served with the ledger's at /metrics: the process's own series come once, from the ledger.
  const relayMetrics = createRelayMetrics({ processMetrics: false });
  const projectorMetrics = createProjectorMetrics({ processMetrics: false });
  const stream = ledgerStream({
    ...(settings.stream === undefined ? {} : { name: settings.stream }),
    ...(settings.subjectPrefix === undefined ? {} : { subjectPrefix: settings.subjectPrefix }),
  });
  return {
    mode: 'server',
    store,
    readModels,
    readiness: [postgresCheck(store.pool), natsCheck(settings.natsUrl)],
    services: [
      { health: natsHealth },
      { health: relayHealth, registry: relayMetrics.registry },
      { health: projectorHealth, registry: projectorMetrics.registry },
    ],
    location: `${redacted(settings.databaseUrl)} and ${settings.natsUrl}`,
    runReadSide: async (signal) => {
      await Promise.all([
        runRelay(
          {
            store,
            nats,
            stream,
            logger: logger.child({ service: 'relay' }),
            health: relayHealth,
            onAcked: async (position, recordedAt) => {
              relayMetrics.observeAcked(position, recordedAt);
              await saveRelayPosition(store.pool, 'ledger', position);
            },
          },
          signal,
        ),
        runProjector(
          {
            pool: store.pool,
            store,
            nats,
            stream: stream.config.name,
            consumer: settings.consumer,
            projections: Object.values(projections),
            logger: logger.child({ service: 'projector' }),
            health: projectorHealth,
            onBatch: (position, recordedAt, applied, skipped) =>
              projectorMetrics.observeBatch(position, recordedAt, applied, skipped),
          },
          signal,
        ),
      ]);
    },
    close: async () => {
      await nats.drain().catch(() => undefined);
      await readModels.end();
      await store.close();
    },
  };
};
