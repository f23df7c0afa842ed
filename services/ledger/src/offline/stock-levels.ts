import { onHandAfter, stockMovementOf, type StockAdjusted, type StockDepleted } from '@possier/events';
import type pg from 'pg';

/** Stock on hand as the log says now, for judging a replayed sale; not a report (those read the projection). */
export interface StockLevels {
  /**
   * On hand per stock item of one store, in base units. An item the store has never counted,
   * received or adjusted is not tracked there and has no entry: its sales deplete nothing anyone
   * counts, so they cannot take it below zero.
   */
  onHand(orgId: string, storeId: string, stockItemIds: ReadonlyArray<string>): Promise<Map<string, number>>;
}

/**
 * Finds, per stock item, whether the store tracks it and where its last count sits (through the
 * partial index `events_stock_adjustments`), then reads its movements from that count on, in log
 * order (through `events_stock_movements`), and folds them with the same rule as the stock
 * projection. Reads what has committed, not only what lies below the readers' horizon: a
 * judgement made now must count the sale another register replayed a moment ago.
 */
export const postgresStockLevels = (pool: pg.Pool): StockLevels => ({
  async onHand(orgId, storeId, stockItemIds) {
    const levels = new Map<string, number>();
    if (stockItemIds.length === 0) return levels;
    const { rows: starts } = await pool.query<{
      stock_item_id: string;
      tracked: boolean | null;
      transaction_id: string | null;
      global_position: string | null;
    }>(
      `SELECT i.stock_item_id,
              (SELECT true FROM events
                WHERE type = 'StockAdjusted' AND store_id = $2 AND org_id = $1 AND data->>'stockItemId' = i.stock_item_id
                LIMIT 1) AS tracked,
              last_count.transaction_id::text AS transaction_id, last_count.global_position::text AS global_position
       FROM unnest($3::text[]) AS i(stock_item_id)
       LEFT JOIN LATERAL (
         SELECT transaction_id, global_position FROM events
         WHERE type = 'StockAdjusted' AND store_id = $2 AND org_id = $1 AND data->>'stockItemId' = i.stock_item_id
           AND data->>'reason' = 'count'
         ORDER BY transaction_id DESC, global_position DESC LIMIT 1
       ) AS last_count ON true`,
      [orgId, storeId, [...new Set(stockItemIds)]],
    );
    await Promise.all(
      starts
        .filter((start) => start.tracked)
        .map(async (start) => {
          const { rows } = await pool.query<{ type: string; data: unknown }>(
            `SELECT type, data FROM events
             WHERE type IN ('StockDepleted', 'StockAdjusted') AND store_id = $2 AND org_id = $1 AND data->>'stockItemId' = $3
               AND (transaction_id, global_position) >= (coalesce($4::xid8, '0'::xid8), coalesce($5::bigint, 0))
             ORDER BY transaction_id, global_position`,
            [orgId, storeId, start.stock_item_id, start.transaction_id, start.global_position],
          );
          const movements = rows.map((row) =>
            stockMovementOf({ type: row.type, data: row.data } as StockDepleted | StockAdjusted),
          );
          levels.set(start.stock_item_id, onHandAfter(movements));
        }),
    );
    return levels;
  },
});
