import type { StoredEvent } from '@possier/events';
import { combineIncrements, type Projection, type RowChange, type SoldOrder } from '@possier/read-models';
import type pg from 'pg';
import type { Checkpoints } from './checkpoints.js';
import { ProjectionContexts } from './projection-contexts.js';

/** A batch's effect on the read models, as handed to the target to write. */
export type ProjectedBatch = {
  /**
   * Each org's row changes, in the order they were made; every org of the batch's events has an
   * entry, empty when nothing changed. Every row's key starts with its org, so orgs may be
   * written in any order, and one at a time (row-level security).
   */
  changesByOrg: ReadonlyMap<string, ReadonlyArray<RowChange>>;
  /** The checkpoints this batch moved, to where. */
  advanced: Checkpoints;
};

/**
 * What events are applied to: the projections, where each stands, the stores' time zones known so
 * far, and where the row changes go. The live projector makes one per batch over the live tables
 * and the stored checkpoints; a rebuild makes one for its whole replay over its shadow tables,
 * starting from no checkpoint.
 */
export type ReadModelTarget = {
  readonly projections: ReadonlyArray<Projection>;
  /** Advanced in place past every event applied; an event at or before a projection's checkpoint is skipped. */
  readonly checkpoints: Checkpoints;
  /** Stores' time zones by orgKey; a StoreCreated applied adds its own (ProjectionContexts). */
  readonly zones: Map<string, string>;
  /** Writes the batch: its rows, and its checkpoints where they belong with them. */
  write(client: pg.PoolClient, batch: ProjectedBatch): Promise<void>;
};

export type AppliedEvents = { applied: number; skipped: number };

/**
 * The one way events reach the read models, live or rebuilt: each event in order extends the
 * projection contexts, is skipped by every projection whose checkpoint it does not pass, is
 * projected by those that take its type (each event's changes combined on their own), and moves
 * their checkpoints; the target then writes the batch. Live delivery and a rebuild's reading of
 * the log are only different sources of `events`.
 *
 * `soldOrders` are the sales these events refer to (resolveSoldOrders), read by the caller
 * beforehand so that no store read runs while it holds the projections' lock. `applied` counts
 * (event, projection) pairs projected, `skipped` those passed over by a checkpoint.
 */
export const applyEvents = async (
  client: pg.PoolClient,
  target: ReadModelTarget,
  events: ReadonlyArray<StoredEvent>,
  soldOrders: ReadonlyMap<string, SoldOrder | undefined>,
): Promise<AppliedEvents> => {
  const { projections, checkpoints } = target;
  const takes = projections.map((projection): ReadonlySet<string> => new Set(projection.eventTypes));
  const contexts = new ProjectionContexts(target.zones, soldOrders);
  const changesByOrg = new Map<string, RowChange[]>();
  const advanced: Checkpoints = {};
  let applied = 0;
  let skipped = 0;
  for (const event of events) {
    contexts.see(event);
    const changes = changesByOrg.get(event.orgId) ?? [];
    changesByOrg.set(event.orgId, changes);
    for (const [index, projection] of projections.entries()) {
      const checkpoint = checkpoints[projection.name];
      if (checkpoint !== undefined && event.logPosition <= checkpoint) {
        skipped += 1;
        continue;
      }
      if (takes[index]?.has(event.type)) {
        const projected = projection.project(event, contexts.of(event.orgId));
        for (const change of projected.length > 1 ? combineIncrements(projected) : projected) changes.push(change);
        applied += 1;
      }
      checkpoints[projection.name] = event.logPosition;
      advanced[projection.name] = event.logPosition;
    }
  }
  await target.write(client, { changesByOrg, advanced });
  return { applied, skipped };
};
