import { z } from 'zod';
import { NonNegativePaise } from '../money.js';
import { Tender } from './tender.js';

/**
 * The tender step of a checkout. The order decider issues it with the payable it computed, so
 * the sufficiency rules live here once; it is not sent by clients on its own.
 */
export const TenderPayments = z.object({
  type: z.literal('TenderPayments'),
  data: z.object({
    orderId: z.uuid(),
    payablePaise: NonNegativePaise,
    tenders: z.array(Tender).max(20),
  }),
});
export type TenderPayments = z.infer<typeof TenderPayments>;

export const AdjustTip = z.object({
  type: z.literal('AdjustTip'),
  data: z.object({
    orderId: z.uuid(),
    paymentId: z.uuid(),
    tipPaise: NonNegativePaise,
  }),
});
export type AdjustTip = z.infer<typeof AdjustTip>;

export type PaymentCommand = TenderPayments | AdjustTip;
