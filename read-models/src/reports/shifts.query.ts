import { TenderKind } from '@possier/events';
import { isoDate, isoInstant } from './as-text.js';
import { countOf, nullablePaiseOf, paiseOf } from './integers.js';
import type { ReadModelQuery, ReportQuery, ReportScope } from './report-query.js';

type Shift = {
  shiftId: string;
  storeId: string;
  registerId: string;
  businessDate: string;
  status: string;
  openedBy: string;
  openedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  floatPaise: string;
  cashInPaise: string;
  cashOutPaise: string;
  cashSalesPaise: string | null;
  changeGivenPaise: string | null;
  cashRefundsPaise: string | null;
  expectedCashPaise: string | null;
  countedCashPaise: string | null;
  variancePaise: string | null;
};

type Seal = {
  storeId: string;
  businessDate: string;
  kind: string;
  amendment: string;
  sealedAt: string;
  sealedBy: string;
  sealedByName: string | null;
  keyId: string;
  eventCount: string;
  sales: string;
  payablePaise: string;
  voids: string;
  voidedPaise: string;
  refunds: string;
  refundedPaise: string;
};

type SealTender = {
  storeId: string;
  businessDate: string;
  amendment: string;
  tenderKind: TenderKind;
  tenders: string;
  appliedPaise: string;
};

/**
 * The period's seals, each joined to the money events it covers: those of its store whose sale
 * time falls on its date in the seal's own zone (not the store's zone now, which may have changed
 * since), stored after `after_position` and up to `through_position`. Positions are fixed-width
 * tokens that sort in log order byte by byte, hence COLLATE "C". Grouped by the seal's key (which
 * lets the seal's other columns be selected as they are) and `groupBy`.
 */
const coveredTakings = (select: string, groupBy = '', where = 'true') => `
  SELECT s.store_id::text              AS "storeId",
         ${isoDate('s.business_date')} AS "businessDate",
         s.amendment::text             AS amendment,
         ${select}
    FROM rm_day_seals s
    LEFT JOIN rm_seal_takings t
      ON t.org_id = s.org_id AND t.store_id = s.store_id
     AND t.occurred_at >= (s.business_date::timestamp AT TIME ZONE s.time_zone)
     AND t.occurred_at < ((s.business_date + 1)::timestamp AT TIME ZONE s.time_zone)
     AND (s.after_position IS NULL OR t.log_position COLLATE "C" > s.after_position COLLATE "C")
     AND t.log_position COLLATE "C" <= s.through_position COLLATE "C"
    LEFT JOIN rm_users u ON u.org_id = s.org_id AND u.user_id = s.sealed_by
    LEFT JOIN rm_registers r ON r.org_id = s.org_id AND r.register_id = s.sealed_by
   WHERE s.store_id = ANY($1::uuid[]) AND s.business_date BETWEEN $2::date AND $3::date AND ${where}
   GROUP BY s.org_id, s.store_id, s.business_date, s.amendment, u.name, r.name${groupBy}
   ORDER BY s.business_date, s.store_id, s.amendment${groupBy}`;

const SEAL_TOTALS = coveredTakings(
  `s.kind,
         ${isoInstant('s.sealed_at')}              AS "sealedAt",
         s.sealed_by::text                         AS "sealedBy",
         coalesce(u.name, r.name)                  AS "sealedByName",
         s.signing_key                             AS "keyId",
         s.event_count::text                       AS "eventCount",
         coalesce(sum(t.orders_count), 0)::text    AS sales,
         coalesce(sum(t.payable_paise), 0)::text   AS "payablePaise",
         coalesce(sum(t.voids_count), 0)::text     AS voids,
         coalesce(sum(t.voided_paise), 0)::text    AS "voidedPaise",
         coalesce(sum(t.refunds_count), 0)::text   AS refunds,
         coalesce(sum(t.refunded_paise), 0)::text  AS "refundedPaise"`,
);

const SEAL_TENDERS = coveredTakings(
  `t.tender_kind                            AS "tenderKind",
         count(*)::text                            AS tenders,
         sum(t.applied_paise)::text                AS "appliedPaise"`,
  ', t.tender_kind',
  't.tender_kind IS NOT NULL',
);

const sealKey = (seal: { storeId: string; businessDate: string; amendment: string }) =>
  `${seal.storeId}/${seal.businessDate}/${seal.amendment}`;

/** The period's seals, by date, store and amendment, each with what its events hold in money. */
const readSeals = async (read: ReadModelQuery, scope: ReportScope, from: string, to: string) => {
  const params = [scope.storeIds, from, to];
  const seals = await read<Seal>(SEAL_TOTALS, params);
  const tenders = await read<SealTender>(SEAL_TENDERS, params);
  const tendersOf = new Map<string, SealTender[]>();
  for (const tender of tenders) tendersOf.set(sealKey(tender), [...(tendersOf.get(sealKey(tender)) ?? []), tender]);
  const order = (kind: TenderKind) => TenderKind.options.indexOf(kind);
  return seals.map((seal) => ({
    storeId: seal.storeId,
    businessDate: seal.businessDate,
    kind: seal.kind === 'amendment' ? ('amendment' as const) : ('close' as const),
    amendment: countOf(seal.amendment),
    sealedAt: seal.sealedAt,
    sealedBy: seal.sealedBy,
    sealedByName: seal.sealedByName,
    keyId: seal.keyId,
    eventCount: countOf(seal.eventCount),
    sales: countOf(seal.sales),
    payablePaise: paiseOf(seal.payablePaise),
    voids: countOf(seal.voids),
    voidedPaise: paiseOf(seal.voidedPaise),
    refunds: countOf(seal.refunds),
    refundedPaise: paiseOf(seal.refundedPaise),
    tenders: (tendersOf.get(sealKey(seal)) ?? [])
      .sort((a, b) => order(a.tenderKind) - order(b.tenderKind))
      .map((tender) => ({
        tenderKind: tender.tenderKind,
        tenders: countOf(tender.tenders),
        appliedPaise: paiseOf(tender.appliedPaise),
      })),
  }));
};

/**
 * rm_shifts opened on a business date of the period in a covered store: X for open, Z for closed;
 * and the seals of those dates, with what each close and amendment covered in money.
 */
export const shiftsQuery: ReportQuery<'shifts'> = async (read, scope, query) => {
  const shifts = await read<Shift>(
    `SELECT shift_id::text                  AS "shiftId",
            store_id::text                  AS "storeId",
            register_id::text               AS "registerId",
            ${isoDate('business_date')}     AS "businessDate",
            status,
            opened_by::text                 AS "openedBy",
            ${isoInstant('opened_at')}      AS "openedAt",
            closed_by::text                 AS "closedBy",
            ${isoInstant('closed_at')}      AS "closedAt",
            float_paise::text               AS "floatPaise",
            cash_in_paise::text             AS "cashInPaise",
            cash_out_paise::text            AS "cashOutPaise",
            cash_sales_paise::text          AS "cashSalesPaise",
            change_given_paise::text        AS "changeGivenPaise",
            cash_refunds_paise::text        AS "cashRefundsPaise",
            expected_cash_paise::text       AS "expectedCashPaise",
            counted_cash_paise::text        AS "countedCashPaise",
            variance_paise::text            AS "variancePaise"
       FROM rm_shifts
      WHERE store_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date
      ORDER BY business_date, opened_at, shift_id`,
    [scope.storeIds, query.from, query.to],
  );
  return {
    report: 'shifts',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    seals: await readSeals(read, scope, query.from, query.to),
    rows: shifts.map((shift) => {
      const status = shift.status === 'closed' ? 'closed' : 'open';
      return {
        shiftId: shift.shiftId,
        storeId: shift.storeId,
        registerId: shift.registerId,
        businessDate: shift.businessDate,
        status,
        kind: status === 'closed' ? 'Z' : 'X',
        openedBy: shift.openedBy,
        openedAt: shift.openedAt,
        closedBy: shift.closedBy,
        closedAt: shift.closedAt,
        floatPaise: paiseOf(shift.floatPaise),
        cashInPaise: paiseOf(shift.cashInPaise),
        cashOutPaise: paiseOf(shift.cashOutPaise),
        cashSalesPaise: nullablePaiseOf(shift.cashSalesPaise),
        changeGivenPaise: nullablePaiseOf(shift.changeGivenPaise),
        cashRefundsPaise: nullablePaiseOf(shift.cashRefundsPaise),
        expectedCashPaise: nullablePaiseOf(shift.expectedCashPaise),
        countedCashPaise: nullablePaiseOf(shift.countedCashPaise),
        variancePaise: nullablePaiseOf(shift.variancePaise),
      };
    }),
  };
};
