import pg from 'pg';

/** The tables row-level security must hold: every table with an org_id column, the event log included. */
export const tenantTables = async (pool: pg.Pool): Promise<string[]> => {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT class.relname AS name FROM pg_class class
       JOIN pg_attribute attribute ON attribute.attrelid = class.oid AND attribute.attname = 'org_id' AND NOT attribute.attisdropped
      WHERE class.relnamespace = current_schema()::regnamespace AND class.relkind IN ('r', 'p')
      ORDER BY class.relname`,
  );
  return rows.map((row) => row.name);
};

/** A pool on the same database as the application role, which is what services connect as. */
export const applicationPool = (databaseUrl: string, max = 1): pg.Pool => {
  const url = new URL(databaseUrl);
  url.username = 'possier_app';
  url.password = '';
  return new pg.Pool({ connectionString: url.toString(), max });
};

/** Runs `work` in a transaction with the tenant set as the services set it: transaction-local. */
export const asTenant = async <T>(
  pool: pg.Pool,
  orgId: string,
  work: (client: pg.PoolClient) => Promise<T>,
  end: 'COMMIT' | 'ROLLBACK' = 'COMMIT',
): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.org_id', $1, true)`, [orgId]);
    const result = await work(client);
    await client.query(end);
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/** The org ids of every row the connection can see in each table, counted. */
export const visibleOrgs = async (
  client: pg.Pool | pg.PoolClient,
  tables: ReadonlyArray<string>,
): Promise<Record<string, Record<string, number>>> => {
  const seen: Record<string, Record<string, number>> = {};
  for (const table of tables) {
    // Deliberately no WHERE: row-level security alone must scope the answer.
    const { rows } = await client.query<{ org_id: string; count: string }>(
      `SELECT org_id::text, count(*)::text FROM "${table}" GROUP BY org_id`,
    );
    seen[table] = Object.fromEntries(rows.map((row) => [row.org_id, Number(row.count)]));
  }
  return seen;
};
