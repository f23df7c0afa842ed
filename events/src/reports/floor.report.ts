import { z } from 'zod';
import { Uuid } from '../ids.js';
import { Paise } from '../money.js';
import { IsoDate } from '../time.js';
import { Count, PeriodFields, periodQuery, reportHeader } from './period.js';

export const FloorQuery = periodQuery({});
export type FloorQuery = z.infer<typeof FloorQuery>;

/**
 * Table service over the business dates a tab opened on. `averageBillPaise` is the settled tabs'
 * payable over their number and `averagePerCoverPaise` over their covers, each rounded half up to
 * the paisa (0 when there are none).
 */
export const FloorTotals = z.object({
  tabsOpened: Count,
  tabsSettled: Count,
  tabsClosedEmpty: Count,
  covers: Count,
  payablePaise: Paise,
  averageBillPaise: Paise,
  averagePerCoverPaise: Paise,
  /** Kitchen tickets (rounds fired) and bills printed, reprints among them. */
  tickets: Count,
  bills: Count,
  reprints: Count,
});
export type FloorTotals = z.infer<typeof FloorTotals>;

/** Settled tabs by the table they ended at (or the name a takeaway queue called them by). */
export const FloorTableRow = z.object({
  storeId: Uuid,
  table: z.string(),
  tabs: Count,
  covers: Count,
  payablePaise: Paise,
  averageBillPaise: Paise,
});
export type FloorTableRow = z.infer<typeof FloorTableRow>;

/**
 * A tab left open past its business date: still open now, or settled (or closed) on a later date
 * than it opened on. What a manager closing the day asks about.
 */
export const LeftOpenRow = z.object({
  storeId: Uuid,
  orderId: Uuid,
  table: z.string().nullable(),
  name: z.string().nullable(),
  covers: Count,
  businessDate: IsoDate,
  /** ISO 8601, UTC. */
  openedAt: z.string(),
  status: z.enum(['open', 'settled', 'closed_empty']),
  closedBusinessDate: IsoDate.nullable(),
  tickets: Count,
  bills: Count,
});
export type LeftOpenRow = z.infer<typeof LeftOpenRow>;

/**
 * Lines taken off tabs (kitchen-ticket cancellations) and orders voided, by who did it and why;
 * `afterBill` marks cancellations of lines the guest had seen on a printed bill. Voids are of the
 * period's sales. The staff member is the event's actor: a user, or a register acting as itself.
 */
export const ReversalByStaffRow = z.object({
  storeId: Uuid,
  kind: z.enum(['cancellation', 'void']),
  actorId: Uuid.nullable(),
  /** The user's or register's name, as the org's tenancy has it now. */
  staffName: z.string().nullable(),
  reason: z.string(),
  afterBill: z.boolean(),
  count: Count,
  quantity: Count,
  /** Cancellations: gross at the tab's price, before tax. Voids: the payable voided. */
  amountPaise: Paise,
});
export type ReversalByStaffRow = z.infer<typeof ReversalByStaffRow>;

export const FloorReport = z.object({
  ...reportHeader('floor'),
  ...PeriodFields,
  totals: FloorTotals,
  tables: z.array(FloorTableRow),
  leftOpen: z.array(LeftOpenRow),
  reversals: z.array(ReversalByStaffRow),
});
export type FloorReport = z.infer<typeof FloorReport>;
