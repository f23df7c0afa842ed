import { z } from 'zod';
import { Uuid } from '../ids.js';
import { NonNegativePaise, Paise, PositivePaise } from '../money.js';
import { OffsetDateTime } from '../time.js';
import { expectedDrawerCash } from './drawer-cash.js';

/**
 * Refinements run even after a figure failed its own refinement (a fraction is not an aborting
 * issue in Zod), and BigInt throws on a fraction: the arithmetic runs only over valid figures.
 */
const overValidFigures = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };

export const ShiftOpened = z.object({
  type: z.literal('ShiftOpened'),
  data: z.object({
    shiftId: Uuid,
    storeId: Uuid,
    registerId: Uuid,
    openedBy: Uuid,
    floatPaise: NonNegativePaise,
    openedAt: OffsetDateTime,
  }),
});
export type ShiftOpened = z.infer<typeof ShiftOpened>;

export const CashMoved = z.object({
  type: z.literal('CashMoved'),
  data: z.object({
    shiftId: Uuid,
    movementId: Uuid,
    direction: z.enum(['in', 'out']),
    amountPaise: PositivePaise,
    reason: z.string().min(1).max(200),
    at: OffsetDateTime,
  }),
});
export type CashMoved = z.infer<typeof CashMoved>;

/** Cash that moved through the drawer with an order event; the shift's takings are their sum. */
export const DrawerCashRecorded = z.object({
  type: z.literal('DrawerCashRecorded'),
  data: z.object({
    shiftId: Uuid,
    orderId: Uuid,
    sourceEventId: Uuid,
    movement: z.enum(['sale', 'void', 'refund']),
    cashTenderedPaise: NonNegativePaise,
    changeGivenPaise: NonNegativePaise,
    cashRefundedPaise: NonNegativePaise,
  }),
});
export type DrawerCashRecorded = z.infer<typeof DrawerCashRecorded>;

/**
 * The drawer count at the end of a shift. It carries every figure of the expected-cash formula, so
 * a reader (and the server re-validating an event from an offline register) can recompute
 * `expectedCashPaise` and `variancePaise` from the event alone; the schema refuses one that does
 * not add up. A negative variance means the drawer is short.
 */
export const ShiftClosed = z.object({
  type: z.literal('ShiftClosed'),
  data: z
    .object({
      shiftId: Uuid,
      closedBy: Uuid,
      closedAt: OffsetDateTime,
      floatPaise: NonNegativePaise,
      cashTakings: z.object({
        cashSalesPaise: NonNegativePaise,
        changeGivenPaise: NonNegativePaise,
        cashRefundsPaise: NonNegativePaise,
      }),
      cashInPaise: NonNegativePaise,
      cashOutPaise: NonNegativePaise,
      expectedCashPaise: Paise,
      countedCashPaise: NonNegativePaise,
      variancePaise: Paise,
    })
    .refine((data) => data.cashTakings.changeGivenPaise <= data.cashTakings.cashSalesPaise, {
      message: 'change given cannot exceed the cash tendered',
      path: ['cashTakings', 'changeGivenPaise'],
    })
    .refine((data) => BigInt(data.expectedCashPaise) === expectedDrawerCash(data), {
      message: 'must equal float + cash sales − change − cash refunds + cash in − cash out',
      path: ['expectedCashPaise'],
      ...overValidFigures,
    })
    .refine((data) => BigInt(data.variancePaise) === BigInt(data.countedCashPaise) - BigInt(data.expectedCashPaise), {
      message: 'must equal counted − expected',
      path: ['variancePaise'],
      ...overValidFigures,
    }),
});
export type ShiftClosed = z.infer<typeof ShiftClosed>;

/** The events of a `shift-<shiftId>` stream. */
export type ShiftEvent = ShiftOpened | CashMoved | DrawerCashRecorded | ShiftClosed;
