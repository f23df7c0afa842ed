import { listenForClientErrors, openPostgresEventStore, postgresAuditLog } from '@possier/store';
import pg from 'pg';
import { openCustomerKeyring } from './customers/customer-key-rewrap.js';
import { postgresRegisterSyncLog } from './offline/register-sync.js';
import { postgresStockLevels } from './offline/stock-levels.js';
import { pino } from 'pino';
import { createLedgerApp } from './app.js';
import { AuditContext, fileAuditKeyring } from './audit/index.js';
import { createTokenService } from './auth/tokens.js';
import { ConfigError, loadConfig, type LedgerConfig } from './config.js';
import { natsCheck, postgresCheck } from './observability/readiness.js';

let config: LedgerConfig;
try {
  config = loadConfig();
} catch (error) {
  // The variable and the rule it broke, without a stack trace an operator has to read past.
  if (!(error instanceof ConfigError)) throw error;
  console.error(`possier-ledger: ${error.message}`);
  process.exit(1);
}
const logger = pino({
  name: 'possier-ledger',
  level: config.LOG_LEVEL,
  // Tokens and card data never reach the log.
  redact: ['req.headers.authorization', 'headers.authorization', '*.reference'],
});

const store = await openPostgresEventStore({
  connectionString: config.DATABASE_URL,
  onError: (err) => logger.error({ err }, 'event store'),
});
const readModels = new pg.Pool({ connectionString: config.REPORTS_DATABASE_URL ?? config.DATABASE_URL, max: 5 });
readModels.on('error', (err) => logger.error({ err }, 'read-model pool'));
listenForClientErrors(readModels, (err) => logger.warn({ err }, 'read-model connection lost'));
// Before the first request: no customer key is left in clear in the database.
const customerKeys = await openCustomerKeyring(store.pool, config.customerKeks, logger);
const app = await createLedgerApp({
  store,
  readModels,
  tokens: createTokenService(config.POSSIER_JWT_SECRET, config.POSSIER_JWT_ISSUER),
  audit: new AuditContext(postgresAuditLog(store.pool), fileAuditKeyring(config.POSSIER_AUDIT_KEY_DIR)),
  stockLevels: postgresStockLevels(store.pool),
  registerSync: postgresRegisterSyncLog(store.pool),
  customerKeys,
  logger,
  readiness: [postgresCheck(store.pool), natsCheck(config.NATS_URL)],
  commandRetries: config.COMMAND_RETRIES,
  dashboardDir: config.DASHBOARD_DIR,
});
await app.listen(config.PORT, config.HOST);
logger.info({ url: `http://${config.HOST}:${config.PORT}`, docs: '/docs', metrics: '/metrics' }, 'ledger listening');

const shutdown = async (signal: string) => {
  logger.info({ signal }, 'shutting down');
  await app.close();
  await readModels.end();
  await store.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
