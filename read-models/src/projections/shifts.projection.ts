import { businessTimeOf } from '../business-time.js';
import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { increment, update, upsert } from '../row-change.js';
import { rmShifts } from '../tables.js';

/**
 * One row per cash-drawer shift: opened with its float, cash moved in and out while open, and on
 * close the drawer figures exactly as ShiftClosed recorded them (the event is checked to add up,
 * so nothing is recomputed here). The business date is the opening's, in the store's zone: a
 * night shift that closes after midnight belongs to the day it opened.
 */
export const shiftsProjection: Projection = {
  name: 'shifts',
  tables: [rmShifts.name],
  eventTypes: ['ShiftOpened', 'CashMoved', 'ShiftClosed'],
  project: (event, context) => {
    const decoded = decode(event);
    if (decoded === null) return [];
    switch (decoded.type) {
      case 'ShiftOpened': {
        const { shiftId, storeId, registerId, openedBy, floatPaise, openedAt } = decoded.data;
        return [
          upsert(
            rmShifts,
            { org_id: event.orgId, shift_id: shiftId },
            {
              store_id: storeId,
              register_id: registerId,
              opened_by: openedBy,
              opened_at: openedAt,
              business_date: businessTimeOf(event.occurredAt, storeId, context).business_date,
              status: 'open',
              float_paise: floatPaise,
              cash_in_paise: 0,
              cash_out_paise: 0,
            },
          ),
        ];
      }
      case 'CashMoved': {
        // The row exists: ShiftOpened is the first event of the shift's stream.
        const { shiftId, direction, amountPaise } = decoded.data;
        return [
          increment(
            rmShifts,
            { org_id: event.orgId, shift_id: shiftId },
            direction === 'in' ? { cash_in_paise: amountPaise } : { cash_out_paise: amountPaise },
          ),
        ];
      }
      case 'ShiftClosed': {
        const { data } = decoded;
        return [
          update(
            rmShifts,
            { org_id: event.orgId, shift_id: data.shiftId },
            {
              status: 'closed',
              closed_by: data.closedBy,
              closed_at: data.closedAt,
              cash_in_paise: data.cashInPaise,
              cash_out_paise: data.cashOutPaise,
              cash_sales_paise: data.cashTakings.cashSalesPaise,
              change_given_paise: data.cashTakings.changeGivenPaise,
              cash_refunds_paise: data.cashTakings.cashRefundsPaise,
              expected_cash_paise: data.expectedCashPaise,
              counted_cash_paise: data.countedCashPaise,
              variance_paise: data.variancePaise,
            },
          ),
        ];
      }
      default:
        return [];
    }
  },
};
