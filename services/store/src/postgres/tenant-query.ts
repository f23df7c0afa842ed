import pg from 'pg';

/** The application role: row-level security holds it to the transaction's tenant, `events` included. */
export const APP_ROLE = 'possier_app';

const arrayElement = (value: unknown): string =>
  value === null || value === undefined ? 'NULL' : `"${String(value).replace(/[\\"]/g, '\\$&')}"`;

/** One parameter as an SQL literal; only the kinds the store passes are accepted. */
const literal = (value: unknown): string => {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'bigint') return `(${value.toString()})`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`a query parameter must be a finite number, not ${value}`);
    return `(${String(value)})`;
  }
  if (Array.isArray(value)) return pg.escapeLiteral(`{${value.map(arrayElement).join(',')}}`);
  throw new TypeError(`a query parameter must be a string, number, bigint, array or null, not ${typeof value}`);
};

/** `text` with each `$n` written in as the literal of `values[n - 1]`. */
export const inlineParameters = (text: string, values: ReadonlyArray<unknown>): string =>
  text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= values.length) throw new RangeError(`query parameter $${n} has no value`);
    return literal(values[index]);
  });

/**
 * Runs one statement as `possier_app` with `app.org_id` set to `orgId`, so row-level security
 * scopes it to that org whatever the connecting role may see.
 *
 * The role and the tenant must be set in the statement's own transaction, before it is planned
 * (the planner decides whether row-level security applies), and a parameterised statement cannot
 * share a round trip with others. So the three go as one simple-protocol message, which
 * PostgreSQL runs as one implicit transaction, with the parameters written in as escaped
 * literals: one round trip, as before, and the settings end with the statement. The connecting
 * role must be `possier_app` or a member of it.
 */
export const tenantQuery = async <R extends pg.QueryResultRow>(
  pool: Pick<pg.Pool, 'query'>,
  orgId: string,
  text: string,
  values: ReadonlyArray<unknown> = [],
): Promise<R[]> => {
  const results = (await pool.query(
    `SET LOCAL ROLE ${APP_ROLE}; SELECT set_config('app.org_id', ${literal(orgId)}, true); ${inlineParameters(text, values)}`,
  )) as unknown as pg.QueryResult<R>[];
  return results.at(-1)?.rows ?? [];
};
