import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { upsert } from '../row-change.js';
import { rmOfflineConflicts } from '../tables.js';

/** One row per conflict of a replayed offline sale or reversal, for the stock report and the manager's view. */
export const offlineConflictsProjection: Projection = {
  name: 'offline_conflicts',
  tables: [rmOfflineConflicts.name],
  eventTypes: ['OfflineConflictRecorded'],
  project: (event) => {
    const decoded = decode(event);
    if (decoded?.type !== 'OfflineConflictRecorded') return [];
    const { orderId, storeId, registerId, placedEventId, conflicts } = decoded.data;
    return conflicts.map((conflict, index) =>
      upsert(
        rmOfflineConflicts,
        { org_id: event.orgId, order_id: orderId, placed_event_id: placedEventId, conflict_index: index },
        {
          store_id: storeId,
          register_id: registerId,
          kind: conflict.kind,
          path: conflict.path,
          detail: conflict.detail,
          item_id: conflict.itemId ?? null,
          stock_item_id: conflict.stockItemId ?? null,
          on_hand_after: conflict.onHandAfter ?? null,
          recorded_at: event.recordedAt,
        },
      ),
    );
  },
};
