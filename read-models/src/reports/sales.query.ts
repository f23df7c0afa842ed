import type { SalesFigures } from '@possier/events';
import { isoDate } from './as-text.js';
import { countOf, paiseOf } from './integers.js';
import { readTotals, type ReportQuery } from './report-query.js';

/** Sums as text: PostgreSQL's sum of bigint is numeric, which a string carries exactly. */
type Sums = Record<
  | 'ordersCount'
  | 'grossPaise'
  | 'discountPaise'
  | 'serviceChargePaise'
  | 'taxablePaise'
  | 'taxPaise'
  | 'roundOffPaise'
  | 'payablePaise'
  | 'voidsCount'
  | 'voidedPaise'
  | 'refundsCount'
  | 'refundedPaise',
  string | null
>;

const SUMS = `
  sum(orders_count)::text         AS "ordersCount",
  sum(gross_paise)::text          AS "grossPaise",
  sum(discount_paise)::text       AS "discountPaise",
  sum(service_charge_paise)::text AS "serviceChargePaise",
  sum(taxable_paise)::text        AS "taxablePaise",
  sum(tax_paise)::text            AS "taxPaise",
  sum(round_off_paise)::text      AS "roundOffPaise",
  sum(payable_paise)::text        AS "payablePaise",
  sum(voids_count)::text          AS "voidsCount",
  sum(voided_paise)::text         AS "voidedPaise",
  sum(refunds_count)::text        AS "refundsCount",
  sum(refunded_paise)::text       AS "refundedPaise"`;

const COVERED = 'store_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date';

const figuresOf = (sum: Partial<Sums>): SalesFigures => ({
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
export const salesQuery: ReportQuery<'sales'> = async (read, scope, query) => {
  const params = [scope.storeIds, query.from, query.to];
  const keys = query.by === 'hour' ? 'business_date, hour' : 'business_date';
  const groups = await read<Sums & { businessDate: string; hour: string | null }>(
    `SELECT ${isoDate('business_date')} AS "businessDate",
            ${query.by === 'hour' ? 'hour::text' : 'NULL::text'} AS hour, ${SUMS}
       FROM rm_sales_by_hour WHERE ${COVERED}
      GROUP BY ${keys} ORDER BY ${keys}`,
    params,
  );
  const totals = await readTotals<Sums>(read, `SELECT ${SUMS} FROM rm_sales_by_hour WHERE ${COVERED}`, params);
  return {
    report: 'sales',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    by: query.by,
    rows: groups.map((group) => ({
      businessDate: group.businessDate,
      hour: group.hour === null ? null : countOf(group.hour, 'hour'),
      ...figuresOf(group),
    })),
    totals: figuresOf(totals),
  };
};
