import { PrismaPg } from '@prisma/adapter-pg';
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
