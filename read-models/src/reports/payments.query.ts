import { TenderKind, type PaymentFigures } from '@possier/events';
import { countOf, paiseOf } from './integers.js';
import { readTotals, type ReportQuery } from './report-query.js';

type Sums = Record<
  'tendersCount' | 'appliedPaise' | 'tipsPaise' | 'refundsCount' | 'refundedPaise' | 'voidedPaise',
  string | null
>;

const SUMS = `
  sum(tenders_count)::text  AS "tendersCount",
  sum(applied_paise)::text  AS "appliedPaise",
  sum(tips_paise)::text     AS "tipsPaise",
  sum(refunds_count)::text  AS "refundsCount",
  sum(refunded_paise)::text AS "refundedPaise",
  sum(voided_paise)::text   AS "voidedPaise"`;

const COVERED = 'store_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date';

const figuresOf = (sum: Partial<Sums>): PaymentFigures => ({
  tenders: countOf(sum.tendersCount),
  appliedPaise: paiseOf(sum.appliedPaise),
  tipsPaise: paiseOf(sum.tipsPaise),
  refunds: countOf(sum.refundsCount),
  refundedPaise: paiseOf(sum.refundedPaise),
  voidedPaise: paiseOf(sum.voidedPaise),
  netPaise: paiseOf(BigInt(sum.appliedPaise ?? 0) - BigInt(sum.refundedPaise ?? 0) - BigInt(sum.voidedPaise ?? 0)),
});

/** rm_payment_mix per tender kind over the covered stores and the period, in the contract's order of kinds. */
export const paymentsQuery: ReportQuery<'payments'> = async (read, scope, query) => {
  const params = [scope.storeIds, query.from, query.to];
  const groups = await read<Sums & { tenderKind: string }>(
    `SELECT tender_kind AS "tenderKind", ${SUMS} FROM rm_payment_mix WHERE ${COVERED} GROUP BY tender_kind`,
    params,
  );
  const totals = await readTotals<Sums>(read, `SELECT ${SUMS} FROM rm_payment_mix WHERE ${COVERED}`, params);
  const rows = groups.map((group) => ({ tenderKind: TenderKind.parse(group.tenderKind), ...figuresOf(group) }));
  const order = (kind: TenderKind) => TenderKind.options.indexOf(kind);
  return {
    report: 'payments',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    rows: rows.sort((a, b) => order(a.tenderKind) - order(b.tenderKind)),
    totals: figuresOf(totals),
  };
};
