import type { CustomerRow } from '@possier/events';
import { countOf, dateRange, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

const summed = { ordersCount: true, spendPaise: true, refundedPaise: true, voidedPaise: true } as const;

/**
 * rm_customer_sales per customer over the covered stores and the period, by net spend. Names are
 * left empty here: the read model holds ids only, and the HTTP layer decrypts them (`nameCustomers`).
 */
export const customersReport: ReportQuery<'customers'> = async (tx, scope, query) => {
  const where = { storeId: { in: scope.storeIds }, businessDate: dateRange(query.from, query.to) };
  const groups = await tx.rmCustomerSales.groupBy({ by: ['customerId'], where, _sum: summed });
  const rows: CustomerRow[] = groups.map((group) => {
    const spendPaise = paiseOf(group._sum.spendPaise);
    const refundedPaise = paiseOf(group._sum.refundedPaise);
    const voidedPaise = paiseOf(group._sum.voidedPaise);
    return {
      customerId: group.customerId,
      name: '',
      visits: countOf(group._sum.ordersCount),
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
