import { GstSegment, SupplyKind, type GstFigures } from '@possier/events';
import { countOf, paiseOf } from './integers.js';
import { readTotals, type ReportQuery } from './report-query.js';

type Sums = Record<'taxablePaise' | 'cgstPaise' | 'sgstPaise' | 'igstPaise', string | null>;

type Group = Sums & { segment: string; supply: string; rateBp: string; hsnSac: string };

const SUMS = `
  sum(taxable_paise)::text AS "taxablePaise",
  sum(cgst_paise)::text    AS "cgstPaise",
  sum(sgst_paise)::text    AS "sgstPaise",
  sum(igst_paise)::text    AS "igstPaise"`;

const COVERED = 'store_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date';

const figuresOf = (sum: Partial<Sums>): GstFigures => ({
  taxablePaise: paiseOf(sum.taxablePaise),
  cgstPaise: paiseOf(sum.cgstPaise),
  sgstPaise: paiseOf(sum.sgstPaise),
  igstPaise: paiseOf(sum.igstPaise),
  taxPaise: paiseOf(BigInt(sum.cgstPaise ?? 0) + BigInt(sum.sgstPaise ?? 0) + BigInt(sum.igstPaise ?? 0)),
});

/** rm_gst_summary per segment, supply, rate and HSN/SAC over the covered stores and the period. */
export const gstQuery: ReportQuery<'gst'> = async (read, scope, query) => {
  const params = [scope.storeIds, query.from, query.to];
  const groups = await read<Group>(
    `SELECT segment, supply, rate_bp::text AS "rateBp", hsn_sac AS "hsnSac", ${SUMS}
       FROM rm_gst_summary WHERE ${COVERED}
      GROUP BY segment, supply, rate_bp, hsn_sac`,
    params,
  );
  const totals = await readTotals<Sums>(read, `SELECT ${SUMS} FROM rm_gst_summary WHERE ${COVERED}`, params);
  const rows = groups
    .map((group) => ({
      segment: GstSegment.parse(group.segment),
      supply: SupplyKind.parse(group.supply),
      rateBasisPoints: countOf(group.rateBp, 'rate'),
      hsnSac: group.hsnSac,
      ...figuresOf(group),
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
    totals: figuresOf(totals),
  };
};
