import { Prisma, type PrismaClient } from '@possier/prisma/client';
import type { ReadModelQuery } from '@possier/read-models';

export type ReadTransaction = Prisma.TransactionClient;

/**
 * Runs `read` in a read-only transaction as the non-owner role `possier_app`, with the tenant set
 * to `orgId`. Row-level security then holds whatever role the pool connects as (the tests connect
 * as a superuser, which would otherwise bypass it): a query that forgot its org filter still sees
 * one org. The connecting role must be `possier_app` or a member of it.
 *
 * `set_config(…, true)` rather than `SET LOCAL`, which cannot take a parameter; both end with the
 * transaction, so a pooled connection never carries one tenant into the next request.
 */
export const readAsTenant = <T>(
  prisma: PrismaClient,
  orgId: string,
  read: (tx: ReadTransaction) => Promise<T>,
): Promise<T> =>
  prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      await tx.$executeRaw`SET LOCAL ROLE possier_app`;
      await tx.$executeRaw`SET LOCAL statement_timeout = '20s'`;
      await tx.$queryRaw`SELECT set_config('app.org_id', ${orgId}, true)`;
      return read(tx);
    },
    // Repeatable read: a report's rows and its totals come from one snapshot, even while the
    // projector commits.
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 10_000, timeout: 30_000 },
  );

/** The read models' query executor over a tenant transaction: the report queries run inside it. */
export const readModelQueryOf =
  (tx: ReadTransaction): ReadModelQuery =>
  <Row extends object>(sql: string, params: ReadonlyArray<unknown>) =>
    tx.$queryRawUnsafe<Row[]>(sql, ...params);
