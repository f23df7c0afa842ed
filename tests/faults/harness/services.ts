import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChildService } from './child-service.js';

const servicesDir = (name: string) => fileURLToPath(new URL(`../../../services/${name}/`, import.meta.url));

export type RunNames = {
  databaseUrl: string;
  natsUrl: string;
  /** This run's own JetStream stream, subject prefix and consumer: runs never share them. */
  stream: string;
  subjectPrefix: string;
  consumer: string;
  relay: string;
};

/**
 * The relay and the projector log little at info (starts, interruptions, recoveries), which is
 * what explains a stuck run; the ledger logs at warn unless told otherwise.
 */
const childLogLevel = (otherwise = 'warn') => process.env.FAULTS_CHILD_LOG_LEVEL ?? otherwise;

/**
 * `jwtSecret`: the key the in-process ledger harness signs with, so its tokens pass the child ledger
 * too; `customerKek`: the harness ledger's, so both read the customers' keys on the shared database.
 */
export const ledgerService = (names: RunNames, port: number, jwtSecret: string, customerKek: string): ChildService =>
  new ChildService({
    name: 'ledger',
    entry: 'src/main.ts',
    cwd: servicesDir('ledger'),
    env: {
      DATABASE_URL: names.databaseUrl,
      NATS_URL: names.natsUrl,
      PORT: String(port),
      POSSIER_JWT_SECRET: jwtSecret,
      POSSIER_CUSTOMER_KEK: customerKek,
      LOG_LEVEL: childLogLevel(),
    },
    ready: async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).ok,
    supervised: true,
  });

/**
 * `possier start` on PostgreSQL + NATS: the ledger, the relay and the projector in one process,
 * as a small restaurant group runs it. A kill of any of the three is a kill of this one.
 */
export const combinedService = (
  names: RunNames,
  port: number,
  secrets: { jwtSecret: string; customerKek: string; dataDir: string },
): ChildService =>
  new ChildService({
    name: 'possier',
    entry: 'src/main.ts',
    cwd: servicesDir('cli'),
    args: ['start', '--no-demo', '--port', String(port)],
    env: {
      DATABASE_URL: names.databaseUrl,
      NATS_URL: names.natsUrl,
      LEDGER_STREAM: names.stream,
      LEDGER_SUBJECT_PREFIX: names.subjectPrefix,
      PROJECTOR_CONSUMER: names.consumer,
      POSSIER_JWT_SECRET: secrets.jwtSecret,
      POSSIER_CUSTOMER_KEK: secrets.customerKek,
      POSSIER_DATA_DIR: secrets.dataDir,
      // What bin/possier.js gives tsx: the CLI's NestJS decorators, whatever tsx would pick here.
      TSX_TSCONFIG_PATH: join(servicesDir('cli'), 'tsconfig.run.json'),
      LOG_LEVEL: childLogLevel('info'),
    },
    ready: async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).ok,
    supervised: true,
  });

export const relayService = (names: RunNames): ChildService =>
  new ChildService({
    name: 'relay',
    entry: 'src/main.ts',
    cwd: servicesDir('relay'),
    env: {
      DATABASE_URL: names.databaseUrl,
      NATS_URL: names.natsUrl,
      LEDGER_STREAM: names.stream,
      LEDGER_SUBJECT_PREFIX: names.subjectPrefix,
      RELAY_NAME: names.relay,
      RELAY_METRICS_PORT: '0',
      LOG_LEVEL: childLogLevel('info'),
    },
    supervised: true,
  });

export const projectorService = (names: RunNames): ChildService =>
  new ChildService({
    name: 'projector',
    entry: 'src/main.ts',
    cwd: servicesDir('projector'),
    env: {
      DATABASE_URL: names.databaseUrl,
      NATS_URL: names.natsUrl,
      LEDGER_STREAM: names.stream,
      PROJECTOR_CONSUMER: names.consumer,
      PROJECTOR_METRICS_PORT: '0',
      LOG_LEVEL: childLogLevel('info'),
    },
    supervised: true,
  });

/** A till selling a seeded run of sales through its outbox and syncing as it goes (the register's crash worker). */
export const registerService = (
  name: string,
  args: {
    dataDir: string;
    ledgerUrl: string;
    token: string;
    seed: string;
    total: number;
    menu: Menu;
    /** Void an earlier sale after every this many (crash-worker.ts), racing the web's refunds. */
    voidEvery?: number;
  },
  onLine: (line: string) => void,
): ChildService =>
  new ChildService({
    name,
    entry: 'src/testing/crash-worker.ts',
    cwd: servicesDir('register'),
    env: {},
    args: [
      args.dataDir,
      args.ledgerUrl,
      args.token,
      args.seed,
      String(args.total),
      args.menu.pizza,
      args.menu.cheese,
      args.menu.cola,
      ...(args.voidEvery === undefined ? [] : [String(args.voidEvery)]),
    ],
    onLine,
  });

export type Menu = { pizza: string; cheese: string; cola: string };
