import { z } from 'zod';
import { Uuid } from '../ids.js';
import { Paise } from '../money.js';
import { IsoDate } from '../time.js';
import { PeriodFields, periodQuery, reportHeader } from './period.js';

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

export const ShiftsReport = z.object({
  ...reportHeader('shifts'),
  ...PeriodFields,
  /** By business date, then opening time. */
  rows: z.array(ShiftRow),
});
export type ShiftsReport = z.infer<typeof ShiftsReport>;
