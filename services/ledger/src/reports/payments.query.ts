import { TenderKind, type PaymentFigures } from '@possier/events';
import { countOf, dateRange, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

const summed = {
  tendersCount: true,
  appliedPaise: true,
  tipsPaise: true,
  refundsCount: true,
  refundedPaise: true,
  voidedPaise: true,
} as const;

type Sums = { [Column in keyof typeof summed]: bigint | number | null };

const figuresOf = (sum: Sums): PaymentFigures => ({
  tenders: countOf(sum.tendersCount),
  appliedPaise: paiseOf(sum.appliedPaise),
  tipsPaise: paiseOf(sum.tipsPaise),
  refunds: countOf(sum.refundsCount),
  refundedPaise: paiseOf(sum.refundedPaise),
  voidedPaise: paiseOf(sum.voidedPaise),
  netPaise: paiseOf(BigInt(sum.appliedPaise ?? 0) - BigInt(sum.refundedPaise ?? 0) - BigInt(sum.voidedPaise ?? 0)),
});

/** rm_payment_mix per tender kind over the covered stores and the period. */
export const paymentsReport: ReportQuery<'payments'> = async (tx, scope, query) => {
  const where = { storeId: { in: scope.storeIds }, businessDate: dateRange(query.from, query.to) };
  const groups = await tx.rmPaymentMix.groupBy({ by: ['tenderKind'], where, _sum: summed });
  const totals = await tx.rmPaymentMix.aggregate({ where, _sum: summed });
  const order = (kind: string) => TenderKind.options.indexOf(TenderKind.parse(kind));
  return {
    report: 'payments',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    rows: groups
      .sort((a, b) => order(a.tenderKind) - order(b.tenderKind))
      .map((group) => ({ tenderKind: TenderKind.parse(group.tenderKind), ...figuresOf(group._sum) })),
    totals: figuresOf(totals._sum),
  };
};
