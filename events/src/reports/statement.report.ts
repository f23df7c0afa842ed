import { z } from 'zod';
import { Uuid } from '../ids.js';
import { Paise, sumPaise } from '../money.js';
import { IsoDate } from '../time.js';
import { PeriodFields, periodQuery, reportHeader } from './period.js';

export const StatementQuery = periodQuery({ customerId: Uuid });
export type StatementQuery = z.infer<typeof StatementQuery>;

export const StatementEntryKind = z.enum(['invoice', 'correction', 'credit_note', 'debit_note', 'payment', 'discount']);
export type StatementEntryKind = z.infer<typeof StatementEntryKind>;

export const StatementRow = z.object({
  date: IsoDate,
  kind: StatementEntryKind,
  invoiceId: Uuid,
  invoiceNumber: z.string(),
  /** The credit or debit note's own number, or the payment's reference. */
  documentNumber: z.string().nullable(),
  /** Raises what the customer owes: an invoice, a debit note, a correction upwards. */
  debitPaise: Paise,
  /** Lowers it: a payment, a credit note, an early-payment discount, a correction downwards. */
  creditPaise: Paise,
  balancePaise: Paise,
});
export type StatementRow = z.infer<typeof StatementRow>;

/**
 * A customer's statement of account over the period: what was owed before it, each invoice,
 * correction, credit note, debit note, payment and early-payment discount in it by date with the
 * running balance, and what is owed at its end. Only invoices of the stores the caller may read
 * count; `customerName` is null when the customer has no invoice there.
 */
export const StatementReport = z.object({
  ...reportHeader('statement'),
  ...PeriodFields,
  customerId: Uuid,
  customerName: z.string().nullable(),
  customerGstin: z.string().nullable(),
  openingBalancePaise: Paise,
  rows: z.array(StatementRow),
  debitPaise: Paise,
  creditPaise: Paise,
  closingBalancePaise: Paise,
});
export type StatementReport = z.infer<typeof StatementReport>;

type Entry = Omit<StatementRow, 'balancePaise'>;

/** The running balance over entries already in order, from the opening balance. */
export const statementOf = (
  openingBalancePaise: number,
  entries: ReadonlyArray<Entry>,
): Pick<StatementReport, 'openingBalancePaise' | 'rows' | 'debitPaise' | 'creditPaise' | 'closingBalancePaise'> => {
  let balance = openingBalancePaise;
  const rows = entries.map((entry) => {
    balance = balance + entry.debitPaise - entry.creditPaise;
    return { ...entry, balancePaise: balance };
  });
  return {
    openingBalancePaise,
    rows,
    debitPaise: sumPaise(entries.map((entry) => entry.debitPaise)),
    creditPaise: sumPaise(entries.map((entry) => entry.creditPaise)),
    closingBalancePaise: balance,
  };
};
