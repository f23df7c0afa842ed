import type { EventStore, StoredEvent } from '@possier/events';
import { combineIncrements, readModelTables, type Projection, type RowChange } from '@possier/read-models';
import type pg from 'pg';
import { BufferedRows } from './buffered-rows.js';
import { lockProjections } from './projection-lock.js';
import { ProjectionContexts } from './projection-contexts.js';
import { resolveSoldOrders } from './sold-orders.js';

const PAGE = 5_000;
const SHADOW_SUFFIX = '__rebuild';

export type RebuildProgress = { events: number; position: string | null };

export type RebuildOptions = {
  onProgress?: (progress: RebuildProgress) => void;
  /** Rows held in memory at most before they are flushed and dropped (see BufferedRows). */
  maxRowsInMemory?: number;
};

/**
 * Rebuilds one projection from position 0: replays the whole log into empty shadow copies of its
 * tables, then, in one transaction holding the projection's lock (so the live projector waits), replays what was appended meanwhile, swaps the rows in and moves the checkpoint to where
 * the rebuild ended. Readers see the old rows until the commit and the rebuilt ones after it;
 * nothing the live projector applied in between is lost, because the rebuild reads on to the end
 * of the log before it swaps.
 *
 * The replay is folded in memory and written in bulk (BufferedRows), and the next page of the log
 * is read while the current one is folded, so the log's read and the fold overlap.
 */
export const rebuildProjection = async (
  pool: pg.Pool,
  store: EventStore,
  projection: Projection,
  { onProgress, maxRowsInMemory }: RebuildOptions = {},
): Promise<RebuildProgress> => {
  const tables = readModelTables.filter((table) => projection.tables.includes(table.name));
  const shadow = new BufferedRows(tables, {
    rename: (name) => `${name}${SHADOW_SUFFIX}`,
    startsEmpty: true,
    ...(maxRowsInMemory === undefined ? {} : { maxRows: maxRowsInMemory }),
  });
  const eventTypes: ReadonlySet<string> = new Set(projection.eventTypes);
  const zones = new Map<string, string>();
  const progress: RebuildProgress = { events: 0, position: null };

  for (const table of tables) {
    await pool.query(`DROP TABLE IF EXISTS ${table.name}${SHADOW_SUFFIX}`);
    await pool.query(
      `CREATE TABLE ${table.name}${SHADOW_SUFFIX} (LIKE ${table.name} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
    );
  }

  const changesOf = async (page: ReadonlyArray<StoredEvent>): Promise<RowChange[]> => {
    const contexts = new ProjectionContexts(zones, await resolveSoldOrders(store, page));
    const changes: RowChange[] = [];
    for (const event of page) {
      contexts.see(event);
      if (!eventTypes.has(event.type)) continue;
      // Each event's changes combined on their own, exactly as the live projector applies them.
      const projected = projection.project(event, contexts.of(event.orgId));
      for (const change of projected.length > 1 ? combineIncrements(projected) : projected) changes.push(change);
    }
    return changes;
  };

  const replay = async (client: pg.PoolClient): Promise<void> => {
    const read = (after: string | null) => store.readAll({ after: after ?? undefined, limit: PAGE });
    let page = await read(progress.position);
    while (page.length > 0) {
      const last = page.at(-1) as StoredEvent;
      const next = read(last.logPosition);
      // Observed now, awaited below: a failure while this page is folded must not go unhandled.
      next.catch(() => undefined);
      await shadow.apply(client, await changesOf(page));
      await shadow.bound(client);
      progress.position = last.logPosition;
      progress.events += page.length;
      onProgress?.({ ...progress });
      page = await next;
    }
    await shadow.flush(client);
  };

  const client = await pool.connect();
  try {
    await replay(client);
    await client.query('BEGIN');
    await lockProjections(client, [projection.name]);
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
    await client.query(
      `INSERT INTO projector_checkpoints (projection, log_position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (projection) DO UPDATE SET log_position = EXCLUDED.log_position, updated_at = now()`,
      [projection.name, progress.position ?? ''],
    );
    await client.query('COMMIT');
    return progress;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
