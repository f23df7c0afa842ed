import { connect } from '@nats-io/transport-node';
import type pg from 'pg';

export type Check = { name: string; check: () => Promise<void> };

export const postgresCheck = (pool: pg.Pool): Check => ({
  name: 'postgres',
  check: async () => {
    await pool.query('SELECT 1');
  },
});

/** NATS carries events to projectors: the ledger is not ready while it cannot reach it. */
export const natsCheck = (servers: string): Check => ({
  name: 'nats',
  check: async () => {
    const connection = await connect({ servers, timeout: 2_000, reconnect: false });
    await connection.close();
  },
});

export const runChecks = async (checks: ReadonlyArray<Check>): Promise<Record<string, 'ok' | string>> =>
  Object.fromEntries(
    await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, (error as Error).message || 'unreachable'] as const;
        }
      }),
    ),
  );
