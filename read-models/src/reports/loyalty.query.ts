import type { LoyaltyPeriodRow, LoyaltyRow } from '@possier/events';
import { isoInstant } from './as-text.js';
import { countOf, paiseOf } from './integers.js';
import type { ReadModelQuery, ReportQuery } from './report-query.js';

type Account = {
  brandId: string;
  members: string;
  points: string | null;
  earnedPoints: string | null;
  redeemedPoints: string | null;
  reversedPoints: string | null;
  expiredPoints: string | null;
};

type Days = {
  brandId: string;
  members: string;
  openingPoints: string | null;
  earnedPoints: string | null;
  redeemedPoints: string | null;
  reversedPoints: string | null;
  expiredPoints: string | null;
  closingPoints: string | null;
};

type Conflict = { storeId: string; orderId: string; registerId: string | null; detail: string; recordedAt: string };

/**
 * Each brand's points over a period from rm_loyalty_days: the opening is every day before `from`,
 * the movements the days of the period, the closing both. Closing = opening + earned − redeemed −
 * reversed − expired holds row by row in the table, so it holds for the sums.
 */
const periodOf = async (
  read: ReadModelQuery,
  brandIds: ReadonlyArray<string>,
  valueOf: (brandId: string) => bigint,
  from: string,
  to: string,
): Promise<LoyaltyPeriodRow[]> => {
  const days = await read<Days>(
    `SELECT brand_id::text                                                   AS "brandId",
            count(DISTINCT customer_id)::text                                 AS members,
            sum(points) FILTER (WHERE business_date < $2::date)::text          AS "openingPoints",
            sum(earned_points) FILTER (WHERE business_date >= $2::date)::text  AS "earnedPoints",
            sum(redeemed_points) FILTER (WHERE business_date >= $2::date)::text AS "redeemedPoints",
            sum(reversed_points) FILTER (WHERE business_date >= $2::date)::text AS "reversedPoints",
            sum(expired_points) FILTER (WHERE business_date >= $2::date)::text AS "expiredPoints",
            sum(points)::text                                                 AS "closingPoints"
       FROM rm_loyalty_days
      WHERE brand_id = ANY($1::uuid[]) AND business_date <= $3::date
      GROUP BY brand_id`,
    [brandIds, from, to],
  );
  return days
    .map((day) => {
      const pointValue = valueOf(day.brandId);
      const closing = BigInt(day.closingPoints ?? 0);
      return {
        brandId: day.brandId,
        pointValuePaise: paiseOf(pointValue),
        members: countOf(day.members, 'members'),
        openingPoints: countOf(day.openingPoints, 'opening points'),
        earnedPoints: countOf(day.earnedPoints),
        redeemedPoints: countOf(day.redeemedPoints),
        reversedPoints: countOf(day.reversedPoints),
        expiredPoints: countOf(day.expiredPoints),
        closingPoints: countOf(closing, 'closing points'),
        closingLiabilityPaise: paiseOf(closing * pointValue, 'liability'),
      };
    })
    .sort((a, b) => a.brandId.localeCompare(b.brandId));
};

/**
 * Points outstanding per brand of the covered stores (rm_loyalty_accounts) priced at the brand's
 * point value now (rm_loyalty_rules), or a period's points movements (rm_loyalty_days); and the
 * covered stores' loyalty shortfalls found on replay.
 */
export const loyaltyQuery: ReportQuery<'loyalty'> = async (read, scope, query) => {
  const period = query.from !== undefined && query.to !== undefined ? { from: query.from, to: query.to } : null;
  const stores = await read<{ brandId: string }>(
    'SELECT DISTINCT brand_id::text AS "brandId" FROM rm_stores WHERE store_id = ANY($1::uuid[])',
    [scope.storeIds],
  );
  const brandIds = stores.map((store) => store.brandId).sort();
  const [accounts, rules, conflicts] = await Promise.all([
    // A period reads the dated rows instead (periodOf).
    period
      ? Promise.resolve<Account[]>([])
      : read<Account>(
          `SELECT brand_id::text                AS "brandId",
              count(customer_id)::text      AS members,
              sum(points)::text             AS points,
              sum(earned_points)::text      AS "earnedPoints",
              sum(redeemed_points)::text    AS "redeemedPoints",
              sum(reversed_points)::text    AS "reversedPoints",
              sum(expired_points)::text     AS "expiredPoints"
         FROM rm_loyalty_accounts
        WHERE brand_id = ANY($1::uuid[])
        GROUP BY brand_id`,
          [brandIds],
        ),
    read<{ brandId: string; pointValuePaise: string }>(
      `SELECT brand_id::text AS "brandId", point_value_paise::text AS "pointValuePaise"
         FROM rm_loyalty_rules WHERE brand_id = ANY($1::uuid[])`,
      [brandIds],
    ),
    read<Conflict>(
      `SELECT store_id::text AS "storeId", order_id::text AS "orderId", register_id::text AS "registerId",
              detail, ${isoInstant('recorded_at')} AS "recordedAt"
         FROM rm_offline_conflicts
        WHERE store_id = ANY($1::uuid[]) AND kind = 'loyalty_shortfall'
        ORDER BY recorded_at DESC, order_id, conflict_index
        LIMIT 500`,
      [scope.storeIds],
    ),
  ]);
  const valueOf = new Map(rules.map((rule) => [rule.brandId, rule.pointValuePaise]));
  const movements = period
    ? await periodOf(read, brandIds, (brandId) => BigInt(valueOf.get(brandId) ?? 0), period.from, period.to)
    : [];
  const rows: LoyaltyRow[] = accounts
    .map((account) => {
      const pointValue = BigInt(valueOf.get(account.brandId) ?? 0);
      const points = BigInt(account.points ?? 0);
      return {
        brandId: account.brandId,
        pointValuePaise: paiseOf(pointValue),
        members: countOf(account.members, 'members'),
        pointsOutstanding: countOf(points, 'points'),
        liabilityPaise: paiseOf(points * pointValue, 'liability'),
        earnedPoints: countOf(account.earnedPoints),
        redeemedPoints: countOf(account.redeemedPoints),
        reversedPoints: countOf(account.reversedPoints),
        expiredPoints: countOf(account.expiredPoints),
      };
    })
    .sort((a, b) => a.brandId.localeCompare(b.brandId));
  return {
    report: 'loyalty',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    brandIds,
    period,
    rows,
    movements,
    totals: period
      ? {
          pointsOutstanding: movements.reduce((sum, row) => sum + row.closingPoints, 0),
          liabilityPaise: paiseOf(movements.reduce((sum, row) => sum + BigInt(row.closingLiabilityPaise), 0n)),
        }
      : {
          pointsOutstanding: rows.reduce((sum, row) => sum + row.pointsOutstanding, 0),
          liabilityPaise: paiseOf(rows.reduce((sum, row) => sum + BigInt(row.liabilityPaise), 0n)),
        },
    conflicts,
  };
};
