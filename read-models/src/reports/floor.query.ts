import { divideRoundHalfUp } from '@possier/events';
import { isoDate, isoInstant } from './as-text.js';
import { countOf, paiseOf } from './integers.js';
import { readTotals, type ReportQuery } from './report-query.js';

/** `total / count`, half up to the paisa; 0 over nothing. */
const average = (totalPaise: number, count: number): number =>
  count === 0 ? 0 : Number(divideRoundHalfUp(BigInt(totalPaise), BigInt(count)));

type Totals = {
  opened: string;
  settled: string;
  closedEmpty: string;
  covers: string;
  payable: string;
  tickets: string;
  bills: string;
  reprints: string;
};
type TableRow = { storeId: string; table: string; tabs: string; covers: string; payable: string };
type LeftOpen = {
  storeId: string;
  orderId: string;
  table: string | null;
  name: string | null;
  covers: string;
  businessDate: string;
  openedAt: string;
  status: 'open' | 'settled' | 'closed_empty';
  closedBusinessDate: string | null;
  tickets: string;
  bills: string;
};
type Reversal = {
  storeId: string;
  kind: 'cancellation' | 'void';
  actorId: string | null;
  staffName: string | null;
  reason: string;
  afterBill: boolean;
  count: string;
  quantity: string;
  amount: string;
};

/**
 * rm_tabs opened on a business date of the period (the covered stores'), with their settled
 * figures; rm_tab_cancellations of the period's dates and rm_orders voided among the period's
 * sales, by who and why.
 */
export const floorQuery: ReportQuery<'floor'> = async (read, scope, query) => {
  const period = [scope.storeIds, query.from, query.to];
  const inPeriod = `store_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date`;
  const totals = await readTotals<Totals>(
    read,
    `SELECT count(*)::text                                                   AS opened,
            count(*) FILTER (WHERE status = 'settled')::text                 AS settled,
            count(*) FILTER (WHERE status = 'closed_empty')::text            AS "closedEmpty",
            coalesce(sum(covers) FILTER (WHERE status = 'settled'), 0)::text AS covers,
            coalesce(sum(payable_paise), 0)::text                            AS payable,
            coalesce(sum(rounds), 0)::text                                   AS tickets,
            coalesce(sum(bills), 0)::text                                    AS bills,
            coalesce(sum(reprints), 0)::text                                 AS reprints
       FROM rm_tabs WHERE ${inPeriod}`,
    period,
  );
  const tables = await read<TableRow>(
    `SELECT store_id::text                          AS "storeId",
            coalesce(table_name, tab_name, '')      AS "table",
            count(*)::text                          AS tabs,
            sum(covers)::text                       AS covers,
            sum(payable_paise)::text                AS payable
       FROM rm_tabs WHERE ${inPeriod} AND status = 'settled'
      GROUP BY store_id, coalesce(table_name, tab_name, '')
      ORDER BY store_id, sum(payable_paise) DESC, 2`,
    period,
  );
  const leftOpen = await read<LeftOpen>(
    `SELECT store_id::text                          AS "storeId",
            order_id::text                          AS "orderId",
            table_name                              AS "table",
            tab_name                                AS "name",
            covers::text                            AS covers,
            ${isoDate('business_date')}             AS "businessDate",
            ${isoInstant('opened_at')}              AS "openedAt",
            status,
            ${isoDate('closed_business_date')}      AS "closedBusinessDate",
            rounds::text                            AS tickets,
            bills::text                             AS bills
       FROM rm_tabs
      WHERE ${inPeriod} AND (status = 'open' OR closed_business_date > business_date)
      ORDER BY business_date, opened_at, order_id`,
    period,
  );
  const reversals = await read<Reversal>(
    `WITH reversals AS (
       SELECT store_id, 'cancellation' AS kind, actor_id, reason, after_bill,
              count(*) AS count, sum(quantity) AS quantity, sum(gross_paise) AS amount
         FROM rm_tab_cancellations WHERE ${inPeriod}
        GROUP BY store_id, actor_id, reason, after_bill
       UNION ALL
       SELECT store_id, 'void', voided_by, coalesce(void_reason, ''), false,
              count(*), count(*), sum(payable_paise)
         FROM rm_orders WHERE ${inPeriod} AND status = 'voided'
        GROUP BY store_id, voided_by, void_reason)
     SELECT r.store_id::text AS "storeId", r.kind, r.actor_id::text AS "actorId",
            coalesce(u.name, g.name) AS "staffName", r.reason, r.after_bill AS "afterBill",
            r.count::text AS count, r.quantity::text AS quantity, r.amount::text AS amount
       FROM reversals r
       LEFT JOIN rm_users u ON u.user_id = r.actor_id
       LEFT JOIN rm_registers g ON g.register_id = r.actor_id
      ORDER BY r.store_id, r.kind, r.amount DESC, r.reason, "staffName"`,
    period,
  );

  const settled = countOf(totals.settled, 'settled tabs');
  const covers = countOf(totals.covers, 'covers');
  const payablePaise = paiseOf(totals.payable, 'payable');
  return {
    report: 'floor',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    totals: {
      tabsOpened: countOf(totals.opened, 'tabs'),
      tabsSettled: settled,
      tabsClosedEmpty: countOf(totals.closedEmpty, 'empty tabs'),
      covers,
      payablePaise,
      averageBillPaise: average(payablePaise, settled),
      averagePerCoverPaise: average(payablePaise, covers),
      tickets: countOf(totals.tickets, 'tickets'),
      bills: countOf(totals.bills, 'bills'),
      reprints: countOf(totals.reprints, 'reprints'),
    },
    tables: tables.map((row) => {
      const tabs = countOf(row.tabs, 'tabs');
      const payable = paiseOf(row.payable, 'payable');
      return {
        storeId: row.storeId,
        table: row.table,
        tabs,
        covers: countOf(row.covers, 'covers'),
        payablePaise: payable,
        averageBillPaise: average(payable, tabs),
      };
    }),
    leftOpen: leftOpen.map((row) => ({
      storeId: row.storeId,
      orderId: row.orderId,
      table: row.table,
      name: row.name,
      covers: countOf(row.covers, 'covers'),
      businessDate: row.businessDate,
      openedAt: row.openedAt,
      status: row.status,
      closedBusinessDate: row.closedBusinessDate,
      tickets: countOf(row.tickets, 'tickets'),
      bills: countOf(row.bills, 'bills'),
    })),
    reversals: reversals.map((row) => ({
      storeId: row.storeId,
      kind: row.kind,
      actorId: row.actorId,
      staffName: row.staffName,
      reason: row.reason,
      afterBill: row.afterBill,
      count: countOf(row.count, 'count'),
      quantity: countOf(row.quantity, 'quantity'),
      amountPaise: paiseOf(row.amount, 'amount'),
    })),
  };
};
