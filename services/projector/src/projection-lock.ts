import type pg from 'pg';

/**
 * Serialises every writer of these projections' rows and checkpoints (projectors of the same
 * projections, a rebuild's swap) until the transaction ends, with transaction-level advisory
 * locks taken in one fixed order, so two writers never deadlock.
 *
 * An advisory lock, unlike `SELECT … FOR UPDATE`, gives the transaction no transaction id. That
 * matters here: readers of the event log read only below the oldest transaction id still running
 * (pg_snapshot_xmin), so a projector transaction holding an id while it reads and computes would
 * hold the relay, and with it every read model, back for as long. With the lock taken this way,
 * the id is drawn at the batch's first write, just before its commit.
 */
export const lockProjections = async (
  client: pg.PoolClient | pg.Client,
  names: ReadonlyArray<string>,
): Promise<void> => {
  await client.query(
    `SELECT pg_advisory_xact_lock(key) FROM (
       SELECT DISTINCT hashtextextended('possier.projection:' || name, 0) AS key FROM unnest($1::text[]) AS name
     ) AS keys ORDER BY key`,
    [names],
  );
};
