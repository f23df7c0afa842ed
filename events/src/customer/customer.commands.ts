import { z } from 'zod';
import { Gstin } from '../gst.js';
import { Uuid } from '../ids.js';
import { normaliseIndianPhone } from './phone.js';
import { SealedPii } from './sealed-pii.js';

export const CustomerPhone = z
  .string()
  .max(20)
  .refine((phone) => normaliseIndianPhone(phone) !== null, {
    message: 'must be an Indian phone number: ten digits starting 2-9, optionally after +91, 91 or 0',
  });

/** What a customer tells the till about themselves; it never reaches an event in clear. */
export const CustomerDetails = z.object({
  name: z.string().trim().min(1, { message: 'must not be empty' }).max(120),
  phone: CustomerPhone,
  email: z.email({ message: 'must be an email address' }).max(254).optional(),
  gstin: Gstin.optional(),
});
export type CustomerDetails = z.infer<typeof CustomerDetails>;

export const CustomerConsent = z.object({ marketing: z.boolean(), loyalty: z.boolean() });
export type CustomerConsent = z.infer<typeof CustomerConsent>;

/**
 * What the caller resolved before the decision: the details sealed under the customer's key, and
 * which customer (if any) the normalised phone already belongs to in the org.
 */
export const CustomerDetailsContext = z.object({ sealed: SealedPii, phoneOwner: Uuid.nullable() });
export type CustomerDetailsContext = z.infer<typeof CustomerDetailsContext>;

/** `storeId` is where the customer enrolled (and whose staff may do it); omitted, the org's. */
export const RegisterCustomer = z.object({
  type: z.literal('RegisterCustomer'),
  data: CustomerDetails.extend({ customerId: Uuid, storeId: Uuid.optional(), consent: CustomerConsent }),
});
export type RegisterCustomer = z.infer<typeof RegisterCustomer>;

export const UpdateCustomerDetails = z.object({
  type: z.literal('UpdateCustomerDetails'),
  data: CustomerDetails.extend({ customerId: Uuid, storeId: Uuid.optional() }),
});
export type UpdateCustomerDetails = z.infer<typeof UpdateCustomerDetails>;

export const RecordCustomerConsent = z.object({
  type: z.literal('RecordCustomerConsent'),
  data: CustomerConsent.extend({ customerId: Uuid, storeId: Uuid.optional() }),
});
export type RecordCustomerConsent = z.infer<typeof RecordCustomerConsent>;

/** The right to erasure: the customer's key and phone lookup are destroyed; the history stays. */
export const ForgetCustomer = z.object({
  type: z.literal('ForgetCustomer'),
  data: z.object({ customerId: Uuid }),
});
export type ForgetCustomer = z.infer<typeof ForgetCustomer>;

/** The commands as the decider takes them: the request plus what the caller resolved. */
export const CustomerCommand = z.discriminatedUnion('type', [
  RegisterCustomer.extend({ context: CustomerDetailsContext }),
  UpdateCustomerDetails.extend({ context: CustomerDetailsContext }),
  RecordCustomerConsent,
  ForgetCustomer,
]);
export type CustomerCommand = z.infer<typeof CustomerCommand>;
