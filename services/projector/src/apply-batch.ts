import type { EventStore, StoredEvent } from '@possier/events';
import {
  combineIncrements,
  orderToResolve,
  readModelTables,
  soldOrderFrom,
  type Projection,
  type ProjectionContext,
  type SoldOrder,
} from '@possier/read-models';
import { DEFAULT_TIME_ZONE, orderStreamId } from '@possier/events';
import type pg from 'pg';
import { SqlApplier } from './sql-applier.js';

const defaultApplier = new SqlApplier(readModelTables);

/** Reads the sales that voids, refunds and tips of this batch refer to, from the store (the facts, not another projection). */
const resolveSoldOrders = async (
  store: EventStore,
  events: ReadonlyArray<StoredEvent>,
): Promise<Map<string, SoldOrder | undefined>> => {
  const orderIds = [...new Set(events.map(orderToResolve).filter((id): id is string => id !== null))];
  const sold = await Promise.all(
    orderIds.map(
      async (orderId) =>
        [orderId, soldOrderFrom(await store.readStream(orderStreamId(orderId), { limit: 10_000 }))] as const,
    ),
  );
  return new Map(sold);
};

export type BatchResult = { applied: number; skipped: number; checkpoints: Record<string, string> };

/**
 * Applies a batch of relayed events to the read models in ONE transaction, together with every
 * projection's checkpoint. An event at or before a projection's checkpoint is skipped, so a
 * redelivered message, a republished stream or a batch retried after a crash changes nothing.
 * The caller acks the messages only after this returns.
 */
export const applyBatch = async (
  pool: pg.Pool,
  store: EventStore,
  projections: ReadonlyArray<Projection>,
  events: ReadonlyArray<StoredEvent>,
  options: { applier?: SqlApplier; checkpointName?: (projection: string) => string } = {},
): Promise<BatchResult> => {
  const applier = options.applier ?? defaultApplier;
  const checkpointName = options.checkpointName ?? ((name: string) => name);
  const soldOrders = await resolveSoldOrders(store, events);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const names = projections.map((projection) => checkpointName(projection.name));
    const { rows } = await client.query<{ projection: string; log_position: string }>(
      'SELECT projection, log_position FROM projector_checkpoints WHERE projection = ANY($1::text[]) FOR UPDATE',
      [names],
    );
    const checkpoints: Record<string, string> = Object.fromEntries(
      rows.map((row) => [row.projection, row.log_position]),
    );

    const storeIds = [...new Set(events.map((event) => event.storeId).filter((id): id is string => id !== null))];
    const zones = new Map<string, string>(
      storeIds.length === 0
        ? []
        : (
            await client.query<{ store_id: string; time_zone: string }>(
              'SELECT store_id, time_zone FROM rm_stores WHERE store_id = ANY($1::uuid[])',
              [storeIds],
            )
          ).rows.map((row) => [row.store_id, row.time_zone]),
    );
    const context: ProjectionContext = {
      timeZoneOf: (storeId) => zones.get(storeId) ?? DEFAULT_TIME_ZONE,
      soldOrder: (orderId) => soldOrders.get(orderId),
    };

    let applied = 0;
    let skipped = 0;
    let tenant: string | undefined;
    const advanced = new Set<string>();
    for (const event of events) {
      // A store created in this batch gives the events after it their time zone.
      if (event.type === 'StoreCreated') {
        const data = event.data as { storeId: string; timeZone: string };
        zones.set(data.storeId, data.timeZone);
      }
      // Read-model tables enforce row-level security on the transaction's tenant.
      if (event.orgId !== tenant) {
        await client.query("SELECT set_config('app.org_id', $1, true)", [event.orgId]);
        tenant = event.orgId;
      }
      for (const projection of projections) {
        const name = checkpointName(projection.name);
        const checkpoint = checkpoints[name];
        if (checkpoint !== undefined && event.logPosition <= checkpoint) {
          skipped += 1;
          continue;
        }
        if ((projection.eventTypes as ReadonlyArray<string>).includes(event.type)) {
          for (const change of combineIncrements(projection.project(event, context)))
            await applier.apply(client, change);
          applied += 1;
        }
        checkpoints[name] = event.logPosition;
        advanced.add(name);
      }
    }
    for (const name of advanced) {
      await client.query(
        `INSERT INTO projector_checkpoints (projection, log_position, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (projection) DO UPDATE SET log_position = EXCLUDED.log_position, updated_at = now()`,
        [name, checkpoints[name]],
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
