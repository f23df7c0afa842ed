import type { LoyaltyRow } from '@possier/events';
import { countOf, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

/**
 * Points outstanding per brand of the covered stores (rm_loyalty_accounts) priced at the brand's
 * point value now (rm_loyalty_rules), and the covered stores' loyalty shortfalls found on replay.
 */
export const loyaltyReport: ReportQuery<'loyalty'> = async (tx, scope) => {
  const stores = await tx.rmStores.findMany({ where: { storeId: { in: scope.storeIds } }, select: { brandId: true } });
  const brandIds = [...new Set(stores.map((store) => store.brandId))].sort();
  const [accounts, rules, conflicts] = await Promise.all([
    tx.rmLoyaltyAccounts.groupBy({
      by: ['brandId'],
      where: { brandId: { in: brandIds } },
      _count: { customerId: true },
      _sum: { points: true, earnedPoints: true, redeemedPoints: true, reversedPoints: true, expiredPoints: true },
    }),
    tx.rmLoyaltyRules.findMany({ where: { brandId: { in: brandIds } } }),
    tx.rmOfflineConflicts.findMany({
      where: { storeId: { in: scope.storeIds }, kind: 'loyalty_shortfall' },
      orderBy: [{ recordedAt: 'desc' }, { orderId: 'asc' }, { conflictIndex: 'asc' }],
      take: 500,
    }),
  ]);
  const valueOf = new Map(rules.map((rule) => [rule.brandId, rule.pointValuePaise]));
  const rows: LoyaltyRow[] = accounts
    .map((account) => {
      const pointValue = BigInt(valueOf.get(account.brandId) ?? 0n);
      const points = BigInt(account._sum.points ?? 0n);
      return {
        brandId: account.brandId,
        pointValuePaise: paiseOf(pointValue),
        members: account._count.customerId,
        pointsOutstanding: countOf(points, 'points'),
        liabilityPaise: paiseOf(points * pointValue, 'liability'),
        earnedPoints: countOf(account._sum.earnedPoints),
        redeemedPoints: countOf(account._sum.redeemedPoints),
        reversedPoints: countOf(account._sum.reversedPoints),
        expiredPoints: countOf(account._sum.expiredPoints),
      };
    })
    .sort((a, b) => a.brandId.localeCompare(b.brandId));
  return {
    report: 'loyalty',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    brandIds,
    rows,
    totals: {
      pointsOutstanding: rows.reduce((sum, row) => sum + row.pointsOutstanding, 0),
      liabilityPaise: paiseOf(rows.reduce((sum, row) => sum + BigInt(row.liabilityPaise), 0n)),
    },
    conflicts: conflicts.map((conflict) => ({
      storeId: conflict.storeId,
      orderId: conflict.orderId,
      registerId: conflict.registerId,
      detail: conflict.detail,
      recordedAt: conflict.recordedAt.toISOString(),
    })),
  };
};
