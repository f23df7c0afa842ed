import type { EventStore, StoredEvent } from '@possier/events';
import { readModelTables, type Projection } from '@possier/read-models';
import type pg from 'pg';
import { applyEvents, type ReadModelTarget } from './apply-events.js';
import { BufferedRows } from './buffered-rows.js';
import { readCheckpoints, saveCheckpoints, type Checkpoints } from './checkpoints.js';
import { lockProjections } from './projection-lock.js';
import { orgKey, resolveSoldOrders } from './sold-orders.js';

export type BatchResult = { applied: number; skipped: number; checkpoints: Checkpoints };

/**
 * Applies a batch of relayed events to the read models (applyEvents) in ONE transaction, together
 * with every projection's checkpoint. An event at or before a projection's checkpoint is skipped,
 * so a redelivered message, a republished stream or a batch retried after a crash changes
 * nothing. The caller acks the messages only after this returns.
 *
 * The projections are locked first (lockProjections), so no other writer of these rows and
 * checkpoints runs meanwhile, and the transaction draws its id only at its first write.
 */
export const applyBatch = async (
  pool: pg.Pool,
  store: EventStore,
  projections: ReadonlyArray<Projection>,
  events: ReadonlyArray<StoredEvent>,
): Promise<BatchResult> => {
  const soldOrders = await resolveSoldOrders(store, events);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const names = projections.map((projection) => projection.name);
    await lockProjections(client, names);
    const target = liveTables(projections, await readCheckpoints(client, names), await storeZones(client, events));
    const { applied, skipped } = await applyEvents(client, target, events, soldOrders);
    await client.query('COMMIT');
    return { applied, skipped, checkpoints: target.checkpoints };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/**
 * The live read models as a target: each org's changes applied with `app.org_id` set (row-level
 * security lets a transaction write one tenant at a time), in bulk through BufferedRows, a few
 * statements per table touched whatever the batch's size; then the checkpoints, in the same
 * transaction as the rows.
 */
const liveTables = (
  projections: ReadonlyArray<Projection>,
  checkpoints: Checkpoints,
  zones: Map<string, string>,
): ReadModelTarget => ({
  projections,
  checkpoints,
  zones,
  write: async (client, { changesByOrg, advanced }) => {
    for (const [orgId, changes] of changesByOrg) {
      if (changes.length === 0) continue;
      await client.query("SELECT set_config('app.org_id', $1, true)", [orgId]);
      const buffered = new BufferedRows(readModelTables);
      await buffered.apply(client, changes);
      await buffered.flush(client);
    }
    await saveCheckpoints(client, advanced);
  },
});

/** The time zones of the stores these events name, by orgKey, as the read models know them. */
const storeZones = async (client: pg.PoolClient, events: ReadonlyArray<StoredEvent>): Promise<Map<string, string>> => {
  const stores = events.filter((event) => event.storeId !== null);
  if (stores.length === 0) return new Map();
  const { rows } = await client.query<{ org_id: string; store_id: string; time_zone: string }>(
    `SELECT org_id, store_id, time_zone FROM rm_stores
     WHERE (org_id, store_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
    [stores.map((event) => event.orgId), stores.map((event) => event.storeId)],
  );
  return new Map(rows.map((row) => [orgKey(row.org_id, row.store_id), row.time_zone]));
};
