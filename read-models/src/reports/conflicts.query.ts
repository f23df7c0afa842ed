import type { OfflineConflict } from '@possier/events';
import { isoInstant } from './as-text.js';
import { countOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

type Row = {
  storeId: string;
  orderId: string;
  registerId: string | null;
  eventId: string;
  kind: OfflineConflict['kind'];
  path: string;
  detail: string;
  recordedAt: string;
};

/** rm_offline_conflicts of the covered stores (of one kind, if asked), newest first, with the count of each kind. */
export const conflictsQuery: ReportQuery<'conflicts'> = async (read, scope, query) => {
  const kinds = query.kind === undefined ? null : [query.kind];
  const rows = await read<Row>(
    `SELECT store_id::text                AS "storeId",
            order_id::text                AS "orderId",
            register_id::text             AS "registerId",
            placed_event_id::text         AS "eventId",
            kind,
            path,
            detail,
            ${isoInstant('recorded_at')}  AS "recordedAt"
       FROM rm_offline_conflicts
      WHERE store_id = ANY($1::uuid[]) AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
      ORDER BY recorded_at DESC, order_id, placed_event_id, conflict_index
      LIMIT 500`,
    [scope.storeIds, kinds],
  );
  const byKind = await read<{ kind: OfflineConflict['kind']; conflicts: string }>(
    `SELECT kind, count(*)::text AS conflicts
       FROM rm_offline_conflicts
      WHERE store_id = ANY($1::uuid[]) AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
      GROUP BY kind ORDER BY kind`,
    [scope.storeIds, kinds],
  );
  return {
    report: 'conflicts',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    rows,
    byKind: byKind.map((entry) => ({ kind: entry.kind, conflicts: countOf(entry.conflicts, 'conflicts') })),
  };
};
