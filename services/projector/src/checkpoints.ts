import type { LogPosition } from '@possier/events';
import type pg from 'pg';

/** Each projection's checkpoint: the log position of the last event applied to it. Projections never applied are absent. */
export type Checkpoints = Record<string, LogPosition>;

export const readCheckpoints = async (client: pg.PoolClient, names: ReadonlyArray<string>): Promise<Checkpoints> => {
  const { rows } = await client.query<{ projection: string; log_position: string }>(
    'SELECT projection, log_position FROM projector_checkpoints WHERE projection = ANY($1::text[])',
    [names],
  );
  return Object.fromEntries(rows.map((row) => [row.projection, row.log_position]));
};

/**
 * Moves these projections' checkpoints, in one statement. Only meaningful in the transaction that
 * writes the rows those positions stand for: a checkpoint committed without its rows would skip
 * them for good.
 */
export const saveCheckpoints = async (client: pg.PoolClient, checkpoints: Checkpoints): Promise<void> => {
  const names = Object.keys(checkpoints);
  if (names.length === 0) return;
  await client.query(
    `INSERT INTO projector_checkpoints (projection, log_position, updated_at)
     SELECT projection, log_position, now() FROM unnest($1::text[], $2::text[]) AS c(projection, log_position)
     ON CONFLICT (projection) DO UPDATE SET log_position = EXCLUDED.log_position, updated_at = now()`,
    [names, names.map((name) => checkpoints[name])],
  );
};
