import { dateRange, isoDateOf, nullablePaiseOf, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

/** rm_shifts opened on a business date of the period in a covered store: X for open, Z for closed. */
export const shiftsReport: ReportQuery<'shifts'> = async (tx, scope, query) => {
  const shifts = await tx.rmShifts.findMany({
    where: { storeId: { in: scope.storeIds }, businessDate: dateRange(query.from, query.to) },
    orderBy: [{ businessDate: 'asc' }, { openedAt: 'asc' }, { shiftId: 'asc' }],
  });
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
        businessDate: isoDateOf(shift.businessDate),
        status,
        kind: status === 'closed' ? 'Z' : 'X',
        openedBy: shift.openedBy,
        openedAt: shift.openedAt.toISOString(),
        closedBy: shift.closedBy,
        closedAt: shift.closedAt?.toISOString() ?? null,
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
