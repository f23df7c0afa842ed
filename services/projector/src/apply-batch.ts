import type { EventStore, StoredEvent } from '@possier/events';
import { combineIncrements, readModelTables, type Projection, type RowChange } from '@possier/read-models';
import type pg from 'pg';
import { BufferedRows } from './buffered-rows.js';
import { lockProjections } from './projection-lock.js';
import { ProjectionContexts } from './projection-contexts.js';
import { orgKey, resolveSoldOrders } from './sold-orders.js';

export type BatchResult = { applied: number; skipped: number; checkpoints: Record<string, string> };

/**
 * Applies a batch of relayed events to the read models in ONE transaction, together with every
 * projection's checkpoint. An event at or before a projection's checkpoint is skipped, so a
 * redelivered message, a republished stream or a batch retried after a crash changes nothing.
 * The caller acks the messages only after this returns.
 *
 * The batch's row changes are applied org by org (row-level security lets a transaction write
 * one tenant at a time; every row's key starts with its org, so no row sees its changes
 * reordered), each org's in bulk through BufferedRows: a few statements per table touched,
 * whatever the batch's size. The projections are locked first (lockProjections), so no other
 * writer of these rows and checkpoints runs meanwhile, and the transaction draws its id only at
 * its first write.
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
    const { rows } = await client.query<{ projection: string; log_position: string }>(
      'SELECT projection, log_position FROM projector_checkpoints WHERE projection = ANY($1::text[])',
      [names],
    );
    const checkpoints: Record<string, string> = Object.fromEntries(
      rows.map((row) => [row.projection, row.log_position]),
    );

    const stores = events.filter((event) => event.storeId !== null);
    const zones = new Map<string, string>(
      stores.length === 0
        ? []
        : (
            await client.query<{ org_id: string; store_id: string; time_zone: string }>(
              `SELECT org_id, store_id, time_zone FROM rm_stores
               WHERE (org_id, store_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
              [stores.map((event) => event.orgId), stores.map((event) => event.storeId)],
            )
          ).rows.map((row) => [orgKey(row.org_id, row.store_id), row.time_zone]),
    );
    const contexts = new ProjectionContexts(zones, soldOrders);

    let applied = 0;
    let skipped = 0;
    const changesByOrg = new Map<string, RowChange[]>();
    const advanced = new Set<string>();
    for (const event of events) {
      contexts.see(event);
      const context = contexts.of(event.orgId);
      const changes = changesByOrg.get(event.orgId) ?? [];
      changesByOrg.set(event.orgId, changes);
      for (const projection of projections) {
        const checkpoint = checkpoints[projection.name];
        if (checkpoint !== undefined && event.logPosition <= checkpoint) {
          skipped += 1;
          continue;
        }
        if ((projection.eventTypes as ReadonlyArray<string>).includes(event.type)) {
          for (const change of combineIncrements(projection.project(event, context))) changes.push(change);
          applied += 1;
        }
        checkpoints[projection.name] = event.logPosition;
        advanced.add(projection.name);
      }
    }
    for (const [orgId, changes] of changesByOrg) {
      if (changes.length === 0) continue;
      // Read-model tables enforce row-level security on the transaction's tenant.
      await client.query("SELECT set_config('app.org_id', $1, true)", [orgId]);
      const buffered = new BufferedRows(readModelTables);
      await buffered.apply(client, changes);
      await buffered.flush(client);
    }
    if (advanced.size > 0) {
      const names = [...advanced];
      await client.query(
        `INSERT INTO projector_checkpoints (projection, log_position, updated_at)
         SELECT projection, log_position, now() FROM unnest($1::text[], $2::text[]) AS c(projection, log_position)
         ON CONFLICT (projection) DO UPDATE SET log_position = EXCLUDED.log_position, updated_at = now()`,
        [names, names.map((name) => checkpoints[name])],
      );
    }
    await client.query('COMMIT');
    return { applied, skipped, checkpoints };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
