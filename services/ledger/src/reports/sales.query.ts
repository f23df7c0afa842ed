import type { SalesFigures } from '@possier/events';
import { countOf, dateRange, isoDateOf, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

const summed = {
  ordersCount: true,
  grossPaise: true,
  discountPaise: true,
  serviceChargePaise: true,
  taxablePaise: true,
  taxPaise: true,
  roundOffPaise: true,
  payablePaise: true,
  voidsCount: true,
  voidedPaise: true,
  refundsCount: true,
  refundedPaise: true,
} as const;

type Sums = { [Column in keyof typeof summed]: bigint | number | null };

const figuresOf = (sum: Sums): SalesFigures => ({
  orders: countOf(sum.ordersCount),
  grossPaise: paiseOf(sum.grossPaise),
  discountPaise: paiseOf(sum.discountPaise),
  serviceChargePaise: paiseOf(sum.serviceChargePaise),
  taxablePaise: paiseOf(sum.taxablePaise),
  taxPaise: paiseOf(sum.taxPaise),
  roundOffPaise: paiseOf(sum.roundOffPaise),
  payablePaise: paiseOf(sum.payablePaise),
  voids: countOf(sum.voidsCount),
  voidedPaise: paiseOf(sum.voidedPaise),
  refunds: countOf(sum.refundsCount),
  refundedPaise: paiseOf(sum.refundedPaise),
  // In BigInt, then checked: the net of safe sums is exact before it is narrowed.
  netPaise: paiseOf(BigInt(sum.payablePaise ?? 0) - BigInt(sum.voidedPaise ?? 0) - BigInt(sum.refundedPaise ?? 0)),
});

/** rm_sales_by_hour summed over the covered stores, per business date or per date and hour. */
export const salesReport: ReportQuery<'sales'> = async (tx, scope, query) => {
  const where = { storeId: { in: scope.storeIds }, businessDate: dateRange(query.from, query.to) };
  const rows =
    query.by === 'hour'
      ? (
          await tx.rmSalesByHour.groupBy({
            by: ['businessDate', 'hour'],
            where,
            _sum: summed,
            orderBy: [{ businessDate: 'asc' }, { hour: 'asc' }],
          })
        ).map((group) => ({ businessDate: isoDateOf(group.businessDate), hour: group.hour, ...figuresOf(group._sum) }))
      : (
          await tx.rmSalesByHour.groupBy({
            by: ['businessDate'],
            where,
            _sum: summed,
            orderBy: { businessDate: 'asc' },
          })
        ).map((group) => ({ businessDate: isoDateOf(group.businessDate), hour: null, ...figuresOf(group._sum) }));
  const totals = await tx.rmSalesByHour.aggregate({ where, _sum: summed });
  return {
    report: 'sales',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    by: query.by,
    rows,
    totals: figuresOf(totals._sum),
  };
};
