import { GstSegment, SupplyKind, type GstFigures, type GstReconciliationRow } from '@possier/events';
import { countOf, paiseOf } from './integers.js';
import { readTotals, type ReadModelQuery, type ReportQuery } from './report-query.js';

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
  const reconciliation = await reconcileWithSales(read, params, figuresOf(totals));
  return {
    report: 'gst',
    orgId: scope.orgId,
    storeIds: scope.storeIds,
    from: query.from,
    to: query.to,
    rows,
    totals: figuresOf(totals),
    reconciliation,
  };
};

type SalesSide = Record<
  'taxablePaise' | 'taxPaise' | 'voidedTaxablePaise' | 'voidedTaxPaise' | 'refundedTaxablePaise' | 'refundedTaxPaise',
  string | null
>;

/**
 * The lines from the sales report's figures (rm_sales_by_hour) to the GST totals: B2C sales less
 * the voids and refunds the GST summary nets out, plus the B2B documents it alone holds. What the
 * lines leave over is shown, never absorbed.
 */
const reconcileWithSales = async (
  read: ReadModelQuery,
  params: ReadonlyArray<unknown>,
  gst: GstFigures,
): Promise<GstReconciliationRow[]> => {
  const sales = await readTotals<SalesSide>(
    read,
    `SELECT sum(taxable_paise)::text          AS "taxablePaise",
            sum(tax_paise)::text              AS "taxPaise",
            sum(voided_taxable_paise)::text   AS "voidedTaxablePaise",
            sum(voided_tax_paise)::text       AS "voidedTaxPaise",
            sum(refunded_taxable_paise)::text AS "refundedTaxablePaise",
            sum(refunded_tax_paise)::text     AS "refundedTaxPaise"
       FROM rm_sales_by_hour WHERE ${COVERED}`,
    params,
  );
  const b2b = figuresOf(
    await readTotals<Sums>(read, `SELECT ${SUMS} FROM rm_gst_summary WHERE ${COVERED} AND segment = 'B2B'`, params),
  );
  const lines: GstReconciliationRow[] = [
    { line: 'sales', taxablePaise: paiseOf(sales.taxablePaise), taxPaise: paiseOf(sales.taxPaise) },
    {
      line: 'voids',
      taxablePaise: 0 - paiseOf(sales.voidedTaxablePaise),
      taxPaise: 0 - paiseOf(sales.voidedTaxPaise),
    },
    {
      line: 'refunds',
      taxablePaise: 0 - paiseOf(sales.refundedTaxablePaise),
      taxPaise: 0 - paiseOf(sales.refundedTaxPaise),
    },
    { line: 'b2b', taxablePaise: b2b.taxablePaise, taxPaise: b2b.taxPaise },
  ];
  const left = (figure: 'taxablePaise' | 'taxPaise') =>
    paiseOf(BigInt(gst[figure]) - lines.reduce((sum, line) => sum + BigInt(line[figure]), 0n));
  return [...lines, { line: 'unexplained', taxablePaise: left('taxablePaise'), taxPaise: left('taxPaise') }];
};
