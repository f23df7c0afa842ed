import type pg from 'pg';

/**
 * Gives the planner statistics as a running system's autovacuum would. The bench's tables start
 * empty, and a PL/pgSQL function such as `append_events` keeps the plans it made while they were
 * (a sequential scan of a tiny table) until statistics change; with autovacuum slow to come round
 * or off (as on the development servers here), every append would then scan the whole log and
 * the figures would fall with the log's size instead of measuring the steady state. ANALYZE
 * invalidates those plans in every session. Every table of the database unless some are named.
 */
export const analyze = async (pool: pg.Pool, tables: ReadonlyArray<string> = []): Promise<void> => {
  if (tables.length === 0) await pool.query('ANALYZE');
  for (const table of tables) await pool.query(`ANALYZE ${table}`);
};
