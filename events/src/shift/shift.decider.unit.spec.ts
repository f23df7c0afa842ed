import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider.js';
import { spec } from '../testing/decider-spec.js';
import { AT, CASHIER, LATER, REGISTER, STORE, id } from '../testing/fixtures.js';
import type { CloseShift, MoveCash, OpenShift, RecordDrawerCash, ShiftCommand } from './shift.commands.js';
import { shiftDecider, shiftEventDefinitions } from './shift.decider.js';
import { ShiftClosed, type CashMoved, type DrawerCashRecorded, type ShiftOpened } from './shift.events.js';

const SHIFT = id(0x5f);
const OTHER_SHIFT = id(0x60);
const MANAGER = id(0xcb);
const movementId = (n: number) => id(0x400 + n);

const openShift: OpenShift = {
  type: 'OpenShift',
  data: { shiftId: SHIFT, storeId: STORE, registerId: REGISTER, openedBy: CASHIER, floatPaise: 500_000, openedAt: AT },
};
const opened: ShiftOpened = { type: 'ShiftOpened', data: openShift.data };

const moveCash = (n: number, direction: 'in' | 'out', amountPaise: number, reason = 'safe drop'): MoveCash => ({
  type: 'MoveCash',
  data: { shiftId: SHIFT, movementId: movementId(n), direction, amountPaise, reason, at: AT },
});
const moved = (n: number, direction: 'in' | 'out', amountPaise: number): CashMoved => ({
  type: 'CashMoved',
  data: moveCash(n, direction, amountPaise).data,
});

const orderId = (n: number) => id(0x500 + n);
const sourceEventId = (n: number) => id(0x600 + n);
type Cash = Pick<RecordDrawerCash['data'], 'cashTenderedPaise' | 'changeGivenPaise' | 'cashRefundedPaise'>;
const NONE: Cash = { cashTenderedPaise: 0, changeGivenPaise: 0, cashRefundedPaise: 0 };
const recordCash = (
  n: number,
  movement: RecordDrawerCash['data']['movement'],
  cash: Partial<Cash>,
): RecordDrawerCash => ({
  type: 'RecordDrawerCash',
  data: { shiftId: SHIFT, orderId: orderId(n), sourceEventId: sourceEventId(n), movement, ...NONE, ...cash },
});
const recorded = (
  n: number,
  movement: RecordDrawerCash['data']['movement'],
  cash: Partial<Cash>,
): DrawerCashRecorded => ({
  type: 'DrawerCashRecorded',
  data: recordCash(n, movement, cash).data,
});

/** Two cash sales, one of them voided, and a cash refund: what the shift's orders moved through the drawer. */
const drawerRecords = [
  recorded(1, 'sale', { cashTenderedPaise: 1_250_000, changeGivenPaise: 150_000 }),
  recorded(2, 'sale', { cashTenderedPaise: 90_000, changeGivenPaise: 4_000 }),
  recorded(2, 'void', { cashTenderedPaise: 90_000, changeGivenPaise: 4_000 }),
  recorded(3, 'refund', { cashRefundedPaise: 20_000 }),
];
const takings = { cashSalesPaise: 1_250_000, changeGivenPaise: 150_000, cashRefundsPaise: 20_000 };
const closeShift = (countedCashPaise: number): CloseShift => ({
  type: 'CloseShift',
  data: { shiftId: SHIFT, countedCashPaise, closedAt: LATER, closedBy: MANAGER },
});

/** float 5,000.00 + sales 12,500.00 − change 1,500.00 − refunds 200.00 + in 300.00 − out 4,000.00 */
const EXPECTED = 500_000 + 1_250_000 - 150_000 - 20_000 + 30_000 - 400_000;
const closed = (countedCashPaise: number): ShiftClosed => ({
  type: 'ShiftClosed',
  data: {
    shiftId: SHIFT,
    closedBy: MANAGER,
    closedAt: LATER,
    floatPaise: 500_000,
    cashTakings: takings,
    cashInPaise: 30_000,
    cashOutPaise: 400_000,
    expectedCashPaise: EXPECTED,
    countedCashPaise,
    variancePaise: countedCashPaise - EXPECTED,
  },
});
const workedShift = [opened, moved(1, 'in', 30_000), ...drawerRecords, moved(2, 'out', 400_000)];

describe('shift that was never opened', () => {
  const given = spec(shiftDecider).given([]);

  it('opens with the float counted into the drawer', () => {
    given.when(openShift).then([opened]);
  });

  it('opens with an empty drawer: a float of zero is allowed', () => {
    given.when({ ...openShift, data: { ...openShift.data, floatPaise: 0 } }).thenEvents(([event]) => {
      expect(event).toEqual({ type: 'ShiftOpened', data: { ...openShift.data, floatPaise: 0 } });
    });
  });

  it('refuses a negative or fractional float', () => {
    given
      .when({ ...openShift, data: { ...openShift.data, floatPaise: -1 } })
      .thenFails('MONEY.TOO_SMALL', 'data.floatPaise');
    given
      .when({ ...openShift, data: { ...openShift.data, floatPaise: 10.5 } })
      .thenFails('MONEY.NOT_INTEGER_PAISE', 'data.floatPaise');
  });

  it('refuses to move cash before the shift is open', () => {
    given.when(moveCash(1, 'in', 100)).thenFails('SHIFT.NOT_OPEN', 'data.shiftId');
  });

  it('refuses to record drawer cash on a shift that was never opened', () => {
    given.when(recordCash(1, 'sale', { cashTenderedPaise: 100 })).thenFails('SHIFT.NOT_OPEN', 'data.shiftId');
  });

  it('refuses to close a shift that was never opened', () => {
    given.when(closeShift(0)).thenFails('SHIFT.NOT_OPEN', 'data.shiftId');
  });

  it('refuses a malformed command from an untrusted caller, naming the field', () => {
    given
      .when({ ...openShift, data: { ...openShift.data, openedAt: 'lunchtime' } })
      .thenFails('VALIDATION.INVALID', 'data.openedAt');
    given
      .when({ ...openShift, data: { ...openShift.data, floatPaise: '5000' } } as unknown as ShiftCommand)
      .thenFails('VALIDATION.INVALID', 'data.floatPaise');
    given.when({ type: 'ReopenShift', data: {} } as unknown as ShiftCommand).thenFails('VALIDATION.INVALID', 'type');
  });
});

describe('shift that is open', () => {
  const given = spec(shiftDecider).given(workedShift);

  it('keeps the float, the running totals of cash in and out, the movement ids and the takings of its orders', () => {
    expect(foldEvents(shiftDecider, workedShift)).toEqual({
      status: 'open',
      shiftId: SHIFT,
      storeId: STORE,
      registerId: REGISTER,
      openedBy: CASHIER,
      openedAt: AT,
      floatPaise: 500_000,
      cashInPaise: 30_000,
      cashOutPaise: 400_000,
      movementIds: [movementId(1), movementId(2)],
      cashTakings: takings,
    });
    expect(shiftDecider.isTerminal?.(foldEvents(shiftDecider, workedShift))).toBe(false);
  });

  it('refuses to open the same shift again', () => {
    given.when(openShift).thenFails('SHIFT.ALREADY_OPEN', 'data.shiftId');
  });

  it('records a pay-in and a pay-out', () => {
    given.when(moveCash(3, 'in', 5_000)).then([moved(3, 'in', 5_000)]);
    given.when(moveCash(3, 'out', 5_000)).then([moved(3, 'out', 5_000)]);
  });

  it('records a pay-out larger than float and cash in: the sales cash in the drawer is not visible here', () => {
    given.when(moveCash(3, 'out', 10_000_000)).then([moved(3, 'out', 10_000_000)]);
  });

  it('refuses a movement of zero, a negative or a fractional amount', () => {
    given.when(moveCash(3, 'out', 0)).thenFails('MONEY.TOO_SMALL', 'data.amountPaise');
    given.when(moveCash(3, 'in', -100)).thenFails('MONEY.TOO_SMALL', 'data.amountPaise');
    given.when(moveCash(3, 'in', 99.5)).thenFails('MONEY.NOT_INTEGER_PAISE', 'data.amountPaise');
  });

  it('refuses a movement without a reason', () => {
    given.when(moveCash(3, 'in', 100, '  ')).thenFails('VALIDATION.INVALID', 'data.reason');
  });

  it('treats a repeated movement id as a retry that changes nothing', () => {
    given.when(moveCash(1, 'in', 30_000)).then([]);
  });

  it('refuses a movement whose running total would leave the safe-integer range', () => {
    spec(shiftDecider)
      .given([opened, moved(1, 'in', Number.MAX_SAFE_INTEGER)])
      .when(moveCash(2, 'in', 1))
      .thenFails('SHIFT.CASH_OUT_OF_RANGE', 'data.amountPaise');
  });

  it('refuses a command for another shift than the stream holds', () => {
    given
      .when({ ...moveCash(3, 'in', 100), data: { ...moveCash(3, 'in', 100).data, shiftId: OTHER_SHIFT } })
      .thenFails('SHIFT.WRONG_STREAM', 'data.shiftId');
    given
      .when({ ...closeShift(0), data: { ...closeShift(0).data, shiftId: OTHER_SHIFT } })
      .thenFails('SHIFT.WRONG_STREAM', 'data.shiftId');
  });

  it('closes with expected = float + cash sales − change − refunds + cash in − cash out, and variance = counted − expected', () => {
    given.when(closeShift(EXPECTED)).then([closed(EXPECTED)]);
  });

  it('records a short drawer as a negative variance and an over drawer as a positive one', () => {
    given
      .when(closeShift(EXPECTED - 5_000))
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { variancePaise: -5_000 } }));
    given
      .when(closeShift(EXPECTED + 200))
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { variancePaise: 200 } }));
  });

  it('records a negative expected cash when refunds and pay-outs exceed what came in', () => {
    spec(shiftDecider)
      .given([
        { ...opened, data: { ...opened.data, floatPaise: 0 } },
        recorded(1, 'refund', { cashRefundedPaise: 1_000 }),
      ])
      .when(closeShift(0))
      .thenEvents(([event]) =>
        expect(event).toMatchObject({ data: { expectedCashPaise: -1_000, variancePaise: 1_000 } }),
      );
  });

  it('emits a close that passes its own schema, which recomputes the figures', () => {
    given
      .when(closeShift(EXPECTED - 123))
      .thenEvents(([event]) => expect(ShiftClosed.safeParse(event).success).toBe(true));
  });

  it('takes the takings from its drawer records, never from the request', () => {
    const claimed = {
      ...closeShift(EXPECTED),
      data: { ...closeShift(EXPECTED).data, cashTakings: { cashSalesPaise: 1 } },
    };
    given.when(claimed as unknown as CloseShift).then([closed(EXPECTED)]);
  });

  it('records the cash of a sale, a void and a refund', () => {
    given
      .when(recordCash(4, 'sale', { cashTenderedPaise: 5_000, changeGivenPaise: 500 }))
      .then([recorded(4, 'sale', { cashTenderedPaise: 5_000, changeGivenPaise: 500 })]);
    given
      .when(recordCash(1, 'void', { cashTenderedPaise: 1_250_000, changeGivenPaise: 150_000 }))
      .then([recorded(1, 'void', { cashTenderedPaise: 1_250_000, changeGivenPaise: 150_000 })]);
    given
      .when(recordCash(4, 'refund', { cashRefundedPaise: 700 }))
      .then([recorded(4, 'refund', { cashRefundedPaise: 700 })]);
  });

  it("refuses a void that takes back more cash than the shift's sales took in", () => {
    given
      .when(recordCash(4, 'void', { cashTenderedPaise: 1_250_001 }))
      .thenFails('SHIFT.VOID_EXCEEDS_TAKINGS', 'data.cashTenderedPaise');
  });

  it('refuses a negative or fractional drawer figure, naming it', () => {
    given.when(recordCash(4, 'sale', { cashTenderedPaise: -1 })).thenFails('MONEY.TOO_SMALL', 'data.cashTenderedPaise');
    given
      .when(recordCash(4, 'refund', { cashRefundedPaise: 0.5 }))
      .thenFails('MONEY.NOT_INTEGER_PAISE', 'data.cashRefundedPaise');
  });

  it('refuses a negative or fractional count, naming it', () => {
    given.when(closeShift(-1)).thenFails('MONEY.TOO_SMALL', 'data.countedCashPaise');
    given.when(closeShift(0.25)).thenFails('MONEY.NOT_INTEGER_PAISE', 'data.countedCashPaise');
  });

  it('refuses drawer cash or a close whose figures would leave the safe-integer range', () => {
    const max = Number.MAX_SAFE_INTEGER;
    spec(shiftDecider)
      .given([opened, recorded(1, 'sale', { cashTenderedPaise: max })])
      .when(recordCash(2, 'sale', { cashTenderedPaise: 1 }))
      .thenFails('SHIFT.CASH_OUT_OF_RANGE', 'data.cashTenderedPaise');
    spec(shiftDecider)
      .given([
        { ...opened, data: { ...opened.data, floatPaise: max } },
        recorded(1, 'sale', { cashTenderedPaise: max }),
      ])
      .when(closeShift(0))
      .thenFails('SHIFT.CASH_OUT_OF_RANGE', 'data.countedCashPaise');
    spec(shiftDecider)
      .given([
        { ...opened, data: { ...opened.data, floatPaise: 0 } },
        recorded(1, 'refund', { cashRefundedPaise: max }),
      ])
      .when(closeShift(max))
      .thenFails('SHIFT.CASH_OUT_OF_RANGE', 'data.countedCashPaise');
  });
});

describe('shift that is closed', () => {
  const history = [...workedShift, closed(EXPECTED - 5_000)];
  const given = spec(shiftDecider).given(history);

  it('is terminal and keeps the closing figures', () => {
    const state = foldEvents(shiftDecider, history);
    expect(shiftDecider.isTerminal?.(state)).toBe(true);
    expect(state).toMatchObject({
      status: 'closed',
      closedBy: MANAGER,
      closedAt: LATER,
      cashTakings: takings,
      countedCashPaise: EXPECTED - 5_000,
      expectedCashPaise: EXPECTED,
      variancePaise: -5_000,
    });
  });

  it('treats a close retried with identical figures as a no-op', () => {
    given.when(closeShift(EXPECTED - 5_000)).then([]);
  });

  it('refuses a second close with a different count', () => {
    given.when(closeShift(EXPECTED)).thenFails('SHIFT.ALREADY_CLOSED', 'data.shiftId');
  });

  it('refuses drawer cash after the count: it belongs to an open shift', () => {
    given.when(recordCash(4, 'sale', { cashTenderedPaise: 100 })).thenFails('SHIFT.ALREADY_CLOSED', 'data.shiftId');
  });

  it('refuses to move cash on a closed shift', () => {
    given.when(moveCash(3, 'in', 100)).thenFails('SHIFT.ALREADY_CLOSED', 'data.shiftId');
  });

  it('treats a movement recorded before the close and retried after it as a no-op', () => {
    given.when(moveCash(2, 'out', 400_000)).then([]);
  });

  it('refuses to open the closed shift again', () => {
    given.when(openShift).thenFails('SHIFT.ALREADY_CLOSED', 'data.shiftId');
  });

  it('refuses a command for another shift than the stream holds', () => {
    given
      .when({ ...closeShift(EXPECTED - 5_000), data: { ...closeShift(EXPECTED - 5_000).data, shiftId: OTHER_SHIFT } })
      .thenFails('SHIFT.WRONG_STREAM', 'data.shiftId');
  });
});

describe('shift events out of order', () => {
  it('leave the state as it was: evolve records, it does not judge', () => {
    expect(foldEvents(shiftDecider, [moved(1, 'in', 100), closed(0)])).toEqual({ status: 'none' });
  });
});

describe('shift event definitions', () => {
  it('list every shift event type at schema version 1', () => {
    expect(
      shiftEventDefinitions.map((definition) => [definition.schema.shape.type.value, definition.schemaVersion]),
    ).toEqual([
      ['ShiftOpened', 1],
      ['CashMoved', 1],
      ['DrawerCashRecorded', 1],
      ['ShiftClosed', 1],
    ]);
  });

  it('refuse a stored close whose expected cash does not follow from its figures', () => {
    const forged = closed(EXPECTED);
    const result = ShiftClosed.safeParse({
      ...forged,
      data: { ...forged.data, expectedCashPaise: EXPECTED + 100, variancePaise: -100 },
    });
    expect(result.error?.issues[0]?.path).toEqual(['data', 'expectedCashPaise']);
  });

  it('refuse a stored close whose variance is not counted − expected', () => {
    const forged = closed(EXPECTED);
    const result = ShiftClosed.safeParse({ ...forged, data: { ...forged.data, variancePaise: 1 } });
    expect(result.error?.issues[0]?.path).toEqual(['data', 'variancePaise']);
  });

  it('refuse a stored close with more change than cash tendered', () => {
    const forged = closed(EXPECTED);
    const cashTakings = { ...takings, changeGivenPaise: takings.cashSalesPaise + 1 };
    const result = ShiftClosed.safeParse({ ...forged, data: { ...forged.data, cashTakings } });
    expect(result.error?.issues[0]?.path).toEqual(['data', 'cashTakings', 'changeGivenPaise']);
  });

  it('refuse a stored close with a fractional figure without reaching the arithmetic', () => {
    const forged = closed(EXPECTED);
    const result = ShiftClosed.safeParse({ ...forged, data: { ...forged.data, floatPaise: 0.5 } });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['data', 'floatPaise']]);
  });
});
