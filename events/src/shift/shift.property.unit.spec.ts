import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider.js';
import { DomainError } from '../errors.js';
import { AT, CASHIER, LATER, REGISTER, STORE, id } from '../testing/fixtures.js';
import type { ShiftCommand } from './shift.commands.js';
import { shiftDecider } from './shift.decider.js';
import { ShiftClosed, type ShiftEvent } from './shift.events.js';

const SHIFT = id(0x5f);

/** Up to ₹100 crore per figure: far beyond any drawer, well inside the safe-integer range. */
const amount = (min: number) => fc.integer({ min, max: 10_000_000_000 });

/** A cash sale (change is a share of what it tendered, never more) or a cash refund, as the drawer records it. */
const drawerCash = fc.oneof(
  fc
    .record({ cashTenderedPaise: amount(0), changeShare: fc.integer({ min: 0, max: 100 }) })
    .map(({ cashTenderedPaise, changeShare }) => ({
      movement: 'sale' as const,
      cashTenderedPaise,
      changeGivenPaise: Math.floor((cashTenderedPaise * changeShare) / 100),
      cashRefundedPaise: 0,
    })),
  amount(0).map((cashRefundedPaise) => ({
    movement: 'refund' as const,
    cashTenderedPaise: 0,
    changeGivenPaise: 0,
    cashRefundedPaise,
  })),
);

const decideAll = (commands: ReadonlyArray<ShiftCommand>): ShiftEvent[] => {
  const events: ShiftEvent[] = [];
  for (const command of commands) {
    const decision = shiftDecider.decide(command, foldEvents(shiftDecider, events));
    if (decision instanceof DomainError) throw decision;
    events.push(...decision);
  }
  return events;
};

describe('shift close arithmetic', () => {
  it('records expected = float + cash sales − change − refunds + in − out and variance = counted − expected, as safe integers', () => {
    const movement = fc.record({ direction: fc.constantFrom('in' as const, 'out' as const), amountPaise: amount(1) });
    fc.assert(
      fc.property(
        amount(0),
        fc.array(movement, { maxLength: 20 }),
        fc.array(drawerCash, { maxLength: 20 }),
        amount(0),
        (floatPaise, movements, drawer, countedCashPaise) => {
          const events = decideAll([
            {
              type: 'OpenShift',
              data: {
                shiftId: SHIFT,
                storeId: STORE,
                registerId: REGISTER,
                openedBy: CASHIER,
                floatPaise,
                openedAt: AT,
              },
            },
            ...movements.map((move, index): ShiftCommand => ({
              type: 'MoveCash',
              data: { shiftId: SHIFT, movementId: id(0x400 + index), ...move, reason: 'pay-out', at: AT },
            })),
            ...drawer.map((cash, index): ShiftCommand => ({
              type: 'RecordDrawerCash',
              data: { shiftId: SHIFT, orderId: id(0x500 + index), sourceEventId: id(0x600 + index), ...cash },
            })),
            {
              type: 'CloseShift',
              data: { shiftId: SHIFT, countedCashPaise, closedAt: LATER, closedBy: CASHIER },
            },
          ]);

          const close = events.at(-1);
          expect(close?.type).toBe('ShiftClosed');
          const data = (close as ShiftClosed).data;
          const total = (direction: 'in' | 'out') =>
            movements
              .filter((move) => move.direction === direction)
              .reduce((sum, move) => sum + BigInt(move.amountPaise), 0n);
          const sum = (figure: 'cashTenderedPaise' | 'changeGivenPaise' | 'cashRefundedPaise') =>
            drawer.reduce((total, cash) => total + BigInt(cash[figure]), 0n);
          const expected =
            BigInt(floatPaise) +
            sum('cashTenderedPaise') -
            sum('changeGivenPaise') -
            sum('cashRefundedPaise') +
            total('in') -
            total('out');

          expect(BigInt(data.cashInPaise)).toBe(total('in'));
          expect(BigInt(data.cashOutPaise)).toBe(total('out'));
          expect(BigInt(data.expectedCashPaise)).toBe(expected);
          expect(BigInt(data.variancePaise)).toBe(BigInt(countedCashPaise) - expected);
          for (const figure of [data.expectedCashPaise, data.variancePaise, data.cashInPaise, data.cashOutPaise]) {
            expect(Number.isSafeInteger(figure)).toBe(true);
          }
          expect(ShiftClosed.safeParse(close).success).toBe(true);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
