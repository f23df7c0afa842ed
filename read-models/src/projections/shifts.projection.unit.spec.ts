import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmShifts } from '../tables.js';
import { fold } from '../testing/fold.js';
import { CASHIER, MANAGER, ORG, REGISTER, STORE, id } from '../testing/fixtures.js';
import { createTestLedger } from '../testing/ledger.js';
import { shiftsProjection } from './shifts.projection.js';

const SHIFT = id(0x8_0001);
const OPENED_AT = '2026-11-24T17:00:00+05:30';
const CLOSED_AT = '2026-11-25T01:10:00+05:30';

const moveCash = (
  ledger: ReturnType<typeof createTestLedger>,
  n: number,
  direction: string,
  amountPaise: number,
  at: string,
) =>
  ledger.shift(
    SHIFT,
    {
      type: 'MoveCash',
      data: { shiftId: SHIFT, movementId: id(0x9_0000 + n), direction, amountPaise, reason: 'float top-up', at },
    },
    at,
    STORE,
  );

const nightShift = () => {
  const ledger = createTestLedger();
  ledger.shift(
    SHIFT,
    {
      type: 'OpenShift',
      data: {
        shiftId: SHIFT,
        storeId: STORE,
        registerId: REGISTER,
        openedBy: CASHIER,
        floatPaise: 200_000,
        openedAt: OPENED_AT,
      },
    },
    OPENED_AT,
    STORE,
  );
  moveCash(ledger, 1, 'in', 50_000, '2026-11-24T19:00:00+05:30');
  moveCash(ledger, 2, 'out', 30_000, '2026-11-24T22:00:00+05:30');
  return ledger;
};

const opened = {
  org_id: ORG,
  shift_id: SHIFT,
  store_id: STORE,
  register_id: REGISTER,
  opened_by: CASHIER,
  opened_at: OPENED_AT,
  business_date: '2026-11-24',
  status: 'open',
  float_paise: 200_000,
  cash_in_paise: 50_000,
  cash_out_paise: 30_000,
  closed_by: null,
  closed_at: null,
  cash_sales_paise: null,
  change_given_paise: null,
  cash_refunds_paise: null,
  expected_cash_paise: null,
  counted_cash_paise: null,
  variance_paise: null,
};

describe('shifts projection', () => {
  describe('given an open shift with cash moved in and out', () => {
    it('shows the float and the running cash in and out', () => {
      expect(rowsOf(fold([shiftsProjection], nightShift().events), rmShifts)).toEqual([opened]);
    });
  });

  describe('given the shift closed after midnight with the drawer short', () => {
    it('records the drawer figures as closed and keeps the business date it opened on', () => {
      const ledger = nightShift();
      // The night's cash sales and a cash refund, as the drawer workflow records them on the shift.
      const drawer = (n: number, movement: 'sale' | 'refund', cash: Record<string, number>) =>
        ledger.shift(
          SHIFT,
          {
            type: 'RecordDrawerCash',
            data: {
              shiftId: SHIFT,
              orderId: id(0x7_0100 + n),
              sourceEventId: id(0x7_0200 + n),
              movement,
              cashTenderedPaise: 0,
              changeGivenPaise: 0,
              cashRefundedPaise: 0,
              ...cash,
            },
          },
          CLOSED_AT,
          STORE,
        );
      drawer(1, 'sale', { cashTenderedPaise: 70_000, changeGivenPaise: 9_000 });
      drawer(2, 'sale', { cashTenderedPaise: 50_000, changeGivenPaise: 6_000 });
      drawer(3, 'refund', { cashRefundedPaise: 1_000 });
      ledger.shift(
        SHIFT,
        {
          type: 'CloseShift',
          data: { shiftId: SHIFT, countedCashPaise: 323_000, closedAt: CLOSED_AT, closedBy: MANAGER },
        },
        CLOSED_AT,
        STORE,
      );
      expect(rowsOf(fold([shiftsProjection], ledger.events), rmShifts)).toEqual([
        {
          ...opened,
          status: 'closed',
          closed_by: MANAGER,
          closed_at: CLOSED_AT,
          cash_sales_paise: 120_000,
          change_given_paise: 15_000,
          cash_refunds_paise: 1_000,
          // 200000 float + 120000 sales − 15000 change − 1000 refunds + 50000 in − 30000 out.
          expected_cash_paise: 324_000,
          // ₹10 short: counted − expected.
          counted_cash_paise: 323_000,
          variance_paise: -1_000,
        },
      ]);
    });
  });
});
