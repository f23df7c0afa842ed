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
 * Days past due as of a date: `current` is not yet due; a bucket's bounds are days after the due
 * date, both included, so an invoice due today is 0 days past due.
 */
export const AgingBucket = z.enum(['current', '0-30', '31-60', '61-90', '90+']);
export type AgingBucket = z.infer<typeof AgingBucket>;

export const agingBucketOf = (daysPastDue: number): AgingBucket =>
  daysPastDue < 0
    ? 'current'
    : daysPastDue <= 30
      ? '0-30'
      : daysPastDue <= 60
        ? '31-60'
        : daysPastDue <= 90
          ? '61-90'
          : '90+';

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
  /** Negative while not yet due. */
  daysPastDue: z.number().int(),
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
  /** Most overdue first, then by invoice number. */
  rows: z.array(ReceivableRow),
  /** Every bucket, in order, zero when empty. */
  aging: z.array(AgingTotal),
  outstandingPaise: Paise,
});
export type ReceivablesReport = z.infer<typeof ReceivablesReport>;

type Outstanding = Omit<ReceivableRow, 'daysPastDue' | 'bucket'>;

/** Ages each invoice as of `asOf` and totals the buckets. */
export const ageReceivables = (
  invoices: ReadonlyArray<Outstanding>,
  asOf: string,
): Pick<ReceivablesReport, 'rows' | 'aging' | 'outstandingPaise'> => {
  const rows = invoices
    .map((invoice) => {
      const daysPastDue = daysBetween(invoice.dueDate, asOf);
      return { ...invoice, daysPastDue, bucket: agingBucketOf(daysPastDue) };
    })
    .sort(
      (a, b) =>
        b.daysPastDue - a.daysPastDue ||
        (a.invoiceNumber < b.invoiceNumber ? -1 : a.invoiceNumber > b.invoiceNumber ? 1 : 0),
    );
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
