import { connect } from '@nats-io/transport-node';
import { natsCheck, postgresCheck } from '@possier/ledger';
import { migrate } from '@possier/prisma';
import { runProjector } from '@possier/projector';
import { projections } from '@possier/read-models';
import { ledgerStream, runRelay, saveRelayPosition } from '@possier/relay';
import { listenForClientErrors, openPostgresEventStore } from '@possier/store';
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
  const nats = await connect({ servers: settings.natsUrl, name: 'possier', maxReconnectAttempts: -1 });
  const stream = ledgerStream({
    ...(settings.stream === undefined ? {} : { name: settings.stream }),
    ...(settings.subjectPrefix === undefined ? {} : { subjectPrefix: settings.subjectPrefix }),
  });
  return {
    mode: 'server',
    store,
    readModels,
    readiness: [postgresCheck(store.pool), natsCheck(settings.natsUrl)],
    location: `${redacted(settings.databaseUrl)} and ${settings.natsUrl}`,
    runReadSide: async (signal) => {
      await Promise.all([
        runRelay(
          {
            store,
            nats,
            stream,
            logger: logger.child({ service: 'relay' }),
            onAcked: (position) => saveRelayPosition(store.pool, 'ledger', position),
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
