import { isoInstant } from './as-text.js';
import { countOf, nullableCountOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

type Balance = {
  storeId: string;
  stockItemId: string;
  onHand: string;
  lastCountedQuantity: string | null;
  lastCountedAt: string | null;
};

type Conflict = {
  storeId: string;
  stockItemId: string;
  orderId: string;
  registerId: string | null;
  onHandAfter: string | null;
  detail: string;
  recordedAt: string;
};

/** rm_stock_on_hand of the covered stores, negative balances first, with the offline sales that took stock below zero. */
export const stockQuery: ReportQuery<'stock'> = async (read, scope) => {
  const balances = await read<Balance>(
    `SELECT store_id::text                     AS "storeId",
            stock_item_id::text                AS "stockItemId",
            on_hand::text                      AS "onHand",
            last_counted_quantity::text        AS "lastCountedQuantity",
            ${isoInstant('last_counted_at')}   AS "lastCountedAt"
       FROM rm_stock_on_hand
      WHERE store_id = ANY($1::uuid[])
      ORDER BY store_id, stock_item_id`,
    [scope.storeIds],
  );
  const rows = balances.map((balance) => {
    const onHand = countOf(balance.onHand, 'on hand');
    return {
      storeId: balance.storeId,
      stockItemId: balance.stockItemId,
      onHand,
      negative: onHand < 0,
      lastCountedQuantity: nullableCountOf(balance.lastCountedQuantity, 'counted quantity'),
      lastCountedAt: balance.lastCountedAt,
    };
  });
  const negative = rows.filter((row) => row.negative);
  // A stock conflict always names its stock item; the column is nullable for the other kinds.
  const conflicts = await read<Conflict>(
    `SELECT store_id::text                AS "storeId",
            stock_item_id::text           AS "stockItemId",
            order_id::text                AS "orderId",
            register_id::text             AS "registerId",
            on_hand_after::text           AS "onHandAfter",
            detail,
            ${isoInstant('recorded_at')}  AS "recordedAt"
       FROM rm_offline_conflicts
      WHERE store_id = ANY($1::uuid[]) AND kind = 'stock_negative'
      ORDER BY recorded_at DESC, order_id, conflict_index
      LIMIT 500`,
    [scope.storeIds],
  );
  return {
    report: 'stock',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    rows: [...negative, ...rows.filter((row) => !row.negative)],
    negativeItems: negative.length,
    conflicts: conflicts.map((conflict) => ({
      ...conflict,
      onHandAfter: countOf(conflict.onHandAfter ?? 0, 'on hand after'),
    })),
  };
};
