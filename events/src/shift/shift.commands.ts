import { z } from 'zod';
import { Uuid } from '../ids.js';
import { OffsetDateTime } from '../time.js';

/**
 * Amounts are only checked to be numbers here; the decider checks them as safe integer paise with
 * `checkPaise`, so a fraction or a negative float is refused with a money code naming the field.
 */
const Amount = z.number({ error: 'must be a number of paise' });

export const OpenShift = z.object({
  type: z.literal('OpenShift'),
  data: z.object({
    shiftId: Uuid,
    storeId: Uuid,
    registerId: Uuid,
    /** The cashier who counts the float in and answers for the drawer. */
    openedBy: Uuid,
    /** Cash in the drawer at the start. */
    floatPaise: Amount,
    openedAt: OffsetDateTime,
  }),
});
export type OpenShift = z.infer<typeof OpenShift>;

/** A pay-in, a pay-out or a safe drop: cash that enters or leaves the drawer outside a sale. */
export const MoveCash = z.object({
  type: z.literal('MoveCash'),
  data: z.object({
    shiftId: Uuid,
    /** Minted by the register; a retry carries the same id and changes nothing. */
    movementId: Uuid,
    direction: z.enum(['in', 'out']),
    amountPaise: Amount,
    reason: z.string().trim().min(1, { message: 'must say why the cash moved' }).max(200),
    at: OffsetDateTime,
  }),
});
export type MoveCash = z.infer<typeof MoveCash>;

export const CloseShift = z.object({
  type: z.literal('CloseShift'),
  data: z.object({
    shiftId: Uuid,
    /** The cash the closing cashier counted in the drawer. */
    countedCashPaise: Amount,
    closedAt: OffsetDateTime,
    closedBy: Uuid,
    /**
     * Gathered by the handler from the orders recorded against this shift: this stream cannot see
     * the order streams, so these are facts handed to the decider, like time and ids.
     */
    cashTakings: z.object({
      /** Cash tendered on this shift's orders, change included. */
      cashSalesPaise: Amount,
      changeGivenPaise: Amount,
      cashRefundsPaise: Amount,
    }),
  }),
});
export type CloseShift = z.infer<typeof CloseShift>;

export const ShiftCommand = z.discriminatedUnion('type', [OpenShift, MoveCash, CloseShift]);
export type ShiftCommand = z.infer<typeof ShiftCommand>;
