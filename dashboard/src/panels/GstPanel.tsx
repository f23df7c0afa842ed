import { GST_RECONCILIATION_LABELS, type GstReconciliationRow, type GstRow } from '@possier/events';
import { useResource } from '../api/use-resource';
import { periodQuery } from '../filters/filters';
import { FigureTable, type Column } from './FigureTable';
import { Panel } from './Panel';
import { periodKeys, type ReportPanelProps } from './report-panel';

const columns: ReadonlyArray<Column<GstRow>> = [
  { field: 'segment', header: 'Segment', kind: 'text' },
  {
    field: 'supply',
    header: 'Supply',
    kind: 'text',
    value: (row) => (row.supply === 'intra_state' ? 'Intra-state' : 'Inter-state'),
  },
  { field: 'rateBasisPoints', header: 'Rate', kind: 'rate' },
  { field: 'hsnSac', header: 'HSN/SAC', kind: 'text' },
  { field: 'taxablePaise', header: 'Taxable', kind: 'paise' },
  { field: 'cgstPaise', header: 'CGST', kind: 'paise' },
  { field: 'sgstPaise', header: 'SGST', kind: 'paise' },
  { field: 'igstPaise', header: 'IGST', kind: 'paise' },
  { field: 'taxPaise', header: 'Tax', kind: 'paise' },
];

const reconciliationColumns: ReadonlyArray<Column<GstReconciliationRow>> = [
  { field: 'line', header: 'Line', kind: 'text', value: (row) => GST_RECONCILIATION_LABELS[row.line] },
  { field: 'taxablePaise', header: 'Taxable', kind: 'paise' },
  { field: 'taxPaise', header: 'Tax', kind: 'paise' },
];

/**
 * The GST summary a GSTR-1 is filled from: by B2C/B2B, supply, rate and HSN/SAC, net of voids and
 * refunds; then how it reconciles with the sales report.
 */
export const GstPanel = (props: ReportPanelProps) => {
  const resource = useResource(() => props.api.report('gst', periodQuery(props.filters)), periodKeys(props));
  return (
    <Panel id="gst" title="GST summary" resource={resource} wide>
      {(report) => (
        <>
          <FigureTable
            name="gst"
            caption="GST by segment, supply, rate and HSN/SAC"
            columns={columns}
            rows={report.rows}
            rowKey={(row) => `${row.segment} ${row.supply} ${row.rateBasisPoints} ${row.hsnSac}`}
            totals={report.totals}
            empty="No taxable supplies in this period."
          />
          <FigureTable
            name="gst-reconciliation"
            caption="Reconciled with the sales report: its taxable and tax, voids and refunds netted out, B2B documents added"
            columns={reconciliationColumns}
            rows={report.reconciliation}
            rowKey={(row) => row.line}
            totals={{ taxablePaise: report.totals.taxablePaise, taxPaise: report.totals.taxPaise }}
            empty="Nothing to reconcile."
          />
        </>
      )}
    </Panel>
  );
};
