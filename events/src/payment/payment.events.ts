import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { NonNegativePaise, PositivePaise } from '../money.js';
import { TenderKind } from './tender.js';
import { ImportMarker } from '../sales-import/import-marker.js';

/** One tender of a checkout, appended in the same commit as the OrderPlaced it pays. */
export const PaymentTendered = z.object({
  type: z.literal('PaymentTendered'),
  data: z.object({
    orderId: z.uuid(),
    paymentId: z.uuid(),
    kind: TenderKind,
    amountPaise: PositivePaise,
    changePaise: NonNegativePaise,
    appliedPaise: NonNegativePaise,
    tipPaise: NonNegativePaise,
    reference: z.string().optional(),
    accountId: z.uuid().optional(),
    /** Set when the event came with an import of past sales (sales-import/), not from a till. */
    imported: ImportMarker.optional(),
  }),
});
export type PaymentTendered = z.infer<typeof PaymentTendered>;

/** A tip added or corrected after the charge, as card slips are signed after the meal. */
export const TipAdjusted = z.object({
  type: z.literal('TipAdjusted'),
  data: z.object({
    orderId: z.uuid(),
    paymentId: z.uuid(),
    tipPaise: NonNegativePaise,
    previousTipPaise: NonNegativePaise,
  }),
});
export type TipAdjusted = z.infer<typeof TipAdjusted>;

export type PaymentEvent = PaymentTendered | TipAdjusted;

export const paymentEventDefinitions: EventDefinition[] = [
  { schema: PaymentTendered, schemaVersion: 1 },
  { schema: TipAdjusted, schemaVersion: 1 },
];
