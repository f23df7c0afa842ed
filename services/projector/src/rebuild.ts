import { DEFAULT_TIME_ZONE, orderStreamId, type EventStore, type StoredEvent } from '@possier/events';
import {
  combineIncrements,
  orderToResolve,
  readModelTables,
  soldOrderFrom,
  type Projection,
  type ProjectionContext,
  type SoldOrder,
} from '@possier/read-models';
import type pg from 'pg';
import { SqlApplier } from './sql-applier.js';

const PAGE = 1_000;
const SHADOW_SUFFIX = '__rebuild';

export type RebuildProgress = { events: number; position: string | null };

/**
 * Rebuilds one projection from position 0: replays the whole log into empty shadow copies of its
 * tables, then, in one transaction holding the projection's checkpoint row (so the live projector
 * waits), replays what was appended meanwhile, swaps the rows in and moves the checkpoint to where
 * the rebuild ended. Readers see the old rows until the commit and the rebuilt ones after it;
 * nothing the live projector applied in between is lost, because the rebuild reads on to the end
 * of the log before it swaps.
 */
export const rebuildProjection = async (
  pool: pg.Pool,
  store: EventStore,
  projection: Projection,
  { onProgress }: { onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<RebuildProgress> => {
  const tables = readModelTables.filter((table) => projection.tables.includes(table.name));
  const applier = new SqlApplier(tables, (name) => `${name}${SHADOW_SUFFIX}`);
  const zones = new Map<string, string>();
  const progress: RebuildProgress = { events: 0, position: null };

  for (const table of tables) {
    await pool.query(`DROP TABLE IF EXISTS ${table.name}${SHADOW_SUFFIX}`);
    await pool.query(
      `CREATE TABLE ${table.name}${SHADOW_SUFFIX} (LIKE ${table.name} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
    );
  }

  let tenant: string | undefined;
  const replay = async (client: pg.PoolClient): Promise<number> => {
    let applied = 0;
    for (;;) {
      const page: StoredEvent[] = await store.readAll({ after: progress.position ?? undefined, limit: PAGE });
      if (page.length === 0) return applied;
      const sold = new Map<string, SoldOrder | undefined>();
      for (const orderId of new Set(page.map(orderToResolve).filter((id): id is string => id !== null))) {
        sold.set(orderId, soldOrderFrom(await store.readStream(orderStreamId(orderId), { limit: 10_000 })));
      }
      const context: ProjectionContext = {
        timeZoneOf: (storeId) => zones.get(storeId) ?? DEFAULT_TIME_ZONE,
        soldOrder: (orderId) => sold.get(orderId),
      };
      for (const event of page) {
        if (event.orgId !== tenant) {
          await client.query("SELECT set_config('app.org_id', $1, false)", [event.orgId]);
          tenant = event.orgId;
        }
        if (event.type === 'StoreCreated') {
          const data = event.data as { storeId: string; timeZone: string };
          zones.set(data.storeId, data.timeZone);
        }
        if ((projection.eventTypes as ReadonlyArray<string>).includes(event.type)) {
          for (const change of combineIncrements(projection.project(event, context)))
            await applier.apply(client, change);
        }
        progress.position = event.logPosition;
        progress.events += 1;
        applied += 1;
      }
      onProgress?.({ ...progress });
    }
  };

  const client = await pool.connect();
  try {
    await replay(client);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO projector_checkpoints (projection, log_position) VALUES ($1, '') ON CONFLICT (projection) DO NOTHING`,
      [projection.name],
    );
    await client.query('SELECT 1 FROM projector_checkpoints WHERE projection = $1 FOR UPDATE', [projection.name]);
    await replay(client);
    // Row-level security lets a transaction see and write one org at a time, so the swap goes org
    // by org, over every org the log knows (an org may have rows live and none rebuilt).
    const orgs = await client.query<{ org_id: string }>('SELECT DISTINCT org_id FROM events');
    for (const { org_id: orgId } of orgs.rows) {
      await client.query("SELECT set_config('app.org_id', $1, true)", [orgId]);
      for (const table of tables) {
        // Explicit, not left to the policy: a role that bypasses RLS would otherwise empty every org.
        await client.query(`DELETE FROM ${table.name} WHERE org_id = $1`, [orgId]);
        await client.query(`INSERT INTO ${table.name} SELECT * FROM ${table.name}${SHADOW_SUFFIX} WHERE org_id = $1`, [
          orgId,
        ]);
      }
    }
    for (const table of tables) await client.query(`DROP TABLE ${table.name}${SHADOW_SUFFIX}`);
    await client.query('UPDATE projector_checkpoints SET log_position = $2, updated_at = now() WHERE projection = $1', [
      projection.name,
      progress.position ?? '',
    ]);
    await client.query('COMMIT');
    return progress;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // The session-level tenant set while replaying must not follow the connection back to the pool.
    await client.query("SELECT set_config('app.org_id', '', false)").catch(() => undefined);
    client.release();
  }
};
