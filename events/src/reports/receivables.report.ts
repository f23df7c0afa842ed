import { z } from 'zod';
import { Uuid } from '../ids.js';
import { Paise, sumPaise } from '../money.js';
import { daysBetween, IsoDate } from '../time.js';
import { Count, PeriodFields, periodQuery, reportHeader } from './period.js';

export const ReceivablesQuery = periodQuery({
  /** The date the invoices are aged at; the period's `to` when not given. */
  asOf: IsoDate.optional(),
});
export type ReceivablesQuery = z.infer<typeof ReceivablesQuery>;

/**
 * How far past its due date an invoice is, as of a date. The buckets do not overlap: `not-due` is
 * not yet past due (due today or later), and each other bucket's bounds are whole days past the
 * due date, both included.
 */
export const AgingBucket = z.enum(['not-due', '1-30', '31-60', '61-90', '90+']);
export type AgingBucket = z.infer<typeof AgingBucket>;

/** What a person reads for each bucket, in the CLI and the dashboard alike. */
export const AGING_BUCKET_LABELS: Readonly<Record<AgingBucket, string>> = {
  'not-due': 'Not yet due',
  '1-30': '1–30 days past due',
  '31-60': '31–60 days past due',
  '61-90': '61–90 days past due',
  '90+': 'Over 90 days past due',
};

/** The bucket of an invoice `days` after its due date (negative before it, 0 on it). */
export const agingBucketOf = (days: number): AgingBucket =>
  days <= 0 ? 'not-due' : days <= 30 ? '1-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+';

export const ReceivableRow = z.object({
  invoiceId: Uuid,
  storeId: Uuid,
  invoiceNumber: z.string(),
  customerId: Uuid,
  customerName: z.string(),
  customerGstin: z.string(),
  issueDate: IsoDate,
  dueDate: IsoDate,
  status: z.enum(['issued', 'overdue']),
  /** The invoice as last corrected. */
  payablePaise: Paise,
  /** Credit notes, debit notes and early-payment discounts against it: outstanding = payable − credited + debited − discount − paid. */
  creditedPaise: Paise,
  debitedPaise: Paise,
  discountPaise: Paise,
  paidPaise: Paise,
  outstandingPaise: Paise,
  /** Whole days past the due date; null while the invoice is not yet past due. */
  daysPastDue: z.number().int().min(1).nullable(),
  /** Days until the due date (0 when due today); null once it is past due. */
  daysUntilDue: z.number().int().min(0).nullable(),
  bucket: AgingBucket,
});
export type ReceivableRow = z.infer<typeof ReceivableRow>;

export const AgingTotal = z.object({ bucket: AgingBucket, invoices: Count, outstandingPaise: Paise });
export type AgingTotal = z.infer<typeof AgingTotal>;

/**
 * Invoices issued in the period that are not settled, aged as of `asOf`. Outstanding is what is
 * owed now: a payment recorded after `asOf` has already reduced it (the read model keeps no
 * payment history by date).
 */
export const ReceivablesReport = z.object({
  ...reportHeader('receivables'),
  ...PeriodFields,
  asOf: IsoDate,
  /** Most overdue first, then the soonest due, then by invoice number. */
  rows: z.array(ReceivableRow),
  /** Every bucket, in order, zero when empty. */
  aging: z.array(AgingTotal),
  outstandingPaise: Paise,
});
export type ReceivablesReport = z.infer<typeof ReceivablesReport>;

type Outstanding = Omit<ReceivableRow, 'daysPastDue' | 'daysUntilDue' | 'bucket'>;

/** Ages each invoice as of `asOf` and totals the buckets. */
export const ageReceivables = (
  invoices: ReadonlyArray<Outstanding>,
  asOf: string,
): Pick<ReceivablesReport, 'rows' | 'aging' | 'outstandingPaise'> => {
  const rows = invoices
    .map((invoice) => ({ invoice, days: daysBetween(invoice.dueDate, asOf) }))
    .sort(
      (a, b) =>
        b.days - a.days ||
        (a.invoice.invoiceNumber < b.invoice.invoiceNumber
          ? -1
          : a.invoice.invoiceNumber > b.invoice.invoiceNumber
            ? 1
            : 0),
    )
    .map(({ invoice, days }) => ({
      ...invoice,
      daysPastDue: days > 0 ? days : null,
      daysUntilDue: days > 0 ? null : 0 - days,
      bucket: agingBucketOf(days),
    }));
  const aging = AgingBucket.options.map((bucket) => {
    const inBucket = rows.filter((row) => row.bucket === bucket);
    return {
      bucket,
      invoices: inBucket.length,
      outstandingPaise: sumPaise(inBucket.map((row) => row.outstandingPaise)),
    };
  });
  return { rows, aging, outstandingPaise: sumPaise(rows.map((row) => row.outstandingPaise)) };
};
