import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';
import { Uuid } from '../ids.js';
import { CustomerConsent } from './customer.commands.js';
import { SealedPii } from './sealed-pii.js';

/** No field but `pii` may ever hold personal data: everything else is copied into read models. */
export const CustomerRegistered = z.object({
  type: z.literal('CustomerRegistered'),
  data: z.object({ customerId: Uuid, storeId: Uuid.nullable(), pii: SealedPii, consent: CustomerConsent }),
});
export type CustomerRegistered = z.infer<typeof CustomerRegistered>;

export const CustomerDetailsUpdated = z.object({
  type: z.literal('CustomerDetailsUpdated'),
  data: z.object({ customerId: Uuid, pii: SealedPii }),
});
export type CustomerDetailsUpdated = z.infer<typeof CustomerDetailsUpdated>;

export const CustomerConsentRecorded = z.object({
  type: z.literal('CustomerConsentRecorded'),
  data: z.object({ customerId: Uuid, consent: CustomerConsent }),
});
export type CustomerConsentRecorded = z.infer<typeof CustomerConsentRecorded>;

/** The customer's key is destroyed: every `pii` in the stream is unreadable from now on. */
export const CustomerForgotten = z.object({
  type: z.literal('CustomerForgotten'),
  data: z.object({ customerId: Uuid, keyIds: z.array(z.uuid()) }),
});
export type CustomerForgotten = z.infer<typeof CustomerForgotten>;

export type CustomerEvent = CustomerRegistered | CustomerDetailsUpdated | CustomerConsentRecorded | CustomerForgotten;

export const customerEventDefinitions: EventDefinition[] = [
  { schema: CustomerRegistered, schemaVersion: 1 },
  { schema: CustomerDetailsUpdated, schemaVersion: 1 },
  { schema: CustomerConsentRecorded, schemaVersion: 1 },
  { schema: CustomerForgotten, schemaVersion: 1 },
];
