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
  }),
});
export type CloseShift = z.infer<typeof CloseShift>;

/**
 * Cash a sale, void or refund moved through the drawer, recorded on the shift by the drawer
 * workflow (`shiftDrawerReactions`) from the order's events: never a request's figures. Issued by
 * a host, not served as a route.
 */
export const RecordDrawerCash = z.object({
  type: z.literal('RecordDrawerCash'),
  data: z.object({
    shiftId: Uuid,
    orderId: Uuid,
    /** The order event the cash moved with. */
    sourceEventId: Uuid,
    /** A sale adds to the takings; a void takes the sale's cash and change back out; a refund pays cash out. */
    movement: z.enum(['sale', 'void', 'refund']),
    cashTenderedPaise: Amount,
    changeGivenPaise: Amount,
    cashRefundedPaise: Amount,
  }),
});
export type RecordDrawerCash = z.infer<typeof RecordDrawerCash>;

export const ShiftCommand = z.discriminatedUnion('type', [OpenShift, MoveCash, RecordDrawerCash, CloseShift]);
export type ShiftCommand = z.infer<typeof ShiftCommand>;
