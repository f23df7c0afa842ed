import { GstSegment, SupplyKind, type GstFigures } from '@possier/events';
import { dateRange, paiseOf } from './integers.js';
import type { ReportQuery } from './report-query.js';

const summed = { taxablePaise: true, cgstPaise: true, sgstPaise: true, igstPaise: true } as const;

type Sums = { [Column in keyof typeof summed]: bigint | null };

const figuresOf = (sum: Sums): GstFigures => ({
  taxablePaise: paiseOf(sum.taxablePaise),
  cgstPaise: paiseOf(sum.cgstPaise),
  sgstPaise: paiseOf(sum.sgstPaise),
  igstPaise: paiseOf(sum.igstPaise),
  taxPaise: paiseOf((sum.cgstPaise ?? 0n) + (sum.sgstPaise ?? 0n) + (sum.igstPaise ?? 0n)),
});

/** rm_gst_summary per segment, supply, rate and HSN/SAC over the covered stores and the period. */
export const gstReport: ReportQuery<'gst'> = async (tx, scope, query) => {
  const where = { storeId: { in: scope.storeIds }, businessDate: dateRange(query.from, query.to) };
  const groups = await tx.rmGstSummary.groupBy({
    by: ['segment', 'supply', 'rateBp', 'hsnSac'],
    where,
    _sum: summed,
  });
  const totals = await tx.rmGstSummary.aggregate({ where, _sum: summed });
  const rows = groups
    .map((group) => ({
      segment: GstSegment.parse(group.segment),
      supply: SupplyKind.parse(group.supply),
      rateBasisPoints: group.rateBp,
      hsnSac: group.hsnSac,
      ...figuresOf(group._sum),
    }))
    .sort(
      (a, b) =>
        GstSegment.options.indexOf(a.segment) - GstSegment.options.indexOf(b.segment) ||
        SupplyKind.options.indexOf(a.supply) - SupplyKind.options.indexOf(b.supply) ||
        a.rateBasisPoints - b.rateBasisPoints ||
        (a.hsnSac < b.hsnSac ? -1 : a.hsnSac > b.hsnSac ? 1 : 0),
    );
  return {
    report: 'gst',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    rows,
    totals: figuresOf(totals._sum),
  };
};
