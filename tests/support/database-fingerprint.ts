import type pg from 'pg';

/** A table's rows reduced to one digest, and how many there were. */
export type TableFingerprint = { rows: number; md5: string };

/**
 * The tables a suite watches for change: the event log, every read model, the register outbox
 * reports, and the projector and relay checkpoints (anything appended would move them).
 */
export const watchedTables = async (pool: pg.Pool): Promise<string[]> => {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class
      WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p')
        AND (relname = 'events' OR relname LIKE 'rm\\_%' OR relname IN ('register_sync', 'projector_checkpoints', 'relay_checkpoints'))
      ORDER BY relname`,
  );
  return rows.map((row) => row.name);
};

/**
 * Each watched table (only the rows of `orgId`, when given, for the tables that carry one) as an
 * md5 over its rows' text in a fixed order: equal digests mean byte-for-byte equal rows. Read
 * through a pool that bypasses row-level security (the test databases' owner), or it would see
 * nothing.
 */
export const fingerprint = async (
  pool: pg.Pool,
  options: { orgId?: string } = {},
): Promise<Record<string, TableFingerprint>> => {
  const result: Record<string, TableFingerprint> = {};
  for (const table of await watchedTables(pool)) {
    const { rows: columns } = await pool.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'org_id'`,
      [table],
    );
    const scoped = options.orgId !== undefined && columns.length > 0;
    const { rows } = await pool.query<{ rows: string; md5: string }>(
      `SELECT count(*)::text AS rows, md5(coalesce(string_agg(row_text, E'\\n' ORDER BY row_text), '')) AS md5
         FROM (SELECT t::text AS row_text FROM "${table}" t ${scoped ? 'WHERE org_id = $1' : ''}) AS tenant_rows`,
      scoped ? [options.orgId] : [],
    );
    const row = rows[0] as { rows: string; md5: string };
    result[table] = { rows: Number(row.rows), md5: row.md5 };
  }
  return result;
};
