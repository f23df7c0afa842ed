import { isoDate, isoInstant } from './as-text.js';
import { nullablePaiseOf, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

type Shift = {
  shiftId: string;
  storeId: string;
  registerId: string;
  businessDate: string;
  status: string;
  openedBy: string;
  openedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  floatPaise: string;
  cashInPaise: string;
  cashOutPaise: string;
  cashSalesPaise: string | null;
  changeGivenPaise: string | null;
  cashRefundsPaise: string | null;
  expectedCashPaise: string | null;
  countedCashPaise: string | null;
  variancePaise: string | null;
};

/** rm_shifts opened on a business date of the period in a covered store: X for open, Z for closed. */
export const shiftsQuery: ReportQuery<'shifts'> = async (read, scope, query) => {
  const shifts = await read<Shift>(
    `SELECT shift_id::text                  AS "shiftId",
            store_id::text                  AS "storeId",
            register_id::text               AS "registerId",
            ${isoDate('business_date')}     AS "businessDate",
            status,
            opened_by::text                 AS "openedBy",
            ${isoInstant('opened_at')}      AS "openedAt",
            closed_by::text                 AS "closedBy",
            ${isoInstant('closed_at')}      AS "closedAt",
            float_paise::text               AS "floatPaise",
            cash_in_paise::text             AS "cashInPaise",
            cash_out_paise::text            AS "cashOutPaise",
            cash_sales_paise::text          AS "cashSalesPaise",
            change_given_paise::text        AS "changeGivenPaise",
            cash_refunds_paise::text        AS "cashRefundsPaise",
            expected_cash_paise::text       AS "expectedCashPaise",
            counted_cash_paise::text        AS "countedCashPaise",
            variance_paise::text            AS "variancePaise"
       FROM rm_shifts
      WHERE store_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date
      ORDER BY business_date, opened_at, shift_id`,
    [scope.storeIds, query.from, query.to],
  );
  return {
    report: 'shifts',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    rows: shifts.map((shift) => {
      const status = shift.status === 'closed' ? 'closed' : 'open';
      return {
        shiftId: shift.shiftId,
        storeId: shift.storeId,
        registerId: shift.registerId,
        businessDate: shift.businessDate,
        status,
        kind: status === 'closed' ? 'Z' : 'X',
        openedBy: shift.openedBy,
        openedAt: shift.openedAt,
        closedBy: shift.closedBy,
        closedAt: shift.closedAt,
        floatPaise: paiseOf(shift.floatPaise),
        cashInPaise: paiseOf(shift.cashInPaise),
        cashOutPaise: paiseOf(shift.cashOutPaise),
        cashSalesPaise: nullablePaiseOf(shift.cashSalesPaise),
        changeGivenPaise: nullablePaiseOf(shift.changeGivenPaise),
        cashRefundsPaise: nullablePaiseOf(shift.cashRefundsPaise),
        expectedCashPaise: nullablePaiseOf(shift.expectedCashPaise),
        countedCashPaise: nullablePaiseOf(shift.countedCashPaise),
        variancePaise: nullablePaiseOf(shift.variancePaise),
      };
    }),
  };
};
