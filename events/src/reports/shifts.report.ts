import { z } from 'zod';
import { Uuid } from '../ids.js';
import { Paise } from '../money.js';
import { TenderKind } from '../payment/tender.js';
import { IsoDate } from '../time.js';
import { Count, PeriodFields, periodQuery, reportHeader } from './period.js';

export const ShiftsQuery = periodQuery({});
export type ShiftsQuery = z.infer<typeof ShiftsQuery>;

/**
 * A cash-drawer shift opened on a business date of the period. An open shift is an X report:
 * float and cash moved so far; its cash takings, expected and counted cash are gathered when it
 * closes, so they are null until then. A closed shift is a Z report, with the figures the close
 * recorded: `expected = float + cash in − cash out + cash sales − change − cash refunds`,
 * `variance = counted − expected` (negative when the drawer is short).
 */
export const ShiftRow = z.object({
  shiftId: Uuid,
  storeId: Uuid,
  registerId: Uuid,
  businessDate: IsoDate,
  status: z.enum(['open', 'closed']),
  kind: z.enum(['X', 'Z']),
  openedBy: Uuid,
  /** ISO 8601, UTC. */
  openedAt: z.string(),
  closedBy: Uuid.nullable(),
  closedAt: z.string().nullable(),
  floatPaise: Paise,
  cashInPaise: Paise,
  cashOutPaise: Paise,
  cashSalesPaise: Paise.nullable(),
  changeGivenPaise: Paise.nullable(),
  cashRefundsPaise: Paise.nullable(),
  expectedCashPaise: Paise.nullable(),
  countedCashPaise: Paise.nullable(),
  variancePaise: Paise.nullable(),
});
export type ShiftRow = z.infer<typeof ShiftRow>;

/** What one seal's events put towards bills by one tender kind (cash handed over less change). */
export const SealTenderRow = z.object({ tenderKind: TenderKind, tenders: Count, appliedPaise: Paise });
export type SealTenderRow = z.infer<typeof SealTenderRow>;

/**
 * One seal of a store's business date: its close (`amendment` 0) or an amendment (1, 2, …) that
 * sealed events of the date stored after the seal before it — an offline till's late replay, a
 * correction. The money figures are what the seal's own events hold (the sales placed on the
 * date, their tenders, and the voids and refunds made on the date), so a close's figures are the
 * day as it was closed and each amendment's are what it added: the date's figures now are their
 * sum. `sealedBy` is who closed or amended (a user, or the register whose Z report closed the
 * day); `sealedByName` is that user's name, null for a register or a user not known by name.
 */
export const DaySealRow = z.object({
  storeId: Uuid,
  businessDate: IsoDate,
  kind: z.enum(['close', 'amendment']),
  amendment: Count,
  /** ISO 8601, UTC. */
  sealedAt: z.string(),
  sealedBy: Uuid,
  sealedByName: z.string().nullable(),
  /** The org's audit key that signed the seal. */
  keyId: z.string(),
  /** Every event the seal covers, money or not. */
  eventCount: Count,
  sales: Count,
  payablePaise: Paise,
  voids: Count,
  voidedPaise: Paise,
  refunds: Count,
  refundedPaise: Paise,
  /** In the order of the tender kinds; a kind the seal's events did not use has no entry. */
  tenders: z.array(SealTenderRow),
});
export type DaySealRow = z.infer<typeof DaySealRow>;

export const ShiftsReport = z.object({
  ...reportHeader('shifts'),
  ...PeriodFields,
  /** By business date, then opening time. */
  rows: z.array(ShiftRow),
  /**
   * The audit seals of the period's business dates in the covered stores, by store and date,
   * each date's close first and then its amendments in order: a Z report read after a close shows
   * whether the day's figures changed since, and by how much. A date not yet closed has none.
   */
  seals: z.array(DaySealRow),
});
export type ShiftsReport = z.infer<typeof ShiftsReport>;
