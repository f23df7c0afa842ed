import type { ReportName, ReportOf, ReportQueryOf } from '@possier/events';

/**
 * Runs one SQL statement with positional parameters (`$1`, `$2`, …) and resolves to its rows.
 * The caller owns the transaction and the tenant row-level security is set to. Every report
 * query selects each column as text, so its rows read the same whichever driver runs it (int8,
 * `date` and `timestamptz` would otherwise arrive as BigInt, Date or string by driver).
 */
export type ReadModelQuery = <Row extends object>(sql: string, params: ReadonlyArray<unknown>) => Promise<Row[]>;

/** Whose rows a report reads (the tenant its transaction is set to) and exactly which stores. */
export type ReportScope = { orgId: string; storeIds: string[] };

/**
 * One report over the read models: given a query executor inside a tenant transaction and the
 * stores it covers, the parsed query → the report as the contract shapes it.
 */
export type ReportQuery<Name extends ReportName> = (
  read: ReadModelQuery,
  scope: ReportScope,
  query: ReportQueryOf<Name>,
) => Promise<ReportOf<Name>>;

/**
 * The one row of an aggregate without GROUP BY. PostgreSQL answers it even over no rows (its sums
 * null), so the empty object stands only for a driver that would answer none.
 */
export const readTotals = async <Row extends object>(
  read: ReadModelQuery,
  sql: string,
  params: ReadonlyArray<unknown>,
): Promise<Partial<Row>> => (await read<Row>(sql, params))[0] ?? {};
