import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mintUuidV7, withOffset, type ClockPolicy } from '@possier/events';
import { createTestDatabase, type TestDatabase } from '@possier/prisma';
import { openPostgresEventStore, postgresAuditLog, type PostgresEventStore } from '@possier/store';
import pg from 'pg';
import { parseCustomerKeks, generateCustomerKek } from '../customers/customer-keks.js';
import { openCustomerKeyring } from '../customers/customer-key-rewrap.js';
import { postgresRegisterSyncLog } from '../offline/register-sync.js';
import { postgresStockLevels } from '../offline/stock-levels.js';
import { pino } from 'pino';
import { createLedgerApp } from '../app.js';
import { AuditContext, fileAuditKeyring } from '../audit/index.js';
import type { Clock } from '../clock-settings.js';
import { createTokenService, type TokenClaims, type TokenService } from '../auth/tokens.js';
import type { RateLimitSettings } from '../http/request-limits.js';
import { servedRoutes, type ServedRoute } from '../http/route-table.js';
import { generateJwtSecret } from '../jwt-secret.js';
import { natsCheck, postgresCheck } from '../observability/readiness.js';

export const uuidv7 = (): string => mintUuidV7({ msecs: Date.now(), random: randomBytes(16) });

/** Now, as a till in India writes it (`+05:30`): an online command's `occurredAt` a ledger on the system clock accepts. */
export const indiaNow = (): string => withOffset(Date.now(), 330);

/**
 * A ledger that believes every producer's clock. The suites' fixtures are fixed, readable days
 * (2026-11-24) that a ledger on the system clock would refuse online and flag on replay; suites
 * about time give `clock` and `clockPolicy` (the production default is `defaultClockPolicy`).
 */
export const believeEveryClock: ClockPolicy = {
  onlineSkewMs: Number.POSITIVE_INFINITY,
  tillToleranceMs: Number.POSITIVE_INFINITY,
  offlineWindowBackMs: Number.POSITIVE_INFINITY,
  offlineWindowAheadMs: Number.POSITIVE_INFINITY,
};

// A test client reads JSON bodies of every shape the API answers with.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Response = { status: number; body: any; headers: Headers };

/** A ledger on a fresh database, listening on a free port, with helpers to call it as a client would. */
export type Ledger = {
  url: string;
  /** The ledger's own fresh database, for suites that run more services against it. */
  databaseUrl: string;
  store: PostgresEventStore;
  tokens: TokenService;
  /** The key `tokens` signs with, fresh for each ledger, for suites that start more ledgers beside it. */
  jwtSecret: string;
  /**
   * The ledger's `POSSIER_CUSTOMER_KEK` (fresh for each ledger unless given), for suites that start
   * more ledgers beside it or read its customer keys.
   */
  customerKek: string;
  /** Where the ledger keeps the orgs' private audit keys (`<dir>/<orgId>/<keyId>.pem`). */
  auditKeyDirectory: string;
  token(claims: TokenClaims): Promise<string>;
  /** Every route the ledger serves, as Fastify registered them (HEAD beside a GET left out). */
  routes(): ServedRoute[];
  post(path: string, token: string | undefined, body: unknown): Promise<Response>;
  /** A GET, with a bearer token when given (the reports). */
  get(path: string, token?: string): Promise<Response>;
  /** Sends a command with a fresh commandId, now as occurredAt. */
  command(path: string, token: string, data: unknown): Promise<Response>;
  close(): Promise<void>;
};

/**
 * `dashboardDir`: a built dashboard for the ledger to serve at `/dashboard/`, as in production;
 * `postgresServer`: the server (an admin connection string) to create the database on, and
 * `natsUrl` the NATS server readiness checks, when not the machine's usual ones; `rateLimits`
 * in place of the environment's; `beside`: another ledger whose database and token key this one
 * shares, as a second instance behind one load balancer (its database is left to that ledger);
 * `customerKek`: the `POSSIER_CUSTOMER_KEK` value to serve with (by default `beside`'s, else fresh);
 * `clock` and `clockPolicy` for the ledger's time (by default the system's, believing every clock).
 */
export const startLedger = async (
  options: {
    dashboardDir?: string;
    postgresServer?: string;
    natsUrl?: string;
    rateLimits?: RateLimitSettings;
    beside?: Ledger;
    customerKek?: string;
    clock?: Clock;
    clockPolicy?: ClockPolicy;
  } = {},
): Promise<Ledger> => {
  const database: TestDatabase = options.beside
    ? { url: options.beside.databaseUrl, name: '', drop: async () => undefined }
    : await createTestDatabase('possier_ledger', options.postgresServer);
  const store: PostgresEventStore = await openPostgresEventStore({ connectionString: database.url });
  const readModels = new pg.Pool({ connectionString: database.url, max: 4 });
  const jwtSecret = options.beside?.jwtSecret ?? generateJwtSecret();
  const tokens = createTokenService(jwtSecret, 'possier-ledger');
  const customerKek = options.customerKek ?? options.beside?.customerKek ?? generateCustomerKek();
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  const customerKeys = await openCustomerKeyring(
    store.pool,
    parseCustomerKeks(customerKek, 'POSSIER_CUSTOMER_KEK'),
    logger,
  );
  const auditKeyDirectory = await mkdtemp(join(tmpdir(), 'possier-audit-keys-'));
  const app: NestFastifyApplication = await createLedgerApp({
    store,
    readModels,
    tokens,
    audit: new AuditContext(postgresAuditLog(store.pool), fileAuditKeyring(auditKeyDirectory)),
    stockLevels: postgresStockLevels(store.pool),
    registerSync: postgresRegisterSyncLog(store.pool),
    customerKeys,
    logger,
    readiness: [
      postgresCheck(store.pool),
      natsCheck(options.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222'),
    ],
    dashboardDir: options.dashboardDir,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    clockPolicy: options.clockPolicy ?? believeEveryClock,
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;

  const send = async (method: string, path: string, token: string | undefined, body?: unknown): Promise<Response> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // metrics and other text bodies stay text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  return {
    url,
    databaseUrl: database.url,
    store,
    tokens,
    jwtSecret,
    customerKek,
    auditKeyDirectory,
    token: (claims) => tokens.sign(claims),
    routes: () => servedRoutes(app.getHttpAdapter().getInstance()),
    post: (path, token, body) => send('POST', path, token, body),
    get: (path, token) => send('GET', path, token),
    command: (path, token, data) =>
      send('POST', path, token, { commandId: uuidv7(), occurredAt: '2026-11-24T13:05:00+05:30', data }),
    close: async () => {
      await app.close();
      await readModels.end();
      await store.close();
      await database.drop();
      await rm(auditKeyDirectory, { recursive: true, force: true });
    },
  };
};
