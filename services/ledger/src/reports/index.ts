import type { ReportName } from '@possier/events';
import { runReportQuery, type ReportScope } from '@possier/read-models';
import type { PrismaClient } from '@possier/prisma/client';
import { readAsTenant, readModelQueryOf } from './tenant-read.js';

/**
 * Runs report `name` (its query already parsed by the report's own schema) over the read models,
 * in a transaction whose tenant is the scope's org. The query itself lives in read-models.
 */
export const readReport = (
  prisma: PrismaClient,
  name: ReportName,
  scope: ReportScope,
  query: unknown,
): Promise<unknown> =>
  readAsTenant(prisma, scope.orgId, (tx) => runReportQuery(name, readModelQueryOf(tx), scope, query));

export * from './report-scope.js';
export * from './tenant-read.js';
