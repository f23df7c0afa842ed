import type { CustomerRow } from '@possier/events';
import { countOf, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

type CustomerSums = {
  customerId: string;
  ordersCount: string;
  spendPaise: string;
  refundedPaise: string;
  voidedPaise: string;
};

/**
 * rm_customer_sales per customer over the covered stores and the period, by net spend. Names are
 * left empty: the read model holds ids only, and whoever holds the customers' keys puts them in
 * (the ledger decrypts them from each customer's stream).
 */
export const customersQuery: ReportQuery<'customers'> = async (read, scope, query) => {
  const groups = await read<CustomerSums>(
    `SELECT customer_id::text          AS "customerId",
            sum(orders_count)::text    AS "ordersCount",
            sum(spend_paise)::text     AS "spendPaise",
            sum(refunded_paise)::text  AS "refundedPaise",
            sum(voided_paise)::text    AS "voidedPaise"
       FROM rm_customer_sales
      WHERE store_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date
      GROUP BY customer_id`,
    [scope.storeIds, query.from, query.to],
  );
  const rows: CustomerRow[] = groups.map((group) => {
    const spendPaise = paiseOf(group.spendPaise);
    const refundedPaise = paiseOf(group.refundedPaise);
    const voidedPaise = paiseOf(group.voidedPaise);
    return {
      customerId: group.customerId,
      name: '',
      visits: countOf(group.ordersCount),
      spendPaise,
      refundedPaise,
      voidedPaise,
      netSpendPaise: paiseOf(BigInt(spendPaise) - BigInt(refundedPaise) - BigInt(voidedPaise)),
    };
  });
  rows.sort((a, b) => b.netSpendPaise - a.netSpendPaise || a.customerId.localeCompare(b.customerId));
  return {
    report: 'customers',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    rows: rows.slice(0, query.limit),
    customers: rows.length,
    totals: {
      visits: rows.reduce((sum, row) => sum + row.visits, 0),
      netSpendPaise: paiseOf(rows.reduce((sum, row) => sum + BigInt(row.netSpendPaise), 0n)),
    },
  };
};
