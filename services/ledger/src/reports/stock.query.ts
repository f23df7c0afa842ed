import { countOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

/** rm_stock_on_hand of the covered stores, negative balances first, with the offline sales that took stock below zero. */
export const stockReport: ReportQuery<'stock'> = async (tx, scope) => {
  const balances = await tx.rmStockOnHand.findMany({
    where: { storeId: { in: scope.storeIds } },
    orderBy: [{ storeId: 'asc' }, { stockItemId: 'asc' }],
  });
  const rows = balances.map((balance) => {
    const onHand = countOf(balance.onHand, 'on hand');
    return {
      storeId: balance.storeId,
      stockItemId: balance.stockItemId,
      onHand,
      negative: onHand < 0,
      lastCountedQuantity:
        balance.lastCountedQuantity === null ? null : countOf(balance.lastCountedQuantity, 'counted quantity'),
      lastCountedAt: balance.lastCountedAt?.toISOString() ?? null,
    };
  });
  const negative = rows.filter((row) => row.negative);
  const conflicts = await tx.rmOfflineConflicts.findMany({
    where: { storeId: { in: scope.storeIds }, kind: 'stock_negative' },
    orderBy: [{ recordedAt: 'desc' }, { orderId: 'asc' }, { conflictIndex: 'asc' }],
    take: 500,
  });
  return {
    report: 'stock',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    rows: [...negative, ...rows.filter((row) => !row.negative)],
    negativeItems: negative.length,
    conflicts: conflicts.map((conflict) => ({
      storeId: conflict.storeId,
      stockItemId: conflict.stockItemId as string,
      orderId: conflict.orderId,
      registerId: conflict.registerId,
      onHandAfter: countOf(conflict.onHandAfter ?? 0n, 'on hand after'),
      detail: conflict.detail,
      recordedAt: conflict.recordedAt.toISOString(),
    })),
  };
};
