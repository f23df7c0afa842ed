import { AGING_BUCKET_LABELS, type AgingTotal, type ReceivableRow } from '@possier/events';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useResource } from '../api/use-resource';
import { paiseTick, paiseTooltip } from '../charts/axes';
import { colourAt } from '../charts/palette';
import { periodQuery } from '../filters/filters';
import { FigureTable, type Column } from './FigureTable';
import { Headline } from './Headline';
import { Panel } from './Panel';
import { periodKeys, type ReportPanelProps } from './report-panel';

const agingColumns: ReadonlyArray<Column<AgingTotal>> = [
  { field: 'bucket', header: 'Aging', kind: 'text', value: (row) => AGING_BUCKET_LABELS[row.bucket] },
  { field: 'invoices', header: 'Invoices', kind: 'count' },
  { field: 'outstandingPaise', header: 'Outstanding', kind: 'paise' },
];

const invoiceColumns: ReadonlyArray<Column<ReceivableRow>> = [
  { field: 'invoiceNumber', header: 'Invoice', kind: 'text' },
  { field: 'customerName', header: 'Customer', kind: 'text' },
  { field: 'dueDate', header: 'Due', kind: 'text' },
  { field: 'daysUntilDue', header: 'Due in days', kind: 'count' },
  { field: 'daysPastDue', header: 'Days past due', kind: 'count' },
  { field: 'payablePaise', header: 'Invoiced', kind: 'paise' },
  { field: 'paidPaise', header: 'Paid', kind: 'paise' },
  { field: 'outstandingPaise', header: 'Outstanding', kind: 'paise' },
];

/** B2B invoices issued in the period and not settled, aged as of the period's last date. */
export const ReceivablesPanel = (props: ReportPanelProps) => {
  const resource = useResource(() => props.api.report('receivables', periodQuery(props.filters)), periodKeys(props));
  return (
    <Panel id="receivables" title="Receivables aging" resource={resource} wide>
      {(report) => (
        <>
          <Headline
            figures={[
              {
                field: 'outstandingPaise',
                label: `Outstanding as of ${report.asOf}`,
                kind: 'paise',
                value: report.outstandingPaise,
              },
            ]}
          />
          {report.outstandingPaise > 0 && (
            <div className="chart" role="img" aria-label="Outstanding amount by days past due">
              <ResponsiveContainer width="100%" height={180}>
                <BarChart
                  data={report.aging.map((row) => ({ ...row, name: AGING_BUCKET_LABELS[row.bucket] }))}
                  margin={{ left: 16 }}
                >
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="name" />
                  <YAxis tickFormatter={paiseTick} allowDecimals={false} width={80} />
                  <Tooltip formatter={paiseTooltip} />
                  <Bar dataKey="outstandingPaise" name="Outstanding" fill={colourAt(3)} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
          <FigureTable
            name="aging"
            caption="Aging"
            columns={agingColumns}
            rows={report.aging}
            rowKey={(row) => row.bucket}
            totals={{ outstandingPaise: report.outstandingPaise, invoices: report.rows.length }}
            empty="No invoices."
          />
          <FigureTable
            name="invoices"
            caption="Unsettled invoices, most overdue first"
            columns={invoiceColumns}
            rows={report.rows}
            rowKey={(row) => row.invoiceId}
            empty="Every invoice issued in this period is settled."
          />
        </>
      )}
    </Panel>
  );
};
