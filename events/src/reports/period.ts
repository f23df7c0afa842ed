import { z } from 'zod';
import { Uuid } from '../ids.js';
import { daysBetween, IsoDate } from '../time.js';

/**
 * The longest period one report request covers, both ends counted: a leap year. A longer range
 * is asked for in pieces, so one request cannot scan an org's whole history.
 */
export const MAX_REPORT_DAYS = 366;

/** from ≤ to and at most MAX_REPORT_DAYS days, reported on `to`. */
const checkPeriod = (query: object, context: z.RefinementCtx): void => {
  const { from, to } = query as { from: string; to: string };
  const span = daysBetween(from, to);
  if (span < 0) context.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${from})` });
  else if (span + 1 > MAX_REPORT_DAYS)
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the period may cover at most ${MAX_REPORT_DAYS} days; it covers ${span + 1}`,
    });
};

/**
 * A report's query string: the store (optional — without it the report covers every store the
 * caller may read), the business dates `from` and `to` (store-local, both included), and the
 * report's own parameters. Unknown parameters are refused by name, so a misspelt `form=` is a
 * 400, not a silently unfiltered report.
 */
export const periodQuery = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject({ storeId: Uuid.optional(), from: IsoDate, to: IsoDate, ...shape }).superRefine(checkPeriod);

/**
 * The query of a report that is a balance now by default and a period's movements when asked:
 * without `from` and `to` it answers the balance now; with both, opening at `from`, what moved
 * and closing at `to`. One date without the other is refused, naming the missing one.
 */
export const balanceOrPeriodQuery = () =>
  z
    .strictObject({ storeId: Uuid.optional(), from: IsoDate.optional(), to: IsoDate.optional() })
    .superRefine((query, context) => {
      if (query.from === undefined && query.to === undefined) return;
      if (query.from === undefined || query.to === undefined) {
        const missing = query.from === undefined ? 'from' : 'to';
        context.addIssue({
          code: 'custom',
          path: [missing],
          message: 'a period needs both from and to; leave both out for the balance now',
        });
        return;
      }
      checkPeriod(query, context);
    });

/** The period a balance-or-period report covers, or null for the balance now. */
export const ReportPeriod = z.object({ from: IsoDate, to: IsoDate }).nullable();

/**
 * The query of a report that is a balance now, not a period's figure: `from` and `to` are refused
 * with `why` — what the read models keep instead of dated movements — rather than as unknown
 * fields, so the person who asked for a period reads why there is none.
 */
export const balanceQuery = (why: string) => {
  const refused = z.never({ error: `${why}; leave out from and to for the balance now` }).optional();
  return z.strictObject({ storeId: Uuid.optional(), from: refused, to: refused });
};

/** What every report answers with besides its rows: whose figures, which stores, which period. */
export const reportHeader = <Name extends string>(name: Name) => ({
  report: z.literal(name),
  orgId: Uuid,
  /** Exactly the stores the figures cover: the one asked for, or every store the caller may read. */
  storeIds: z.array(Uuid),
});

export const PeriodFields = { from: IsoDate, to: IsoDate };

/** A count or a quantity read back from a database sum; Zod's `int()` admits safe integers only. */
export const Count = z.number().int();
