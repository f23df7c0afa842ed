import type { Check, LedgerAppOptions } from '@possier/ledger';
import type { PrismaClient } from '@possier/prisma/client';
import type { PostgresEventStore } from '@possier/store';
import type pg from 'pg';

export type Mode = 'embedded' | 'server';

/**
 * What `possier start` runs the ledger on: the same ports over PostgreSQL + NATS or over PGlite
 * with the projector fed in-process. Nothing after opening a runtime asks which mode it is in.
 */
export type Runtime = {
  mode: Mode;
  store: PostgresEventStore;
  /** The read models' database, for the reports and the ops status. */
  readModels: pg.Pool;
  /** The reports' Prisma client when it cannot be built over `readModels`. */
  reportsPrisma?: PrismaClient;
  readiness: Check[];
  /** What runs beside the ledger in this process, for `/health/ready` and `/metrics`. */
  services: NonNullable<LedgerAppOptions['services']>;
  /** Where the data lives, for the start-up banner. */
  location: string;
  /** Moves events to the read models until the signal aborts. */
  runReadSide(signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
};

/** A dependency `possier start` cannot run without is missing; the message says which and where. */
export class StartError extends Error {
  override readonly name = 'StartError';
}
