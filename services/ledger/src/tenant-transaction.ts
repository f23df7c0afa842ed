import type pg from 'pg';

/**
 * Runs `work` in a transaction of its own as `possier_app` with the tenant set, so row-level
 * security applies whatever `work` forgets to filter, and an unset tenant sees nothing. The
 * ledger's own tables outside the event store (register sync, customer keys) go through it.
 */
export const asTenant = async <T>(
  pool: pg.Pool,
  orgId: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE possier_app');
    await client.query(`SELECT set_config('app.org_id', $1, true)`, [orgId]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
