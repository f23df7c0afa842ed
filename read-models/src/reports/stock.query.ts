import type { StockPeriodRow, StockReport, StockRow } from '@possier/events';
import { isoInstant } from './as-text.js';
import { countOf, nullableCountOf } from './integers.js';
import type { ReadModelQuery, ReportQuery, ReportScope } from './report-query.js';
import { stockPeriodOf, type DatedMovement } from './stock-period.js';

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

type Named = { stockItemId: string; name: string; unit: string };
type Opening = { storeId: string; stockItemId: string; onHand: string };
type Movement = { storeId: string; stockItemId: string; kind: DatedMovement['kind']; quantity: string };

/** The org's stock item names; an item never named has none, and the report shows its id. */
const namesOf = async (read: ReadModelQuery, stockItemIds: ReadonlyArray<string>) => {
  const named = await read<Named>(
    `SELECT stock_item_id::text AS "stockItemId", name, unit
       FROM rm_stock_items WHERE stock_item_id = ANY($1::uuid[])`,
    [[...new Set(stockItemIds)]],
  );
  const byId = new Map(named.map((item) => [item.stockItemId, item]));
  return (stockItemId: string) => ({
    stockItemName: byId.get(stockItemId)?.name ?? null,
    unit: byId.get(stockItemId)?.unit ?? null,
  });
};

/** By store, then by name (unnamed items after the named, by id). */
const byStoreAndName = (
  a: { storeId: string; stockItemId: string; stockItemName: string | null },
  b: typeof a,
): number =>
  a.storeId.localeCompare(b.storeId) ||
  (a.stockItemName === null ? 1 : 0) - (b.stockItemName === null ? 1 : 0) ||
  (a.stockItemName ?? '').localeCompare(b.stockItemName ?? '') ||
  a.stockItemId.localeCompare(b.stockItemId);

/** rm_stock_on_hand of the covered stores, negative balances first. */
const balancesNow = async (read: ReadModelQuery, scope: ReportScope): Promise<StockRow[]> => {
  const balances = await read<Balance>(
    `SELECT store_id::text                     AS "storeId",
            stock_item_id::text                AS "stockItemId",
            on_hand::text                      AS "onHand",
            last_counted_quantity::text        AS "lastCountedQuantity",
            ${isoInstant('last_counted_at')}   AS "lastCountedAt"
       FROM rm_stock_on_hand
      WHERE store_id = ANY($1::uuid[])`,
    [scope.storeIds],
  );
  const nameOf = await namesOf(
    read,
    balances.map((balance) => balance.stockItemId),
  );
  const rows = balances
    .map((balance) => {
      const onHand = countOf(balance.onHand, 'on hand');
      return {
        storeId: balance.storeId,
        stockItemId: balance.stockItemId,
        ...nameOf(balance.stockItemId),
        onHand,
        negative: onHand < 0,
        lastCountedQuantity: nullableCountOf(balance.lastCountedQuantity, 'counted quantity'),
        lastCountedAt: balance.lastCountedAt,
      };
    })
    .sort(byStoreAndName);
  return [...rows.filter((row) => row.negative), ...rows.filter((row) => !row.negative)];
};

/**
 * Each item's period from rm_stock_movements. The opening is the last count before `from` plus
 * every change after it (or every change, never counted), computed in SQL so a year of sales
 * before the period is summed, not shipped; the period's own movements are folded here, in the
 * order they happened, because a count's variance depends on the on hand just before it.
 */
const periodOf = async (
  read: ReadModelQuery,
  scope: ReportScope,
  from: string,
  to: string,
): Promise<StockPeriodRow[]> => {
  const [openings, movements] = await Promise.all([
    read<Opening>(
      `WITH before AS (
              SELECT store_id, stock_item_id, occurred_at, global_position, kind, quantity
                FROM rm_stock_movements
               WHERE store_id = ANY($1::uuid[]) AND business_date < $2::date),
            last_count AS (
              SELECT DISTINCT ON (store_id, stock_item_id) store_id, stock_item_id, occurred_at, global_position, quantity
                FROM before WHERE kind = 'count'
               ORDER BY store_id, stock_item_id, occurred_at DESC, global_position DESC)
       SELECT b.store_id::text AS "storeId",
              b.stock_item_id::text AS "stockItemId",
              (COALESCE(max(c.quantity), 0) + COALESCE(sum(b.quantity) FILTER (
                 WHERE b.kind <> 'count'
                   AND (c.occurred_at IS NULL OR (b.occurred_at, b.global_position) > (c.occurred_at, c.global_position))
               ), 0))::text AS "onHand"
         FROM before b LEFT JOIN last_count c USING (store_id, stock_item_id)
        GROUP BY b.store_id, b.stock_item_id`,
      [scope.storeIds, from],
    ),
    read<Movement>(
      `SELECT store_id::text AS "storeId", stock_item_id::text AS "stockItemId", kind, quantity::text AS quantity
         FROM rm_stock_movements
        WHERE store_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date
        ORDER BY store_id, stock_item_id, occurred_at, global_position`,
      [scope.storeIds, from, to],
    ),
  ]);
  const key = (row: { storeId: string; stockItemId: string }) => `${row.storeId} ${row.stockItemId}`;
  const items = new Map<string, { storeId: string; stockItemId: string; opening: number; moved: DatedMovement[] }>();
  for (const opening of openings) {
    items.set(key(opening), { ...opening, opening: countOf(opening.onHand, 'opening on hand'), moved: [] });
  }
  for (const movement of movements) {
    const item = items.get(key(movement)) ?? { ...movement, opening: 0, moved: [] };
    item.moved.push({ kind: movement.kind, quantity: countOf(movement.quantity, 'stock movement') });
    items.set(key(movement), item);
  }
  const nameOf = await namesOf(
    read,
    [...items.values()].map((item) => item.stockItemId),
  );
  return [...items.values()]
    .map(({ storeId, stockItemId, opening, moved }) => {
      const figures = stockPeriodOf(opening, moved);
      return { storeId, stockItemId, ...nameOf(stockItemId), ...figures, negative: figures.closingOnHand < 0 };
    })
    .sort(byStoreAndName);
};

/**
 * The covered stores' stock: on hand now, or a period's movements from opening to closing; with
 * the offline sales that took stock below zero.
 */
export const stockQuery: ReportQuery<'stock'> = async (read, scope, query) => {
  const period = query.from !== undefined && query.to !== undefined ? { from: query.from, to: query.to } : null;
  const rows = period ? [] : await balancesNow(read, scope);
  const movements = period ? await periodOf(read, scope, period.from, period.to) : [];
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
  const conflictNameOf = await namesOf(
    read,
    conflicts.map((conflict) => conflict.stockItemId),
  );
  const report: StockReport = {
    report: 'stock',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    period,
    rows,
    movements,
    negativeItems: (period ? movements : rows).filter((row) => row.negative).length,
    conflicts: conflicts.map((conflict) => ({
      ...conflict,
      stockItemName: conflictNameOf(conflict.stockItemId).stockItemName,
      onHandAfter: countOf(conflict.onHandAfter ?? 0, 'on hand after'),
    })),
  };
  return report;
};
