import { rankItems } from '@possier/events';
import { countOf, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

/** Sums as text: PostgreSQL's sum of bigint is numeric, which a string carries exactly. */
type ItemSums = {
  itemId: string;
  name: string;
  quantitySold: string;
  refundedQuantity: string;
  voidedQuantity: string;
  taxablePaise: string;
  refundedTaxablePaise: string;
  voidedTaxablePaise: string;
};

/**
 * rm_item_sales per item over the covered stores and the period, under the item's most recent
 * name (a renamed item is one item). Ranking is the contract's `rankItems`, over every item sold
 * in the period (a catalog's worth of rows).
 */
export const itemsQuery: ReportQuery<'items'> = async (read, scope, query) => {
  const sums = await read<ItemSums>(
    `SELECT item_id::text                                      AS "itemId",
            (array_agg(name ORDER BY business_date DESC))[1]   AS name,
            sum(quantity_sold)::text                           AS "quantitySold",
            sum(refunded_quantity)::text                       AS "refundedQuantity",
            sum(voided_quantity)::text                         AS "voidedQuantity",
            sum(taxable_paise)::text                           AS "taxablePaise",
            sum(refunded_taxable_paise)::text                  AS "refundedTaxablePaise",
            sum(voided_taxable_paise)::text                    AS "voidedTaxablePaise"
       FROM rm_item_sales
      WHERE store_id = ANY($1::uuid[])
        AND business_date BETWEEN $2::date AND $3::date
      GROUP BY item_id`,
    [scope.storeIds, query.from, query.to],
  );
  const items = sums.map((sum) => ({
    itemId: sum.itemId,
    name: sum.name,
    quantitySold: countOf(sum.quantitySold, 'quantity sold'),
    refundedQuantity: countOf(sum.refundedQuantity, 'refunded quantity'),
    voidedQuantity: countOf(sum.voidedQuantity, 'voided quantity'),
    taxablePaise: paiseOf(sum.taxablePaise),
    refundedTaxablePaise: paiseOf(sum.refundedTaxablePaise),
    voidedTaxablePaise: paiseOf(sum.voidedTaxablePaise),
    netQuantity: countOf(
      BigInt(sum.quantitySold) - BigInt(sum.refundedQuantity) - BigInt(sum.voidedQuantity),
      'net quantity',
    ),
    netTaxablePaise: paiseOf(
      BigInt(sum.taxablePaise) - BigInt(sum.refundedTaxablePaise) - BigInt(sum.voidedTaxablePaise),
    ),
  }));
  return {
    report: 'items',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    sort: query.sort,
    limit: query.limit,
    rows: rankItems(items, query.sort, query.limit),
  };
};
