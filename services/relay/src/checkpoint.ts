import type { LogPosition } from '@possier/events';
import type pg from 'pg';

/**
 * The last position JetStream acknowledged, kept in `relay_checkpoints` for operators: relay
 * position against the log's head is the relay's lag. The relay resumes from the stream itself,
 * never from here, so this row can lag or be lost without harm.
 */
export const saveRelayPosition = async (pool: pg.Pool, relay: string, position: LogPosition): Promise<void> => {
  await pool.query(
    `INSERT INTO relay_checkpoints (relay, log_position, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (relay) DO UPDATE SET log_position = EXCLUDED.log_position, updated_at = now()`,
    [relay, position],
  );
};

export const relayPosition = async (pool: pg.Pool, relay: string): Promise<LogPosition | null> => {
  const { rows } = await pool.query<{ log_position: string }>(
    'SELECT log_position FROM relay_checkpoints WHERE relay = $1',
    [relay],
  );
  return rows[0]?.log_position ?? null;
};
