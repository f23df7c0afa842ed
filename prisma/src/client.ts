import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type pg from 'pg';
import { PrismaClient } from './generated/client/client.js';

export * from './generated/client/client.js';

/**
 * A Prisma client over `pg` through `@prisma/adapter-pg`: no native query engine, nothing to
 * download. Pass a `pg.Pool` to share one pool with raw-SQL code (the pool is then yours to end);
 * otherwise the adapter makes its own, ended by `$disconnect()`. The client exists only after
 * `npm run generate -w @possier/prisma` (run by the root postinstall).
 */
export const createPrismaClient = (connection: string | pg.Pool): PrismaClient =>
  new PrismaClient({
    adapter: new PrismaPg(typeof connection === 'string' ? { connectionString: connection } : connection),
  });

/** A Prisma client over an embedded PGlite database (see `openPgliteDatabase`), which stays the caller's to close. */
export const createPglitePrismaClient = (db: PGlite): PrismaClient =>
  // The adapter's types come from the copy of PGlite it resolves as a peer; it only calls the
  // database's public query and transaction methods, which every 0.x release has.
  new PrismaClient({ adapter: new PrismaPGlite(db as never) });
