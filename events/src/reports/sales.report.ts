import { z } from 'zod';
import { Paise } from '../money.js';
import { IsoDate } from '../time.js';
import { Count, PeriodFields, periodQuery, reportHeader } from './period.js';

export const SalesQuery = periodQuery({
  /** One row per business date, or per business date and hour (store-local, 0–23). */
  by: z.enum(['hour', 'day'], { error: 'must be hour or day' }).default('day'),
});
export type SalesQuery = z.infer<typeof SalesQuery>;

/**
 * Sales figures of a period, summed over the stores the report covers. Voids and refunds count
 * when they happened, not on the sale's date (see the sales-by-hour projection), so a closed day
 * never changes. Every row and the totals add up:
 *
 * - gross − discount + service charge − tax included = taxable. Gross is at menu prices, so for
 *   items priced with tax included it holds their tax (`taxIncludedPaise`); service charge is
 *   taxed like the food, so it is part of taxable, not beside it;
 * - taxable + tax + round-off = payable, what the guests' bills came to;
 * - payable + tips = collected, what the guests paid (tips go to the staff, not to sales);
 * - voided = voided taxable + voided tax + voided round-off, and the same for refunded;
 * - net = payable − voided − refunded.
 */
export const SalesFigures = z.object({
  orders: Count,
  grossPaise: Paise,
  discountPaise: Paise,
  serviceChargePaise: Paise,
  taxIncludedPaise: Paise,
  taxablePaise: Paise,
  taxPaise: Paise,
  roundOffPaise: Paise,
  payablePaise: Paise,
  tipsPaise: Paise,
  collectedPaise: Paise,
  voids: Count,
  voidedPaise: Paise,
  voidedTaxablePaise: Paise,
  voidedTaxPaise: Paise,
  voidedRoundOffPaise: Paise,
  refunds: Count,
  refundedPaise: Paise,
  refundedTaxablePaise: Paise,
  refundedTaxPaise: Paise,
  refundedRoundOffPaise: Paise,
  netPaise: Paise,
});
export type SalesFigures = z.infer<typeof SalesFigures>;

export const SalesRow = z.object({
  businessDate: IsoDate,
  /** Store-local hour 0–23 when the report is by hour; null by day. */
  hour: z.number().int().min(0).max(23).nullable(),
  ...SalesFigures.shape,
});
export type SalesRow = z.infer<typeof SalesRow>;

export const SalesReport = z.object({
  ...reportHeader('sales'),
  ...PeriodFields,
  by: z.enum(['hour', 'day']),
  /** Oldest first; a date or hour with no sale has no row. */
  rows: z.array(SalesRow),
  totals: SalesFigures,
});
export type SalesReport = z.infer<typeof SalesReport>;
