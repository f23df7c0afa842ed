import type { EventStore, LogPosition, StoredEvent } from '@possier/events';
import { readModelTables, type Projection, type RowChange } from '@possier/read-models';
import type pg from 'pg';
import { applyEvents, type ReadModelTarget } from './apply-events.js';
import { BufferedRows } from './buffered-rows.js';
import { saveCheckpoints } from './checkpoints.js';
import { lockProjections } from './projection-lock.js';
import { resolveSoldOrders } from './sold-orders.js';

const PAGE = 5_000;
const SHADOW_SUFFIX = '__rebuild';

export type RebuildProgress = {
  events: number;
  position: LogPosition | null;
  /**
   * The highest global position replayed so far, 0 before the first event. Over the store's
   * headGlobalPosition it says how far through the log the rebuild is: positions are not counts.
   */
  globalPosition: number;
};

export type RebuildOptions = {
  onProgress?: (progress: RebuildProgress) => void;
  /** Rows held in memory at most before they are flushed and dropped (see BufferedRows). */
  maxRowsInMemory?: number;
};

/**
 * Rebuilds one projection from position 0: replays the whole log, read through the store's port
 * (readAll) page by page, into empty shadow copies of its tables, then, in one transaction holding
 * the projection's lock (so the live projector waits), replays what was appended meanwhile, swaps
 * the rows in and moves the checkpoint to where the rebuild ended. Readers see the old rows until
 * the commit and the rebuilt ones after it; nothing the live projector applied in between is lost,
 * because the rebuild reads on to the end of the log before it swaps.
 *
 * Each page is applied by applyEvents, as the live projector applies a batch, to a target whose
 * rows are the shadow tables and whose checkpoint starts at nothing and is written only with the
 * swap. The replay is folded in memory and written in bulk (BufferedRows), and the next page of
 * the log is read while the current one is folded, so the log's read and the fold overlap.
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
  const target = shadowTables(shadow, projection);
  // Every org the log knows: the swap goes over each, since an org may have rows live and none rebuilt.
  const orgs = new Set<string>();
  const progress: RebuildProgress = { events: 0, position: null, globalPosition: 0 };

  for (const table of tables) {
    await pool.query(`DROP TABLE IF EXISTS ${table.name}${SHADOW_SUFFIX}`);
    await pool.query(
      `CREATE TABLE ${table.name}${SHADOW_SUFFIX} (LIKE ${table.name} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
    );
  }

  const replay = async (client: pg.PoolClient): Promise<void> => {
    const read = (after: LogPosition | null) => store.readAll({ after: after ?? undefined, limit: PAGE });
    let page = await read(progress.position);
    while (page.length > 0) {
      const last = page.at(-1) as StoredEvent;
      const next = read(last.logPosition);
      // Observed now, awaited below: a failure while this page is folded must not go unhandled.
      next.catch(() => undefined);
      for (const event of page) {
        orgs.add(event.orgId);
        // Max, not the page's last: PostgreSQL's log order is by transaction, its positions by insert.
        progress.globalPosition = Math.max(progress.globalPosition, event.globalPosition);
      }
      await applyEvents(client, target, page, await resolveSoldOrders(store, page));
      progress.position = target.checkpoints[projection.name] ?? null;
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
    // Row-level security lets a transaction see and write one org at a time, so the swap goes org by org.
    for (const orgId of orgs) {
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
    await saveCheckpoints(client, { [projection.name]: progress.position ?? '' });
    await client.query('COMMIT');
    return progress;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/**
 * A rebuild's shadow tables as a target, for the whole replay: no row-level security on them, so
 * a page's changes go in at once, memory bounded after each page; the stores' time zones are
 * learnt from the log as it is read; the checkpoint stays in memory until the swap.
 */
const shadowTables = (rows: BufferedRows, projection: Projection): ReadModelTarget => ({
  projections: [projection],
  checkpoints: {},
  zones: new Map(),
  write: async (client, { changesByOrg }) => {
    const changes: RowChange[] = [];
    for (const orgChanges of changesByOrg.values()) for (const change of orgChanges) changes.push(change);
    await rows.apply(client, changes);
    await rows.bound(client);
  },
});
