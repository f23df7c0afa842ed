import { z } from 'zod';
import { Uuid } from '../ids.js';
import { Paise } from '../money.js';
import { Count, PeriodFields, periodQuery, reportHeader } from './period.js';

export const CustomersQuery = periodQuery({
  /** The best customers first, by net spend; at most this many rows. */
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type CustomersQuery = z.infer<typeof CustomersQuery>;

/**
 * A named customer's orders over the period in the covered stores: visits are orders, spend is
 * what they were charged, `netSpendPaise = spendPaise − refundedPaise − voidedPaise`. The name is
 * decrypted when the report is read; an erased customer reads as "erased customer", their figures
 * unchanged.
 */
export const CustomerRow = z.object({
  customerId: Uuid,
  name: z.string(),
  visits: Count,
  spendPaise: Paise,
  refundedPaise: Paise,
  voidedPaise: Paise,
  netSpendPaise: Paise,
});
export type CustomerRow = z.infer<typeof CustomerRow>;

export const CustomersReport = z.object({
  ...reportHeader('customers'),
  ...PeriodFields,
  rows: z.array(CustomerRow),
  /** Every named customer of the period, not only the rows shown. */
  customers: Count,
  totals: z.object({ visits: Count, netSpendPaise: Paise }),
});
export type CustomersReport = z.infer<typeof CustomersReport>;
