import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AuditContext,
  createLedgerApp,
  createTokenService,
  fileAuditKeyring,
  openCustomerKeyring,
  postgresRegisterSyncLog,
  postgresStockLevels,
} from '@possier/ledger';
import { LEDGER_URL_FILE } from '@possier/register/ledger-url';
import { postgresAuditLog } from '@possier/store';
import { Command, Option } from 'commander';
import { pino } from 'pino';
import { DemoSeedError } from './demo/demo-api.js';
import { seedDemo } from './demo/seed-demo.js';
import { openEmbeddedRuntime } from './embedded-runtime.js';
import { customerKeks, signingSecret } from './local-secrets.js';
import { StartError, type Runtime } from './runtime.js';
import { openServerRuntime } from './server-runtime.js';

type StartOptions = { port: number; host: string; dataDir: string; demo: boolean };

const ISSUER = 'possier-ledger';
/** The workspace's built dashboard (`npm run build -w @possier/dashboard`), unless DASHBOARD_DIR names another. */
const DASHBOARD_DIR =
  process.env.DASHBOARD_DIR ?? fileURLToPath(new URL('../../../../dashboard/dist', import.meta.url));

const start = async (options: StartOptions): Promise<void> => {
  const logger = pino({ name: 'possier', level: process.env.LOG_LEVEL ?? 'info' });
  const databaseUrl = process.env.DATABASE_URL;
  const dataDir = resolve(options.dataDir);
  logger.info(
    { mode: databaseUrl ? 'server' : 'embedded' },
    databaseUrl
      ? 'possier starting in server mode: PostgreSQL and NATS'
      : `possier starting in embedded mode: PGlite in ${dataDir}, projectors fed in-process`,
  );
  await mkdir(dataDir, { recursive: true });
  // Before any data is opened or migrated: a weak key stops the start, not the first request.
  const secret = await signingSecret(dataDir, process.env.POSSIER_JWT_SECRET);
  const keks = await customerKeks(dataDir, databaseUrl ? 'server' : 'embedded');

  let runtime: Runtime;
  try {
    runtime = databaseUrl
      ? await openServerRuntime(
          {
            databaseUrl,
            natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
            stream: process.env.LEDGER_STREAM,
            subjectPrefix: process.env.LEDGER_SUBJECT_PREFIX,
            consumer: process.env.PROJECTOR_CONSUMER ?? 'projector',
          },
          logger,
        )
      : await openEmbeddedRuntime(dataDir, logger);
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    logger.fatal(error.message);
    process.exitCode = 1;
    return;
  }

  const tokens = createTokenService(secret, ISSUER);
  const ledgerLogger = logger.child({ service: 'ledger' });
  let demoReady = !options.demo;
  const app = await createLedgerApp({
    store: runtime.store,
    readModels: runtime.readModels,
    ...(runtime.reportsPrisma ? { reportsPrisma: runtime.reportsPrisma } : {}),
    tokens,
    audit: new AuditContext(
      postgresAuditLog(runtime.store.pool),
      fileAuditKeyring(process.env.POSSIER_AUDIT_KEY_DIR ?? join(dataDir, 'audit-keys')),
    ),
    stockLevels: postgresStockLevels(runtime.store.pool),
    registerSync: postgresRegisterSyncLog(runtime.store.pool),
    customerKeys: await openCustomerKeyring(runtime.store.pool, keks, ledgerLogger),
    logger: ledgerLogger,
    dashboardDir: DASHBOARD_DIR,
    services: runtime.services,
    readiness: [
      ...runtime.readiness,
      {
        name: 'demo',
        check: async () => {
          if (!demoReady) throw new Error('the demo tenant is still being seeded');
        },
      },
    ],
  });
  await app.listen(options.port, options.host);
  const url = `http://${options.host}:${options.port}`;
  // Every possier command run beside this data folder talks to this ledger, whatever its port.
  await writeFile(join(dataDir, LEDGER_URL_FILE), `${url}\n`);

  const stopReadSide = new AbortController();
  const readSide = runtime.runReadSide(stopReadSide.signal).catch((err: unknown) => {
    logger.error({ err }, 'read side stopped');
  });

  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stopReadSide.abort();
    await app.close();
    await readSide;
    await runtime.close();
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  let banner: string | undefined;
  if (options.demo) {
    // Seeding sends hundreds of requests; their log lines would bury what start prints at the end.
    const level = ledgerLogger.level;
    ledgerLogger.level = 'warn';
    try {
      banner = (await seedDemo({ url, tokens, store: runtime.store, dataDir, logger })).banner;
    } catch (error) {
      if (error instanceof DemoSeedError) logger.fatal(error.message);
      else logger.fatal({ err: error }, 'seeding the demo tenant failed');
      await shutdown('demo seeding failed', 1);
      return;
    } finally {
      ledgerLogger.level = level;
    }
    demoReady = true;
  }
  process.stdout.write(
    [
      `Possier is up (${runtime.mode} mode, data in ${runtime.location}):`,
      `  API        ${url}`,
      `  API docs   ${url}/docs`,
      existsSync(join(DASHBOARD_DIR, 'index.html'))
        ? `  dashboard  ${url}/dashboard/`
        : '  dashboard  not built (npm run build -w @possier/dashboard)',
      `  metrics    ${url}/metrics`,
      `  ready      ${url}/health/ready`,
      '',
    ].join('\n'),
  );
  logger.info(
    {
      mode: runtime.mode,
      data: runtime.location,
      api: url,
      docs: `${url}/docs`,
      metrics: `${url}/metrics`,
      ready: `${url}/health/ready`,
    },
    'possier is up',
  );
  // Last, so the tokens are what the terminal shows.
  if (banner !== undefined) process.stdout.write(`${banner}\n`);
};

export const startCommand = (): Command =>
  new Command('start')
    .description(
      'Run the ledger, its read side and a demo tenant: on PostgreSQL + NATS when DATABASE_URL is set, else embedded (PGlite)',
    )
    .addOption(new Option('--port <port>', 'API port').env('PORT').default(3000).argParser(Number))
    .addOption(new Option('--host <host>', 'API host').env('HOST').default('127.0.0.1'))
    .addOption(
      new Option(
        '--data-dir <dir>',
        'where embedded data, the signing key, the customer key-encryption key and the demo register live',
      )
        .env('POSSIER_DATA_DIR')
        .default('.possier'),
    )
    .option('--no-demo', 'do not seed the demo tenant')
    .action((options: StartOptions) => start(options));
