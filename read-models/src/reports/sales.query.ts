import type { SalesFigures } from '@possier/events';
import { isoDate } from './as-text.js';
import { countOf, paiseOf } from './integers.js';
import { readTotals, type ReportQuery } from './report-query.js';

/** Each figure and the rm_sales_by_hour column it sums. */
const SUMMED = {
  ordersCount: 'orders_count',
  grossPaise: 'gross_paise',
  discountPaise: 'discount_paise',
  serviceChargePaise: 'service_charge_paise',
  taxIncludedPaise: 'tax_included_paise',
  taxablePaise: 'taxable_paise',
  taxPaise: 'tax_paise',
  roundOffPaise: 'round_off_paise',
  payablePaise: 'payable_paise',
  tipsPaise: 'tips_paise',
  voidsCount: 'voids_count',
  voidedPaise: 'voided_paise',
  voidedTaxablePaise: 'voided_taxable_paise',
  voidedTaxPaise: 'voided_tax_paise',
  voidedRoundOffPaise: 'voided_round_off_paise',
  refundsCount: 'refunds_count',
  refundedPaise: 'refunded_paise',
  refundedTaxablePaise: 'refunded_taxable_paise',
  refundedTaxPaise: 'refunded_tax_paise',
  refundedRoundOffPaise: 'refunded_round_off_paise',
} as const;

/** Sums as text: PostgreSQL's sum of bigint is numeric, which a string carries exactly. */
type Sums = Record<keyof typeof SUMMED, string | null>;

const SUMS = Object.entries(SUMMED)
  .map(([figure, column]) => `sum(${column})::text AS "${figure}"`)
  .join(',\n  ');

const COVERED = 'store_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date';

/** In BigInt, then checked: a sum or difference of safe sums is exact before it is narrowed. */
const exact = (value: string | null | undefined): bigint => BigInt(value ?? 0);

const figuresOf = (sum: Partial<Sums>): SalesFigures => ({
  orders: countOf(sum.ordersCount),
  grossPaise: paiseOf(sum.grossPaise),
  discountPaise: paiseOf(sum.discountPaise),
  serviceChargePaise: paiseOf(sum.serviceChargePaise),
  taxIncludedPaise: paiseOf(sum.taxIncludedPaise),
  taxablePaise: paiseOf(sum.taxablePaise),
  taxPaise: paiseOf(sum.taxPaise),
  roundOffPaise: paiseOf(sum.roundOffPaise),
  payablePaise: paiseOf(sum.payablePaise),
  tipsPaise: paiseOf(sum.tipsPaise),
  collectedPaise: paiseOf(exact(sum.payablePaise) + exact(sum.tipsPaise)),
  voids: countOf(sum.voidsCount),
  voidedPaise: paiseOf(sum.voidedPaise),
  voidedTaxablePaise: paiseOf(sum.voidedTaxablePaise),
  voidedTaxPaise: paiseOf(sum.voidedTaxPaise),
  voidedRoundOffPaise: paiseOf(sum.voidedRoundOffPaise),
  refunds: countOf(sum.refundsCount),
  refundedPaise: paiseOf(sum.refundedPaise),
  refundedTaxablePaise: paiseOf(sum.refundedTaxablePaise),
  refundedTaxPaise: paiseOf(sum.refundedTaxPaise),
  refundedRoundOffPaise: paiseOf(sum.refundedRoundOffPaise),
  netPaise: paiseOf(exact(sum.payablePaise) - exact(sum.voidedPaise) - exact(sum.refundedPaise)),
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
