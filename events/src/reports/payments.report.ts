import { z } from 'zod';
import { Paise } from '../money.js';
import { TenderKind } from '../payment/tender.js';
import { Count, PeriodFields, periodQuery, reportHeader } from './period.js';

export const PaymentsQuery = periodQuery({});
export type PaymentsQuery = z.infer<typeof PaymentsQuery>;

/**
 * One tender kind's share of the period's takings. `appliedPaise` is what the tenders put towards
 * bills (cash handed over less change), so Σ applied = Σ payable of the sales report; tips are
 * on top. `netPaise = appliedPaise − refundedPaise − voidedPaise`.
 */
export const PaymentFigures = z.object({
  tenders: Count,
  appliedPaise: Paise,
  tipsPaise: Paise,
  refunds: Count,
  refundedPaise: Paise,
  voidedPaise: Paise,
  netPaise: Paise,
});
export type PaymentFigures = z.infer<typeof PaymentFigures>;

export const PaymentRow = z.object({ tenderKind: TenderKind, ...PaymentFigures.shape });
export type PaymentRow = z.infer<typeof PaymentRow>;

export const PaymentsReport = z.object({
  ...reportHeader('payments'),
  ...PeriodFields,
  /** In the order of the tender kinds (cash, card, upi, wallet, on_account); a kind unused has no row. */
  rows: z.array(PaymentRow),
  totals: PaymentFigures,
});
export type PaymentsReport = z.infer<typeof PaymentsReport>;
